package org.m3vit.model;

/**
 * The routing of one MoE block for one task: for every token (0 = cls, n >= 1 = patch n-1 in
 * row-major order) its top-k expert ids (best first), their gate weights (softmax
 * probabilities, not renormalised) and the full softmax over all experts.
 */
public record LayerRouting(int block, int[][] experts, float[][] weights, float[][] probabilities) {

    public LayerRouting {
        if (experts.length != weights.length || experts.length != probabilities.length) {
            throw new IllegalArgumentException("block " + block + ": token counts differ between experts, weights and probabilities");
        }
    }

    /** Number of tokens routed. */
    public int numTokens() { return experts.length; }

    /** k, the experts chosen per token. */
    public int topK() { return experts.length == 0 ? 0 : experts[0].length; }

    /** Number of experts E. */
    public int numExperts() { return probabilities.length == 0 ? 0 : probabilities[0].length; }

    /** How many tokens chose each expert among their top-k (sums to tokens x k). */
    public int[] tokensPerExpert() {
        int[] counts = new int[numExperts()];
        for (int[] row : experts) {
            for (int e : row) counts[e]++;
        }
        return counts;
    }

    /** Each token's top-1 expert. */
    public int[] top1() {
        int[] out = new int[experts.length];
        for (int t = 0; t < experts.length; t++) out[t] = experts[t][0];
        return out;
    }

    /** The tokens routed to {@code expert}, in token order: the expert's queue in the reordered dataflow. */
    public int[] queue(int expert) {
        int n = 0;
        for (int[] row : experts) for (int e : row) if (e == expert) n++;
        int[] q = new int[n];
        int i = 0;
        for (int t = 0; t < experts.length; t++) {
            for (int e : experts[t]) if (e == expert) q[i++] = t;
        }
        return q;
    }

    /** Gate weight of {@code expert} for {@code token}, 0 when the token did not choose it. */
    public float gateWeight(int token, int expert) {
        for (int j = 0; j < experts[token].length; j++) {
            if (experts[token][j] == expert) return weights[token][j];
        }
        return 0f;
    }
}
