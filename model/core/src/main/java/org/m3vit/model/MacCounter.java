package org.m3vit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * MAC accounting of one single-task pass over one image (see docs/network.md). Counted:
 * every multiply-accumulate of the linears (qkv, proj, fc1/fc2, expert htoh4/h4toh), the
 * attention matmuls (q k^T and attn v), the convolutions (patch embedding and heads) and the
 * gating matmul. Not counted: norms, softmax, activations, bias adds, residual adds, gate
 * scaling and the bilinear resizes. "All tasks" means T passes (the routing differs per task,
 * so every backbone layer runs T times) with all E experts on every token, plus every head.
 */
public final class MacCounter {

    private MacCounter() { }

    /** The rows of a pass of task {@code task} whose MoE blocks sent {@code tokensPerExpert[i][e]} tokens to expert e. */
    public static MacCount count(ModelConfig c, int task, List<int[]> tokensPerExpert) {
        long t = c.numTasks();
        long n = c.numTokens();
        long d = c.embedDim();
        long p = c.patchSize();
        List<LayerMacs> rows = new ArrayList<>();
        long embed = (long) c.numPatches() * d * 3 * p * p;
        rows.add(new LayerMacs("patch_embed", embed, embed, t * embed));
        int moe = 0;
        for (int b = 0; b < c.depth(); b++) {
            String prefix = "blocks." + b + ".";
            long attn = n * d * 3 * d + 2 * n * n * d + n * d * d;
            rows.add(new LayerMacs(prefix + "attn", attn, attn, t * attn));
            if (c.isMoe(b)) {
                long gate = n * d * c.numExperts();
                rows.add(new LayerMacs(prefix + "mlp.gate", gate, gate, t * gate));
                int[] counts = tokensPerExpert.get(moe++);
                long perToken = 2L * d * c.expertHidden();
                long routed = 0;
                for (int k : counts) routed += k;
                long dense = n * c.numExperts() * perToken;
                rows.add(new LayerMacs(prefix + "mlp.experts", routed * perToken, dense, t * dense));
            } else {
                long mlp = 2L * n * d * c.mlpHidden();
                rows.add(new LayerMacs(prefix + "mlp", mlp, mlp, t * mlp));
            }
        }
        if (moe != tokensPerExpert.size()) {
            throw new IllegalArgumentException("routing of " + tokensPerExpert.size() + " MoE blocks for a config with " + moe);
        }
        for (int k = 0; k < c.numTasks(); k++) {
            long head = headMacs(c, c.tasks().get(k));
            long run = k == task ? head : 0;
            rows.add(new LayerMacs("decoders." + c.tasks().get(k).name(), run, run, head));
        }
        return new MacCount(rows);
    }

    /** MACs of one task head on one image: the five convolutions of its {@link HeadPlan}. */
    public static long headMacs(ModelConfig c, TaskSpec task) {
        return HeadPlan.of(c, task).macs();
    }
}
