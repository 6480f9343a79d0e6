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
}
