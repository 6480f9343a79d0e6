package org.m3vit.model.board;

import org.m3vit.model.io.Tensor;

/**
 * One task's gate as src/moe.cpp computes it: logits = LN2(x) * w_gate with the weights in
 * ap_fixed&lt;16,2&gt;, no bias, each product truncated; the single-pass softmax statistics over
 * the experts in id order; top-k on the logits ({@link TopK}); each chosen expert's weight
 * exp(logit - max) / sum with a truncating divide, not renormalised over the k, like ours.
 * The design's top_k leaves a slot unassigned when a score does not displace it (a C++
 * read of an uninitialised value); we emulate the evident intent, that the slot keeps its
 * entry. The probabilities of the other experts (for the routing views) use the same formula.
 */
final class BoardGate implements Arithmetic.GateOp {

    private static final int WEIGHT_FRAC = FixedFormat.LINEAR_WEIGHT.fracBits();

    private final int block;
    private final int dim;
    private final int experts;
    private final int topK;
    private final int[] weight;

    BoardGate(String name, int block, Tensor weight, int topK, WeightReport report) {
        this.block = block;
        this.dim = (int) weight.shape()[0];
        this.experts = (int) weight.shape()[1];
        this.topK = topK;
        this.weight = BoardArithmetic.convert(name, Weights.slice(weight.data(), 0, weight.size()), FixedFormat.LINEAR_WEIGHT, report);
    }

    @Override
    public GateDecision apply(TokenMatrix in, WrapCounter wraps) {
        int n = in.rows();
        int[] x = BoardArithmetic.raw(in);
        int[][] ids = new int[n][];
        double[][] chosen = new double[n][topK];
        double[][] probabilities = new double[n][experts];
        long[] sums = new long[experts];
        int[] logits = new int[experts];
        double[] logitValues = new double[experts];
        for (int t = 0; t < n; t++) {
            java.util.Arrays.fill(sums, 0);
            for (int i = 0; i < dim; i++) {
                long xi = x[t * dim + i];
                for (int e = 0; e < experts; e++) sums[e] += (xi * weight[i * experts + e]) >> WEIGHT_FRAC;
            }
            OnlineSoftmax softmax = new OnlineSoftmax(wraps);
            for (int e = 0; e < experts; e++) {
                logits[e] = wraps.store(sums[e]);
                logitValues[e] = FixedMath.value(logits[e]);
                softmax.add(logits[e]);
            }
            for (int e = 0; e < experts; e++) {
                int numerator = FixedMath.exp(wraps.store((long) logits[e] - softmax.bias()), wraps);
                probabilities[t][e] = FixedMath.value(FixedMath.div(numerator, softmax.sum(), wraps));
            }
            ids[t] = TopK.of(logitValues, topK, FixedMath.value(FixedMath.MIN));
            for (int j = 0; j < topK; j++) chosen[t][j] = probabilities[t][ids[t][j]];
        }
        return new GateDecision(block, ids, chosen, probabilities);
    }
}
