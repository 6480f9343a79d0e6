package org.m3vit.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneClass;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.metrics.ScaleInvariantDepth;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The evaluator's numbers equal a direct count over the same scenes, and training seeds are refused. */
class EvaluatorTest {

    private static final ModelConfig TINY = new ModelConfig("eval-tiny", 32, 48, 16, 24, 2, 3, 48, List.of(1), 4, 2, 24, 8,
            List.of(new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels()),
                    TaskSpec.of("depth", TaskKind.DEPTH, 1), TaskSpec.of("normals", TaskKind.NORMALS, 3)), "test");

    @Test
    @SuppressWarnings("unchecked")
    void pixelAccuracyAndAbsRelMatchADirectCount() {
        try (M3ViTModel m = M3ViTModel.random(TINY, 3)) {
            Evaluation e = Evaluator.evaluate(m, 2, 10, n -> { });
            SceneRenderer r = new SceneRenderer();
            long right = 0, pixels = 0;
            double absRel = 0;
            ScaleInvariantDepth scaleInvariant = new ScaleInvariantDepth();
            long[] patchLoad = new long[m.config().numExperts()];
            for (long seed = 10; seed < 12; seed++) {
                RenderedScene s = r.render(seed, 32, 48);
                var result = m.infer(ImageNorm.normalise(s.rgb()), List.of("semseg", "depth"));
                int[] cls = result.output("semseg").classMap();
                TaskOutput d = result.output("depth");
                var routing = result.trace("semseg").layers().get(0);
                for (int t = 1; t < routing.numTokens(); t++) for (int x : routing.experts()[t]) patchLoad[x]++;
                scaleInvariant.add(d.data(), s.depth());
                for (int i = 0; i < cls.length; i++) {
                    if (cls[i] == s.labels()[i]) right++;
                    pixels++;
                    absRel += Math.abs(d.data()[i] - s.depth()[i]) / s.depth()[i];
                }
            }
            assertThat((double) e.semseg().get("pixelAccuracy")).isCloseTo((double) right / pixels, within(1e-9));
            assertThat((double) e.depth().get("absRel")).isCloseTo(absRel / pixels, within(1e-6));
            assertThat((double) e.depth().get("siLog")).isEqualTo(scaleInvariant.siLog());
            assertThat((double) e.depth().get("absRelMedianScaled")).isEqualTo(scaleInvariant.medianScaledAbsRel());
            assertThat(e.routing().get("semseg")).hasSize(1);
            assertThat(e.taskPairs()).containsKeys("semseg-depth", "semseg-normals", "depth-normals");
            // every patch token is counted once per chosen expert in each specialisation table: row sums = the experts' patch load
            Map<String, Object> classes = (Map<String, Object>) e.experts().get("semseg").get(0).get("classes");
            long[][] table = (long[][]) classes.get("tokens");
            for (int x = 0; x < patchLoad.length; x++) assertThat(java.util.Arrays.stream(table[x]).sum()).isEqualTo(patchLoad[x]);
            long[][] depthTable = (long[][]) ((Map<String, Object>) e.experts().get("semseg").get(0).get("depthRanges")).get("tokens");
            assertThat(java.util.Arrays.stream(depthTable).flatMapToLong(java.util.Arrays::stream).sum())
                    .isEqualTo(java.util.Arrays.stream(patchLoad).sum());
            assertThat(e.experts()).containsOnlyKeys("semseg", "depth", "normals");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyHeadlineMetricHasAnIntervalNamedInTheMethods() throws Exception {
        try (M3ViTModel m = M3ViTModel.random(TINY, 3)) {
            Evaluation e = Evaluator.evaluate(m, 4, 20, n -> { });
            Map<String, Map<String, Object>> tasks = Map.of("semseg", e.semseg(), "depth", e.depth(), "normals", e.normals());
            Map<String, String> methods = (Map<String, String>) e.intervals().get("method");
            assertThat(methods).containsOnlyKeys("semseg.mIoU", "semseg.pixelAccuracy", "depth.rmse", "depth.absRel", "depth.delta1",
                    "depth.absRelMedianScaled", "depth.siLog", "normals.meanAngleDeg", "normals.medianAngleDeg",
                    "normals.within11_25", "normals.within22_5", "normals.within30");
            assertThat(methods).containsEntry("semseg.mIoU", "bootstrap").containsEntry("normals.medianAngleDeg", "bootstrap")
                    .containsEntry("depth.rmse", "bootstrap").containsEntry("depth.absRel", "t");
            methods.forEach((name, method) -> {
                String[] taskKey = name.split("\\.");
                double value = (double) tasks.get(taskKey[0]).get(taskKey[1]);
                double[] ci = (double[]) tasks.get(taskKey[0]).get(taskKey[1] + "_ci95");
                assertThat(ci).as(name).hasSize(2);
                assertThat(ci[0]).as(name).isFinite().isLessThanOrEqualTo(ci[1]);
                if (method.equals("t")) assertThat((ci[0] + ci[1]) / 2).as(name).isCloseTo(value, within(1e-9 * Math.max(1, value)));
            });
            assertThat(e.intervals()).containsEntry("level", 0.95);
            JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(e));
            assertThat(json.at("/depth/siLog_ci95").isArray()).isTrue();
            assertThat(json.at("/depth/siLog_ci95/1").asDouble()).isEqualTo(((double[]) e.depth().get("siLog_ci95"))[1]);
            assertThat(json.at("/intervals/method/semseg.mIoU").asText()).isEqualTo("bootstrap");
            assertThat(json.at("/intervals/bootstrap/resamples").asInt()).isEqualTo(1000);
        }
    }

    @Test
    void trainingSeedsAreRefused() {
        try (M3ViTModel m = M3ViTModel.random(TINY, 3)) {
            assertThatThrownBy(() -> Evaluator.evaluate(m, 10, TrainConfig.TRAIN_SEED_BASE - 5, n -> { }))
                    .hasMessageContaining("overlap the training seeds");
        }
    }
}
