package org.m3vit.model.train;

import org.junit.jupiter.api.Test;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A paired comparison's changes equal the difference of two separate evaluations, a model against itself changes nothing, and unlike models are refused. */
class ModelComparisonTest {

    private static final List<TaskSpec> TASKS = List.of(new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels()),
            TaskSpec.of("depth", TaskKind.DEPTH, 1), TaskSpec.of("normals", TaskKind.NORMALS, 3));
    private static final ModelConfig MOE = new ModelConfig("cmp-moe", 32, 48, 16, 24, 2, 3, 48, List.of(1), 4, 2, 24, 8, TASKS, "test");
    private static final ModelConfig DENSE = new ModelConfig("cmp-dense", 32, 48, 16, 24, 2, 3, 48, List.of(), 4, 2, 24, 8, TASKS, "test");

    @Test
    void changesAreTheDifferenceOfTwoEvaluationsOnTheSameScenes() {
        try (M3ViTModel a = M3ViTModel.random(MOE, 3); M3ViTModel b = M3ViTModel.random(DENSE, 4)) {
            ModelComparisonReport r = ModelComparison.run(a, b, 4, 30, n -> { });
            Evaluation ea = Evaluator.evaluate(a, 4, 30, n -> { }), eb = Evaluator.evaluate(b, 4, 30, n -> { });
            assertChange(r, "semseg", "mIoU", ea.semseg(), eb.semseg());
            assertChange(r, "semseg", "pixelAccuracy", ea.semseg(), eb.semseg());
            assertChange(r, "depth", "absRel", ea.depth(), eb.depth());
            assertChange(r, "depth", "rmse", ea.depth(), eb.depth());
            assertChange(r, "normals", "meanAngleDeg", ea.normals(), eb.normals());
            assertThat(r.model().metrics().get("depth").get("absRel")).isEqualTo(ea.depth().get("absRel"));
            assertThat(r.reference().metrics().get("normals").get("meanAngleDeg")).isEqualTo(eb.normals().get("meanAngleDeg"));
            @SuppressWarnings("unchecked")
            Map<String, Object> classes = (Map<String, Object>) r.changes().get("semseg").get("classIoU");
            double[] ia = (double[]) ea.semseg().get("classIoU"), ib = (double[]) eb.semseg().get("classIoU");
            int compared = 0;
            for (int k = 0; k < ia.length; k++) {
                String label = SceneClass.labels().get(k);
                if (Double.isNaN(ia[k]) || Double.isNaN(ib[k])) {
                    assertThat(classes).doesNotContainKey(label);
                    continue;
                }
                assertThat((double) classes.get(label)).as(label).isCloseTo(ia[k] - ib[k], within(1e-12));
                assertThat(classes.get(label + ModelComparison.SIGNIFICANT_SUFFIX))
                        .isEqualTo(ModelComparison.excludesZero((double[]) classes.get(label + Evaluation.INTERVAL_SUFFIX)));
                compared++;
            }
            assertThat(compared).isPositive();
            assertThat(r.model().parameters()).isGreaterThan(r.reference().parameters());
            assertThat(r.model().macsPerTask()).containsOnlyKeys("semseg", "depth", "normals");
        }
    }

    @Test
    void aModelAgainstItselfChangesNothingSignificantly() {
        try (M3ViTModel a = M3ViTModel.random(MOE, 3); M3ViTModel same = M3ViTModel.random(MOE, 3)) {
            ModelComparisonReport r = ModelComparison.run(a, same, 3, 40, n -> { });
            for (Map.Entry<String, Map<String, Object>> task : r.changes().entrySet()) {
                for (Map.Entry<String, Object> e : task.getValue().entrySet()) {
                    if (e.getValue() instanceof Double d) assertThat(d).as(task.getKey() + "." + e.getKey()).isZero();
                    if (e.getValue() instanceof double[] ci) assertThat(ci).as(task.getKey() + "." + e.getKey()).containsExactly(0, 0);
                    if (e.getKey().endsWith(ModelComparison.SIGNIFICANT_SUFFIX)) assertThat(e.getValue()).isEqualTo(false);
                }
            }
            assertThat(r.changes().get("semseg")).containsKey("mIoU" + ModelComparison.SIGNIFICANT_SUFFIX);
        }
    }

    @Test
    void significanceIsAnIntervalThatExcludesZero() {
        assertThat(ModelComparison.excludesZero(new double[] {0.01, 0.03})).isTrue();
        assertThat(ModelComparison.excludesZero(new double[] {-0.03, -0.001})).isTrue();
        assertThat(ModelComparison.excludesZero(new double[] {-0.01, 0.02})).isFalse();
        assertThat(ModelComparison.excludesZero(new double[] {0.0, 0.02})).isFalse();
    }

    @Test
    void modelsOfAnotherSizeOrOtherTasksAreRefused() {
        ModelConfig wide = new ModelConfig("cmp-wide", 32, 64, 16, 24, 2, 3, 48, List.of(1), 4, 2, 24, 8, TASKS, "test");
        assertThatThrownBy(() -> ModelComparison.requireComparable(MOE, wide))
                .hasMessage("cmp-moe takes 32x48 images and cmp-wide 32x64: models are compared on the same scenes at one size");
        ModelConfig depthOnly = new ModelConfig("cmp-depth", 32, 48, 16, 24, 2, 3, 48, List.of(1), 4, 2, 24, 8,
                List.of(TaskSpec.of("depth", TaskKind.DEPTH, 1)), "test");
        assertThatThrownBy(() -> ModelComparison.requireComparable(MOE, depthOnly)).hasMessageContaining("cmp-depth [depth/DEPTH/1]")
                .hasMessageContaining("same tasks");
    }

    private static void assertChange(ModelComparisonReport r, String task, String key, Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> c = r.changes().get(task);
        double expected = ((Number) a.get(key)).doubleValue() - ((Number) b.get(key)).doubleValue();
        assertThat((double) c.get(key)).as(task + "." + key).isCloseTo(expected, within(1e-9));
        double[] ci = (double[]) c.get(key + Evaluation.INTERVAL_SUFFIX);
        assertThat(ci[0]).isLessThanOrEqualTo(ci[1]);
        assertThat(c.get(key + ModelComparison.SIGNIFICANT_SUFFIX)).isEqualTo(ModelComparison.excludesZero(ci));
    }
}
