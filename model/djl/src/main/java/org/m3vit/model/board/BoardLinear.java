package org.m3vit.model.board;

import org.m3vit.model.io.Tensor;

/**
 * compute_linear_on_stream (src/linear.cpp): per output the accumulator starts at the bias (as
 * fm_t), each product input * weight (fm_t times ap_fixed&lt;16,2&gt;) is formed exactly and stored
 * into an fm_t addend (truncated to 22 fractional bits), the addends are summed wrapping, and
 * the result optionally goes through the table GELU. Wrapping sums are sums modulo 2^32, so
 * their order does not matter: the emulation sums exactly in a long and keeps its low 32 bits,
 * which is the board's result, and counts a wrap when the exact sum was out of range.
 */
final class BoardLinear implements Arithmetic.LinearOp {

    private static final int WEIGHT_FRAC = FixedFormat.LINEAR_WEIGHT.fracBits();

    private final int inputs;
    private final int outputs;
    private final int[] weight;
    private final int[] bias;

    BoardLinear(String name, Tensor weight, Tensor bias, int firstRow, int outputs, FixedFormat biasFormat, WeightReport report) {
        this.inputs = (int) weight.shape()[weight.shape().length - 1];
        this.outputs = outputs;
        this.weight = BoardArithmetic.convert(name + " weight",
                Weights.slice(weight.data(), firstRow * inputs, outputs * inputs), FixedFormat.LINEAR_WEIGHT, report);
        int[] b = BoardArithmetic.convert(name + " bias", Weights.slice(bias.data(), firstRow, outputs), biasFormat, report);
        this.bias = new int[outputs];
        for (int j = 0; j < outputs; j++) this.bias[j] = BoardArithmetic.toActivation(b[j], biasFormat);
    }

    @Override
    public TokenMatrix apply(TokenMatrix in, boolean gelu, WrapCounter wraps) {
        if (in.width() != inputs) throw new IllegalArgumentException("linear of " + inputs + " inputs given rows of " + in.width());
        int[] x = BoardArithmetic.raw(in);
        int[] out = new int[in.rows() * outputs];
        for (int r = 0; r < in.rows(); r++) {
            int xr = r * inputs;
            for (int j = 0; j < outputs; j++) {
                long acc = bias[j];
                int wr = j * inputs;
                for (int i = 0; i < inputs; i++) acc += ((long) x[xr + i] * weight[wr + i]) >> WEIGHT_FRAC;
                int y = wraps.store(acc);
                out[r * outputs + j] = gelu ? GeluTable.gelu(y) : y;
            }
        }
        return BoardArithmetic.matrix(in.rows(), outputs, out);
    }
}
