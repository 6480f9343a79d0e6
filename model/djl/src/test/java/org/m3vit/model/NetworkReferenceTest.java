package org.m3vit.model;

import org.junit.jupiter.api.Test;
import org.m3vit.model.io.Tensor;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The DJL network against the plain-Java double-precision reference forward, for every task. */
class NetworkReferenceTest {

    @Test
    void everyTaskOutputAndRoutingMatchTheReference() {
        ModelConfig config = TestWeights.small();
        compare(config, 11);
    }

    @Test
    void eightExpertsTopThreeMatchTheReference() {
        compare(TestWeights.small(8, 3, List.of(0, 1, 3)), 12);
    }

    @Test
    void m3vitSynthPresetMatchesTheReference() {
        compare(Presets.get("m3vit-synth"), 14);
    }

    @Test
    void denseConfigWithoutMoeBlocksMatchesTheReference() {
        compare(TestWeights.small(4, 2, List.of()), 13);
    }

    @Test
    void weightsOverwrittenAfterAPassAreWhatTheNextPassRuns() {
        // the heads' inference folds BatchNorm into the convs and caches the result: a new set of weights
        // (other running statistics too) must reach the next pass
        ModelConfig config = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.of(config, TestWeights.random(config, 11), false, "test")) {
            model.infer(TestWeights.image(config, 111), config.tasks().stream().map(TaskSpec::name).toList());
            Map<String, Tensor> next = TestWeights.random(config, 15);
            model.setWeights(next);
            compare(config, next, 115, model);
        }
    }

    private static void compare(ModelConfig config, long seed) {
        Map<String, Tensor> weights = TestWeights.random(config, seed);
        try (M3ViTModel model = M3ViTModel.of(config, weights, false, "test")) {
            compare(config, weights, seed + 100, model);
        }
    }

    private static void compare(ModelConfig config, Map<String, Tensor> weights, long imageSeed, M3ViTModel model) {
        float[] image = TestWeights.image(config, imageSeed);
        ReferenceForward reference = new ReferenceForward(config, weights);
        List<String> names = config.tasks().stream().map(TaskSpec::name).toList();
        InferenceResult result = model.infer(image, names);
        for (int task = 0; task < names.size(); task++) {
            String name = names.get(task);
            ReferenceForward.Result expected = reference.run(image, task);
            TaskOutput actual = result.output(name);
            assertThat(actual.height()).isEqualTo(expected.height());
            assertThat(actual.width()).isEqualTo(expected.width());
            double rms = 0;
            for (double v : expected.output()) rms += v * v;
            rms = Math.sqrt(rms / expected.output().length);
            assertThat(rms).as("reference output of %s is not degenerate", name).isGreaterThan(1e-3);
            for (int i = 0; i < expected.output().length; i++) {
                double e = expected.output()[i];
                assertThat((double) actual.data()[i]).as("%s output[%d]", name, i)
                        .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-4 * (Math.abs(e) + rms)));
            }
            RoutingTrace trace = result.trace(name);
            assertThat(trace.layers()).hasSameSizeAs(expected.routing());
            for (int l = 0; l < expected.routing().size(); l++) {
                ReferenceForward.Routing want = expected.routing().get(l);
                LayerRouting got = trace.layers().get(l);
                assertThat(got.block()).isEqualTo(want.block());
                for (int t = 0; t < config.numTokens(); t++) {
                    assertThat(got.experts()[t]).as("%s block %d token %d top-k", name, want.block(), t).isEqualTo(want.experts()[t]);
                    for (int j = 0; j < config.topK(); j++) {
                        assertThat((double) got.weights()[t][j]).isCloseTo(want.weights()[t][j], org.assertj.core.data.Offset.offset(1e-5));
                    }
                    for (int j = 0; j < config.numExperts(); j++) {
                        assertThat((double) got.probabilities()[t][j]).isCloseTo(want.probabilities()[t][j], org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }
}
