package org.m3vit.model.board;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our backbone, step by step in the order the Edge-MoE kernel runs it (src/ViT_compute.cpp),
 * in a chosen {@link Arithmetic}: patch embedding (+ cls, + positions); per block LayerNorm 1,
 * q, k and v as three linears, the attention core, the output projection, the residual add,
 * LayerNorm 2, then the dense MLP (fc1 + GELU, fc2) or the task's gate and the selected
 * experts (each expert's fc1 + GELU and fc2 on its tokens, the rows scaled by their gate weights
 * and added to a zeroed output, experts in id order), and the residual add. No final norm, as in
 * our network. The weights are read once from a model's weight map (checkpoint names) and
 * prepared by the arithmetic; {@link #run} may then be called for any image and task.
 */
public final class BackboneEmulator {

    private final ModelConfig config;
    private final Arithmetic arithmetic;
    private final WeightReport report = new WeightReport();
    private final Arithmetic.PatchOp patch;
    private final List<Block> blocks = new ArrayList<>();

    /** The operations of one transformer block. */
    private record Block(int index, Arithmetic.NormOp norm1, Arithmetic.LinearOp q, Arithmetic.LinearOp k, Arithmetic.LinearOp v,
                         Arithmetic.AttentionOp attention, Arithmetic.LinearOp proj, Arithmetic.NormOp norm2,
                         Arithmetic.LinearOp fc1, Arithmetic.LinearOp fc2,
                         List<Arithmetic.GateOp> gates, List<Arithmetic.LinearOp> expertIn, List<Arithmetic.LinearOp> expertOut) {
        boolean moe() { return !gates.isEmpty(); }
    }

    private BackboneEmulator(ModelConfig config, Map<String, Tensor> weights, Arithmetic arithmetic) {
        this.config = config;
        this.arithmetic = arithmetic;
        String pe = "backbone.patch_embed.proj.";
        patch = arithmetic.patchEmbedding(config, tensor(weights, pe + "weight"), tensor(weights, pe + "bias"),
                tensor(weights, "backbone.cls_token"), tensor(weights, "backbone.pos_embed"), report);
        int d = config.embedDim();
        for (int b = 0; b < config.depth(); b++) {
            String p = "backbone.blocks." + b + ".";
            Tensor qkvW = tensor(weights, p + "attn.qkv.weight"), qkvB = tensor(weights, p + "attn.qkv.bias");
            Arithmetic.NormOp norm1 = norm(weights, p + "norm1");
            Arithmetic.LinearOp q = arithmetic.linear(p + "attn.qkv[q]", qkvW, qkvB, 0, d, FixedFormat.ATTENTION_BIAS, report);
            Arithmetic.LinearOp k = arithmetic.linear(p + "attn.qkv[k]", qkvW, qkvB, d, d, FixedFormat.ATTENTION_BIAS, report);
            Arithmetic.LinearOp v = arithmetic.linear(p + "attn.qkv[v]", qkvW, qkvB, 2 * d, d, FixedFormat.ATTENTION_BIAS, report);
            Arithmetic.LinearOp proj = linear(weights, p + "attn.proj", FixedFormat.ATTENTION_BIAS);
            Arithmetic.NormOp norm2 = norm(weights, p + "norm2");
            List<Arithmetic.GateOp> gates = new ArrayList<>();
            List<Arithmetic.LinearOp> in = new ArrayList<>(), out = new ArrayList<>();
            Arithmetic.LinearOp fc1 = null, fc2 = null;
            if (config.isMoe(b)) {
                for (int t = 0; t < config.numTasks(); t++) {
                    String g = p + "mlp.gate." + t + ".w_gate";
                    gates.add(arithmetic.gate(g, b, tensor(weights, g), config.topK(), report));
                }
                String ex = p + "mlp.experts.";
                int h = config.expertHidden();
                for (int e = 0; e < config.numExperts(); e++) {
                    in.add(arithmetic.linear(ex + "htoh4[" + e + "]", tensor(weights, ex + "htoh4.weight"), tensor(weights, ex + "htoh4.bias"),
                            e * h, h, FixedFormat.BIAS, report));
                    out.add(arithmetic.linear(ex + "h4toh[" + e + "]", tensor(weights, ex + "h4toh.weight"), tensor(weights, ex + "h4toh.bias"),
                            e * d, d, FixedFormat.BIAS, report));
                }
            } else {
                fc1 = linear(weights, p + "mlp.fc1", FixedFormat.BIAS);
                fc2 = linear(weights, p + "mlp.fc2", FixedFormat.BIAS);
            }
            blocks.add(new Block(b, norm1, q, k, v, arithmetic.attention(config.numHeads()), proj, norm2, fc1, fc2, gates, in, out));
        }
    }

    /** The emulator of {@code config}'s backbone with {@code weights} (checkpoint names, e.g. {@code M3ViTModel.weights()}). */
    public static BackboneEmulator of(ModelConfig config, Map<String, Tensor> weights, Arithmetic arithmetic) {
        return new BackboneEmulator(config, weights, arithmetic);
    }

    /** The model's config. */
    public ModelConfig config() { return config; }

    /** The arithmetic it computes in. */
    public Arithmetic arithmetic() { return arithmetic; }

    /** The weights it converted, with the counts out of their formats' range (empty for float). */
    public WeightReport weightReport() { return report; }

    /** The backbone on one normalised image (3 x H x W) with task id {@code task}'s gates. */
    public BackboneRun run(float[] chw, int task) {
        if (chw.length != 3 * config.imageHeight() * config.imageWidth()) {
            throw new IllegalArgumentException("model '" + config.name() + "' takes 3x" + config.imageHeight() + "x" + config.imageWidth()
                    + " values, got " + chw.length);
        }
        if (task < 0 || task >= config.numTasks()) {
            throw new IllegalArgumentException("model '" + config.name() + "' has task ids 0.." + (config.numTasks() - 1) + ", not " + task);
        }
        List<BackboneRun.Layer> layers = new ArrayList<>();
        List<GateDecision> routing = new ArrayList<>();
        WrapCounter wraps = new WrapCounter();
        TokenMatrix x = patch.apply(chw, wraps);
        layers.add(new BackboneRun.Layer("patch_embed", x, wraps.wraps()));
        for (Block b : blocks) {
            long before = wraps.wraps();
            TokenMatrix h = b.norm1().apply(x, wraps);
            TokenMatrix mixed = b.attention().apply(b.q().apply(h, false, wraps), b.k().apply(h, false, wraps), b.v().apply(h, false, wraps), wraps);
            x = arithmetic.add(x, b.proj().apply(mixed, false, wraps), wraps);
            layers.add(new BackboneRun.Layer("blocks." + b.index() + ".attn", x, wraps.wraps() - before));
            before = wraps.wraps();
            h = b.norm2().apply(x, wraps);
            TokenMatrix m;
            if (b.moe()) {
                GateDecision decision = b.gates().get(task).apply(h, wraps);
                routing.add(decision);
                m = experts(b, h, decision, wraps);
            } else {
                m = b.fc2().apply(b.fc1().apply(h, true, wraps), false, wraps);
            }
            x = arithmetic.add(x, m, wraps);
            layers.add(new BackboneRun.Layer("blocks." + b.index() + ".mlp", x, wraps.wraps() - before));
        }
        return new BackboneRun(arithmetic.name(), x, layers, routing);
    }

    /** compute_moe: a zeroed output; each expert with tokens runs on its token queue (token order) and adds its weighted rows. */
    private TokenMatrix experts(Block b, TokenMatrix h, GateDecision decision, WrapCounter wraps) {
        int n = h.rows(), k = config.topK();
        TokenMatrix out = TokenMatrix.zeros(n, h.width());
        for (int e = 0; e < config.numExperts(); e++) {
            int[] queue = new int[n];
            double[] weight = new double[n];
            int length = 0;
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < k; j++) {
                    if (decision.experts()[t][j] == e) {
                        queue[length] = t;
                        weight[length++] = decision.weights()[t][j];
                    }
                }
            }
            if (length == 0) continue;
            int[] rows = java.util.Arrays.copyOf(queue, length);
            TokenMatrix y = b.expertOut().get(e).apply(b.expertIn().get(e).apply(h.gather(rows), true, wraps), false, wraps);
            for (int r = 0; r < length; r++) arithmetic.addScaled(out, rows[r], weight[r], y, r, wraps);
        }
        return out;
    }

    private Arithmetic.LinearOp linear(Map<String, Tensor> weights, String prefix, FixedFormat biasFormat) {
        Tensor w = tensor(weights, prefix + ".weight");
        return arithmetic.linear(prefix, w, tensor(weights, prefix + ".bias"), 0, (int) w.shape()[0], biasFormat, report);
    }

    private Arithmetic.NormOp norm(Map<String, Tensor> weights, String prefix) {
        return arithmetic.norm(prefix, tensor(weights, prefix + ".weight"), tensor(weights, prefix + ".bias"), report);
    }

    private static Tensor tensor(Map<String, Tensor> weights, String name) {
        Tensor t = weights.get(name);
        if (t == null) throw new IllegalArgumentException("weights have no tensor '" + name + "'");
        return t;
    }
}
