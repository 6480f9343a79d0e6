package org.m3vit.model.board;

import org.junit.jupiter.api.Test;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TestWeights;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.io.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backbone in board arithmetic against the same structure in float, on a small random config
 * whose weights fit the board's formats (the fixture's gates, N(0, 1), would not fit ap_fixed&lt;16,2&gt;;
 * they and the patch weights are scaled down).
 */
class BoardBackboneTest {

    private static final double ULP = Math.scalb(1.0, -22);
    private final ModelConfig config = TestWeights.small(4, 2, List.of(1, 3));

    @Test
    void patchEmbeddingErrorIsTheFormatsTruncationOfFoldedWeights() {
        Map<String, Tensor> weights = fitting(41);
        int[] rgb = image(42);
        float[] chw = ImageNorm.normalise(rgb);
        TokenMatrix board = BackboneEmulator.of(config, weights, new BoardArithmetic()).run(chw, 0).layers().get(0).values();
        TokenMatrix exact = BackboneEmulator.of(config, weights, new FloatArithmetic()).run(chw, 0).layers().get(0).values();
        // predicted: sum of pixel / 256 * (q(w') - w') + (q(b') - b') + (q(pos) - pos); besides it each of the
        // 768 products is truncated by less than one step
        Tensor w = weights.get("backbone.patch_embed.proj.weight"), b = weights.get("backbone.patch_embed.proj.bias");
        double[] folded = InputFold.weights(w), shift = InputFold.bias(w, b);
        int[] bytes = InputFold.bytes(chw);
        int[][] pixels = PatchGrid.indices(config);
        float[] pos = weights.get("backbone.pos_embed").data();
        int d = config.embedDim(), k = pixels[0].length;
        double worstResidual = 0, meanError = 0;
        for (int n = 0; n < pixels.length; n++) {
            for (int j = 0; j < d; j++) {
                double predicted = FixedFormat.BIAS.quantise(shift[j]) - shift[j];
                for (int i = 0; i < k; i++) {
                    double wi = folded[j * k + i];
                    predicted += bytes[pixels[n][i]] / 256.0 * (FixedFormat.PATCH_WEIGHT.quantise(wi) - wi);
                }
                int o = (n + 1) * d + j;
                predicted += FixedFormat.ACTIVATION.quantise(pos[o]) - pos[o];
                double error = board.values()[o] - exact.values()[o];
                meanError += error / (pixels.length * d);
                worstResidual = Math.max(worstResidual, Math.abs(error - predicted));
            }
        }
        assertThat(worstResidual).isLessThan((k + 2) * ULP + 1e-9);
        // truncation toward minus infinity makes the weights smaller on average by half a step, 2^-17:
        // the mean error is about -sum of pixels / 256 * 2^-17, clearly not zero
        assertThat(meanError).isLessThan(-1e-4);
    }

    @Test
    void boardBackboneStaysWithinTheFormatsErrorBudget() {
        Map<String, Tensor> weights = fitting(43);
        float[] chw = ImageNorm.normalise(image(44));
        BackboneEmulator board = BackboneEmulator.of(config, weights, new BoardArithmetic());
        BackboneEmulator exact = BackboneEmulator.of(config, weights, new FloatArithmetic());
        assertThat(board.weightReport().outOfRange()).isEmpty();
        for (int task = 0; task < config.numTasks(); task++) {
            BackboneRun b = board.run(chw, task), f = exact.run(chw, task);
            assertThat(b.wraps()).isZero();
            for (int l = 0; l < b.routing().size(); l++) {
                assertThat(b.routing().get(l).experts()).as("task %d MoE layer %d top-k", task, l).isDeepEqualTo(f.routing().get(l).experts());
            }
            double[] x = b.tokens().values(), y = f.tokens().values();
            double max = 0, mean = 0, peak = 0, rms = 0;
            for (int i = 0; i < x.length; i++) {
                double e = Math.abs(x[i] - y[i]);
                max = Math.max(max, e);
                mean += e / x.length;
                peak = Math.max(peak, Math.abs(y[i]));
                rms += y[i] * y[i] / x.length;
            }
            // budget (docs/board-arithmetic.md): ~20 products with weights truncated to 2^-14 (relative ~5e-4 each
            // for |w| ~ 0.1), 8 LayerNorms with gains truncated to 2^-11, GELU 1e-4: about 1.4e-2 relative if all
            // added up coherently
            assertThat(max).as("task %d max error", task).isLessThan(0.02 * peak);
            assertThat(mean).as("task %d mean error", task).isLessThan(0.01 * Math.sqrt(rms)).isGreaterThan(100 * ULP);
        }
    }

    @Test
    void patchWeightsBeyondTheirFormatAreReportedAndWrap() {
        Map<String, Tensor> weights = fitting(45);
        Tensor w = weights.get("backbone.patch_embed.proj.weight");
        float[] big = w.data().clone();
        big[7] = 0.2f;   // folded: 0.2 * 256/255 / 0.229 = 0.877, beyond ap_fixed<16,0>'s 0.49998
        weights.put("backbone.patch_embed.proj.weight", new Tensor(w.shape(), big));
        float[] chw = ImageNorm.normalise(image(46));
        BackboneEmulator asBuilt = BackboneEmulator.of(config, weights, new BoardArithmetic());
        BackboneEmulator wide = BackboneEmulator.of(config, weights, BoardArithmetic.widePatch());
        BackboneEmulator exact = BackboneEmulator.of(config, weights, new FloatArithmetic());
        List<WeightReport.Entry> out = asBuilt.weightReport().outOfRange();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).outOfRange()).isEqualTo(1);
        assertThat(out.get(0).maxAbs()).isCloseTo(0.2f * 256 / 255.0 / 0.229, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(wide.weightReport().outOfRange()).isEmpty();
        // the wrapped weight is off by exactly 1: feature 0 of patch 0 changes by -pixel / 256
        double[] a = asBuilt.run(chw, 0).layers().get(0).values().values();
        double[] b = wide.run(chw, 0).layers().get(0).values().values();
        double[] f = exact.run(chw, 0).layers().get(0).values().values();
        int[] bytes = InputFold.bytes(chw);
        int pixel = PatchGrid.indices(config)[0][7];
        int o = config.embedDim();   // patch 0, feature 0
        // (besides it the other 767 weights' truncation, 768 * 2^-16 on average at most: 1.2e-2)
        assertThat(a[o] - f[o]).isCloseTo(-bytes[pixel] / 256.0, org.assertj.core.data.Offset.offset(1.2e-2));
        assertThat(Math.abs(b[o] - f[o])).isLessThan(1.2e-2);
        assertThat(bytes[pixel]).isGreaterThan(64);
    }

    /** The fixture's weights with gates and patch weights scaled into the board's ranges. */
    private Map<String, Tensor> fitting(long seed) {
        Map<String, Tensor> weights = new LinkedHashMap<>(TestWeights.random(config, seed));
        weights.replaceAll((name, t) -> name.endsWith("w_gate") ? scaled(t, 0.3f)
                : name.equals("backbone.patch_embed.proj.weight") ? scaled(t, 0.5f) : t);
        return weights;
    }

    private static Tensor scaled(Tensor t, float factor) {
        float[] v = t.data().clone();
        for (int i = 0; i < v.length; i++) v[i] *= factor;
        return new Tensor(t.shape(), v);
    }

    private int[] image(long seed) {
        Random rng = new Random(seed);
        int[] rgb = new int[config.imageHeight() * config.imageWidth()];
        for (int i = 0; i < rgb.length; i++) rgb[i] = rng.nextInt(1 << 24);
        return rgb;
    }
}
