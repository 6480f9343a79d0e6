package org.m3vit.model.board;

import org.junit.jupiter.api.Test;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;
import org.m3vit.model.TestWeights;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.train.Evaluation;
import org.m3vit.model.train.Evaluator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The comparison report against independent recomputations: the changed pixels and routing from
 * the DJL model and the emulated model run directly, the metrics from two plain evaluations.
 * The fixture's gates (N(0, 1)) partly lie beyond ap_fixed&lt;16,2&gt;, so the board changes a lot here.
 */
class ArithmeticComparisonTest {

    /** The fixture's small config with the scenes' 14 classes. */
    private final ModelConfig config = new ModelConfig("compare-small", 32, 48, 16, 24, 4, 3, 96, List.of(1, 3), 4, 2, 48, 8,
            List.of(new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels()),
                    TaskSpec.of("depth", TaskKind.DEPTH, 1), TaskSpec.of("normals", TaskKind.NORMALS, 3)), "test");

    @Test
    void reportAgreesWithDirectRecomputation() {
        int scenes = 3;
        long seed = 5;
        try (M3ViTModel model = M3ViTModel.of(config, TestWeights.random(config, 61), false, "test")) {
            ArithmeticReport r = ArithmeticComparison.run(model, BackboneArithmetic.BOARD, scenes, seed, n -> { });
            assertThat(r.layers()).hasSize(1 + 2 * config.depth());
            assertThat(r.layers().get(0).layer()).isEqualTo("patch_embed");
            assertThat(r.referenceMaxAbsDifference()).isLessThan(1e-4);
            assertThat(r.weightsOutOfRange()).extracting(WeightReport.Entry::tensor).contains("backbone.blocks.1.mlp.gate.0.w_gate");

            EmulatedModel board = new EmulatedModel(model, new BoardArithmetic());
            List<String> tasks = config.tasks().stream().map(TaskSpec::name).toList();
            long changed = 0, pixels = 0, tokens = 0, routingChanged = 0;
            for (int n = 0; n < scenes; n++) {
                RenderedScene scene = new SceneRenderer().render(seed + n, config.imageHeight(), config.imageWidth());
                float[] chw = ImageNorm.normalise(scene.rgb());
                InferenceResult a = model.infer(chw, tasks), b = board.infer(chw, tasks);
                int[] x = a.output("semseg").classMap(), y = b.output("semseg").classMap();
                for (int i = 0; i < x.length; i++) if (x[i] != y[i]) changed++;
                pixels += x.length;
                LayerRouting la = a.trace("depth").layerForBlock(3), lb = b.trace("depth").layerForBlock(3);
                for (int t = 0; t < la.numTokens(); t++) {
                    int[] s = la.experts()[t].clone(), u = lb.experts()[t].clone();
                    Arrays.sort(s);
                    Arrays.sort(u);
                    if (!Arrays.equals(s, u)) routingChanged++;
                    tokens++;
                }
            }
            assertThat((double) r.outputs().get("semseg").get("changedPixelShare")).isEqualTo((double) changed / pixels);
            assertThat(routingChanged).isPositive();
            RoutingChanges.Row row = r.routing().get("depth").get(1);
            assertThat(row.block()).isEqualTo(3);
            assertThat(row.tokens()).isEqualTo(tokens);
            assertThat(row.topKChangedShare()).isEqualTo((double) routingChanged / tokens);

            Evaluation floatEval = Evaluator.evaluate(model, scenes, seed, n -> { });
            Evaluation boardEval = Evaluator.evaluate(model, board, "board", scenes, seed, n -> { });
            assertSameMetrics(r.metrics().get("float32").get("semseg"), floatEval.semseg());
            assertSameMetrics(r.metrics().get("float32").get("depth"), floatEval.depth());
            assertSameMetrics(r.metrics().get("board").get("normals"), boardEval.normals());
            assertSameMetrics(r.metrics().get("board").get("depth"), boardEval.depth());
            assertThat(boardEval.arithmetic()).isEqualTo("board");
            double floatAbsRel = (double) r.metrics().get("float32").get("depth").get("absRel");
            double boardAbsRel = (double) r.metrics().get("board").get("depth").get("absRel");
            assertThat(boardAbsRel).isNotCloseTo(floatAbsRel, within(1e-6));
            for (String[] m : new String[][] {{"depth", "absRel"}, {"depth", "siLog"}, {"semseg", "mIoU"}, {"normals", "medianAngleDeg"},
                    {"normals", "within30"}}) {
                double change = (double) r.metricChanges().get(m[0]).get(m[1]);
                double expected = (double) r.metrics().get("board").get(m[0]).get(m[1]) - (double) r.metrics().get("float32").get(m[0]).get(m[1]);
                assertThat(change).as("%s.%s", m[0], m[1]).isCloseTo(expected, within(1e-9));
                double[] ci = (double[]) r.metricChanges().get(m[0]).get(m[1] + "_ci95");
                assertThat(ci[0]).as("%s.%s interval", m[0], m[1]).isLessThanOrEqualTo(ci[1]);
            }
        }
    }

    @Test
    void refusesSeedsThatReachTheTrainingSeeds() {
        try (M3ViTModel model = M3ViTModel.of(config, TestWeights.random(config, 62), false, "test")) {
            assertThatThrownBy(() -> ArithmeticComparison.run(model, BackboneArithmetic.BOARD, 10, 999_995, n -> { }))
                    .hasMessageContaining("overlap the training seeds");
            assertThatThrownBy(() -> ArithmeticComparison.run(model, BackboneArithmetic.FLOAT32, 1, 0, n -> { }))
                    .hasMessageContaining("float32 runs in DJL");
        }
    }

    private static void assertSameMetrics(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String key : expected.keySet()) {
            Object e = expected.get(key);
            if (e instanceof double[] arr) assertThat((double[]) actual.get(key)).as(key).containsExactly(arr);
            else assertThat(actual.get(key)).as(key).isEqualTo(e);
        }
    }
}
