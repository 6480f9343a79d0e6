package org.m3vit.model.io;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor an M³ViT of a given config holds, by its key name in the published checkpoint
 * (without {@code module.}) and its shape: the single source of truth for saving, loading and
 * checkpoint import. BatchNorm {@code num_batches_tracked} counters are not part of it.
 */
public final class WeightLayout {

    private WeightLayout() { }

    /** Name -> shape of every tensor, in checkpoint order. */
    public static Map<String, long[]> expected(ModelConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long d = c.embedDim();
        m.put("backbone.cls_token", new long[] {1, 1, d});
        m.put("backbone.pos_embed", new long[] {1, c.numTokens(), d});
        m.put("backbone.patch_embed.proj.weight", new long[] {d, 3, c.patchSize(), c.patchSize()});
        m.put("backbone.patch_embed.proj.bias", new long[] {d});
        for (int b = 0; b < c.depth(); b++) {
            String p = "backbone.blocks." + b + ".";
            m.put(p + "norm1.weight", new long[] {d});
            m.put(p + "norm1.bias", new long[] {d});
            m.put(p + "attn.qkv.weight", new long[] {3 * d, d});
            m.put(p + "attn.qkv.bias", new long[] {3 * d});
            m.put(p + "attn.proj.weight", new long[] {d, d});
            m.put(p + "attn.proj.bias", new long[] {d});
            m.put(p + "norm2.weight", new long[] {d});
            m.put(p + "norm2.bias", new long[] {d});
            if (c.isMoe(b)) {
                long e = c.numExperts();
                long h = c.expertHidden();
                for (int t = 0; t < c.numTasks(); t++) m.put(p + "mlp.gate." + t + ".w_gate", new long[] {d, e});
                m.put(p + "mlp.experts.htoh4.weight", new long[] {e, h, d});
                m.put(p + "mlp.experts.htoh4.bias", new long[] {e, h});
                m.put(p + "mlp.experts.h4toh.weight", new long[] {e, d, h});
                m.put(p + "mlp.experts.h4toh.bias", new long[] {e, d});
            } else {
                long h = c.mlpHidden();
                m.put(p + "mlp.fc1.weight", new long[] {h, d});
                m.put(p + "mlp.fc1.bias", new long[] {h});
                m.put(p + "mlp.fc2.weight", new long[] {d, h});
                m.put(p + "mlp.fc2.bias", new long[] {d});
            }
        }
        long ch = c.headChannels();
        for (TaskSpec task : c.tasks()) {
            String p = "decoders." + task.name() + ".";
            m.put(p + "norm.weight", new long[] {d});
            m.put(p + "norm.bias", new long[] {d});
            for (int k = 0; k <= 4; k++) {
                long in = k == 0 ? d : ch;
                long out = k == 4 ? task.channels() : ch;
                long kernel = k == 4 ? 1 : 3;
                m.put(p + "conv_" + k + ".weight", new long[] {out, in, kernel, kernel});
                m.put(p + "conv_" + k + ".bias", new long[] {out});
            }
            for (int k = 0; k <= 3; k++) {
                for (String s : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                    m.put(p + "syncbn_fc_" + k + "." + s, new long[] {ch});
                }
            }
        }
        return m;
    }

    /** Total number of values (parameters plus BatchNorm statistics). */
    public static long totalValues(ModelConfig c) {
        long n = 0;
        for (long[] s : expected(c).values()) {
            long v = 1;
            for (long x : s) v *= x;
            n += v;
        }
        return n;
    }
}
