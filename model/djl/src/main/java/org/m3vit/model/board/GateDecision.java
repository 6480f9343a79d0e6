package org.m3vit.model.board;

/**
 * What one task's gate decided in one MoE block, per token: its top-k experts (best first),
 * their gate weights (not renormalised) and the weight the same formula gives every expert.
 */
public record GateDecision(int block, int[][] experts, double[][] weights, double[][] probabilities) {

    /** Tokens routed. */
    public int tokens() { return experts.length; }
}
