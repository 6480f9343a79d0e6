package org.m3vit.model.board;

import org.m3vit.model.io.Tensor;
import org.m3vit.model.nn.TransformerBlock;

/**
 * compute_norm (src/layernorm.cpp), per token: term_i = x_i * fm_t(1/D) (the constant itself
 * truncated to fm_t), mean = sum of term_i, mean_sq = sum of x_i * term_i; variance =
 * mean_sq - mean * mean + fm_t(eps); rstd = 1 / sqrt(variance) with the fixed-point square
 * root and divide; out_i = ((x_i - mean) * rstd) * weight_i + bias_i, each product truncated.
 * Weights ap_fixed&lt;16,5&gt;, biases ap_fixed&lt;16,5&gt;. The design sets eps to 1e-6 at run time,
 * our model's epsilon too; fm_t(1e-6) is 4 * 2^-22 = 9.5e-7.
 */
final class BoardNorm implements Arithmetic.NormOp {

    private static final int WEIGHT_FRAC = FixedFormat.NORM_WEIGHT.fracBits();

    private final int[] weight;
    private final int[] bias;
    private final int eps = FixedMath.of(TransformerBlock.LN_EPS);

    BoardNorm(String name, Tensor weight, Tensor bias, WeightReport report) {
        this.weight = BoardArithmetic.convert(name + " weight", Weights.slice(weight.data(), 0, weight.size()), FixedFormat.NORM_WEIGHT, report);
        int[] b = BoardArithmetic.convert(name + " bias", Weights.slice(bias.data(), 0, bias.size()), FixedFormat.BIAS, report);
        this.bias = new int[b.length];
        for (int i = 0; i < b.length; i++) this.bias[i] = BoardArithmetic.toActivation(b[i], FixedFormat.BIAS);
    }

    @Override
    public TokenMatrix apply(TokenMatrix in, WrapCounter wraps) {
        int d = in.width();
        int inverse = FixedMath.of(1.0 / d);
        int[] x = BoardArithmetic.raw(in);
        int[] out = new int[x.length];
        for (int r = 0; r < in.rows(); r++) {
            int row = r * d;
            long sum = 0, sumSq = 0;
            for (int i = 0; i < d; i++) {
                int term = FixedMath.mul(x[row + i], inverse, wraps);
                sum += term;
                sumSq += FixedMath.mul(x[row + i], term, wraps);
            }
            int mean = wraps.store(sum);
            int meanSq = wraps.store(sumSq);
            int variance = wraps.store((long) meanSq - FixedMath.mul(mean, mean, wraps) + eps);
            int rstd = FixedMath.recip(FixedMath.sqrt(variance, wraps), wraps);
            for (int i = 0; i < d; i++) {
                int v = wraps.store((long) x[row + i] - mean);
                v = FixedMath.mul(v, rstd, wraps);
                v = FixedMath.mulWeight(v, weight[i], WEIGHT_FRAC, wraps);
                out[row + i] = wraps.store((long) v + bias[i]);
            }
        }
        return BoardArithmetic.matrix(in.rows(), d, out);
    }
}
