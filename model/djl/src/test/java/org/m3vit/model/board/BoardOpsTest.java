package org.m3vit.model.board;

import org.junit.jupiter.api.Test;
import org.m3vit.model.io.Tensor;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The board's operations against hand-computed values and against the float arithmetic with derived bounds. */
class BoardOpsTest {

    private static final double ULP = Math.scalb(1.0, -22);
    private final WeightReport report = new WeightReport();

    @Test
    void linearAccumulatesTruncatedProductsFromTheBias() {
        // x = fm(1.3), fm(-0.7) = 5452595, -2936013 raw; w = 0.1f, -0.3f -> 1638, -4916 (2^-14); b = 0.05f -> 102 (2^-11)
        // 102 * 2^11 + floor(5452595 * 1638 / 2^14) + floor(-2936013 * -4916 / 2^14) = 1634969
        Tensor w = new Tensor(new long[] {1, 2}, new float[] {0.1f, -0.3f});
        Tensor b = new Tensor(new long[] {1}, new float[] {0.05f});
        Arithmetic.LinearOp op = new BoardArithmetic().linear("test", w, b, 0, 1, FixedFormat.BIAS, report);
        TokenMatrix x = new TokenMatrix(1, 2, new double[] {FixedMath.value(5_452_595), FixedMath.value(-2_936_013)});
        TokenMatrix y = op.apply(x, false, new WrapCounter());
        assertThat(y.values()[0]).isEqualTo(FixedMath.value(1_634_969));
        assertThat(FixedMath.value(1_634_969)).isCloseTo(0.05 + 1.3 * 0.1 + 0.7 * 0.3, within(2e-4));   // the weights' truncation
        TokenMatrix g = op.apply(x, true, new WrapCounter());
        assertThat(g.values()[0]).isEqualTo(FixedMath.value(GeluTable.gelu(1_634_969)));
    }

    @Test
    void linearWrapsAnOutOfRangeSumAndCountsIt() {
        // 300 * 1.5 + 300 * 1.5 = 900 leaves [-512, 512): the board keeps 900 - 1024
        Tensor w = new Tensor(new long[] {1, 2}, new float[] {1.5f, 1.5f});
        Tensor b = new Tensor(new long[] {1}, new float[] {0f});
        Arithmetic.LinearOp op = new BoardArithmetic().linear("test", w, b, 0, 1, FixedFormat.BIAS, report);
        WrapCounter wraps = new WrapCounter();
        TokenMatrix y = op.apply(new TokenMatrix(1, 2, new double[] {300, 300}), false, wraps);
        assertThat(y.values()[0]).isEqualTo(-124.0);
        assertThat(wraps.wraps()).isEqualTo(1);
    }

    @Test
    void layerNormIsTheFloatOneUpToItsFormats() {
        Random rng = new Random(5);
        int d = 24, rows = 6;
        float[] gain = new float[d], shift = new float[d];
        for (int i = 0; i < d; i++) {
            gain[i] = (float) (1 + 0.2 * rng.nextGaussian());
            shift[i] = (float) (0.1 * rng.nextGaussian());
        }
        TokenMatrix x = fm(rows, d, rng, 3);
        Tensor g = new Tensor(new long[] {d}, gain), b = new Tensor(new long[] {d}, shift);
        TokenMatrix board = new BoardArithmetic().norm("ln", g, b, report).apply(x, new WrapCounter());
        TokenMatrix exact = new FloatArithmetic().norm("ln", g, b, report).apply(x, new WrapCounter());
        double worst = 0;
        for (int i = 0; i < x.values().length; i++) {
            // weight and bias ap_fixed<16,5>: truncated by less than 2^-11 each; the statistics and products add a few 1e-6
            double normalised = Math.abs((exact.values()[i] - shift[i % d]) / gain[i % d]);
            double bound = (normalised + 1) * Math.scalb(1.0, -11) + 1e-5;
            double error = Math.abs(board.values()[i] - exact.values()[i]);
            assertThat(error).as("value %d", i).isLessThan(bound);
            worst = Math.max(worst, error);
        }
        assertThat(worst).isGreaterThan(1e-5);
    }

    @Test
    void attentionIsTheFloatOneUpToTruncations() {
        Random rng = new Random(8);
        int n = 9, d = 32, heads = 2;
        TokenMatrix q = fm(n, d, rng, 1), k = fm(n, d, rng, 1), v = fm(n, d, rng, 1);
        TokenMatrix board = new BoardArithmetic().attention(heads).apply(q, k, v, new WrapCounter());
        TokenMatrix exact = new FloatArithmetic().attention(heads).apply(q, k, v, new WrapCounter());
        // scores: 16 truncated products and 2 truncated scalings, < 20 ulp; exp, 1/sum and the weight a few ulp
        // relative; the output sums n truncated products: n ulp + |v| * sum of weight errors; well inside 1e-4
        double worst = 0;
        for (int i = 0; i < board.values().length; i++) worst = Math.max(worst, Math.abs(board.values()[i] - exact.values()[i]));
        assertThat(worst).isLessThan(1e-4).isGreaterThan(10 * ULP);
    }

    @Test
    void gateRanksLogitsAndWeighsThemByTheSoftmax() {
        // logits of one token: x = (1, 1) with w_gate columns giving 0.5, 1.0, 1.0, -0.25: a tie at the top
        Tensor w = new Tensor(new long[] {2, 4}, new float[] {0.25f, 0.5f, 0.5f, -0.125f, 0.25f, 0.5f, 0.5f, -0.125f});
        GateDecision g = new BoardArithmetic().gate("gate", 1, w, 2, report).apply(new TokenMatrix(1, 2, new double[] {1, 1}), new WrapCounter());
        assertThat(g.experts()[0]).containsExactly(1, 2);              // the tie goes to the lower id
        double z = Math.exp(0.5) + 2 * Math.exp(1.0) + Math.exp(-0.25);
        assertThat(g.weights()[0][0]).isCloseTo(Math.exp(1.0) / z, within(8 * ULP));
        assertThat(g.probabilities()[0][3]).isCloseTo(Math.exp(-0.25) / z, within(8 * ULP));
        assertThat(g.weights()[0][0] + g.weights()[0][1]).isLessThan(1.0);   // not renormalised
    }

    /** Random fm_t values of standard deviation {@code scale}. */
    private static TokenMatrix fm(int rows, int width, Random rng, double scale) {
        double[] v = new double[rows * width];
        for (int i = 0; i < v.length; i++) v[i] = FixedFormat.ACTIVATION.quantise(scale * rng.nextGaussian());
        return new TokenMatrix(rows, width, v);
    }
}
