package org.m3vit.model.board;

import org.junit.jupiter.api.Test;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TestWeights;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.io.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's structure against the DJL network: in float (double) arithmetic it must give
 * the DJL backbone's tokens for every task, on a small random config with unit-scale activations
 * and on the bundled trained model.
 */
class BackboneEmulatorTest {

    @Test
    void floatModeReproducesTheDjlBackboneOnASmallRandomConfig() {
        ModelConfig config = TestWeights.small(4, 2, List.of(1, 3));
        Map<String, Tensor> weights = TestWeights.random(config, 31);
        try (M3ViTModel model = M3ViTModel.of(config, weights, false, "test")) {
            float[] image = TestWeights.image(config, 77);
            BackboneEmulator emulator = BackboneEmulator.of(config, weights, new FloatArithmetic());
            for (int task = 0; task < config.numTasks(); task++) {
                double diff = maxAbsDifference(model.backboneTokens(image, task), emulator.run(image, task).tokens());
                assertThat(diff).as("task %d", task).isLessThan(1e-4);
            }
        }
    }

    @Test
    void floatModeReproducesTheDjlBackboneOfTheBundledModel() throws Exception {
        try (M3ViTModel model = M3ViTModel.load(Path.of("..", "bundled", "m3vit-synth"))) {
            ModelConfig config = model.config();
            RenderedScene scene = new SceneRenderer().render(3, config.imageHeight(), config.imageWidth());
            float[] image = ImageNorm.normalise(scene.rgb());
            BackboneEmulator emulator = BackboneEmulator.of(config, model.weights(), new FloatArithmetic());
            for (int task = 0; task < config.numTasks(); task++) {
                BackboneRun run = emulator.run(image, task);
                double diff = maxAbsDifference(model.backboneTokens(image, task), run.tokens());
                assertThat(diff).as("task %d", task).isLessThan(1e-4);
                assertThat(run.wraps()).isZero();
            }
        }
    }

    static double maxAbsDifference(float[] expected, TokenMatrix actual) {
        assertThat(actual.values()).hasSameSizeAs(expected);
        double max = 0, scale = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual.values()[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(scale).as("tokens are not degenerate").isGreaterThan(0.1);
        return max;
    }
}
