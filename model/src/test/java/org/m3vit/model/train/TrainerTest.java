package org.m3vit.model.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.TrainingBatch;
import org.m3vit.model.io.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The training loop: the loss falls, and a run split by a checkpoint equals an uninterrupted run. */
class TrainerTest {

    private static final ModelConfig SMALL = new ModelConfig("train-small", 32, 32, 16, 24, 4, 3, 48, List.of(1, 3), 4, 2, 24, 8,
            List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 3), TaskSpec.of("depth", TaskKind.DEPTH, 1),
                    TaskSpec.of("normals", TaskKind.NORMALS, 3)), "test");

    /** A learnable fixed batch: label = which third of the image, depth and normals follow from it. */
    private static final class FixedBatches implements BatchSource {
        private int step;

        FixedBatches(int firstStep) {
            this.step = firstStep;
        }

        @Override
        public TrainingBatch next() {
            step++;
            int n = 2, h = 32, w = 32, plane = h * w;
            Random r = new Random(step % 2);
            float[] img = new float[n * 3 * plane];
            int[] labels = new int[n * plane];
            float[] depth = new float[n * plane];
            float[] normals = new float[n * 3 * plane];
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    int k = (i % w) * 3 / w;
                    labels[b * plane + i] = k;
                    depth[b * plane + i] = 1 + k;
                    normals[(b * 3 + 2) * plane + i] = -1;
                    for (int c = 0; c < 3; c++) img[(b * 3 + c) * plane + i] = (c == k ? 1f : -1f) + 0.1f * (float) r.nextGaussian();
                }
            }
            return new TrainingBatch(n, h, w, new long[n], img, labels, depth, normals);
        }

        @Override
        public void close() { }
    }

    private static TrainConfig recipe(int steps) {
        return new TrainConfig("unused", false, steps, 2, 3e-3, 2, 0.1, 0.01, 0.01, Map.of(), 7, TrainConfig.TRAIN_SEED_BASE, 3, 1, 1);
    }

    private static Trainer trainer(TrainConfig recipe, Path dir, List<StepLosses> log) throws Exception {
        Path cfg = dir.resolveSibling(dir.getFileName() + "-config.json");
        ConfigJson.write(SMALL, cfg);
        TrainConfig withModel = new TrainConfig(cfg.toString(), recipe.denseBaseline(), recipe.steps(), recipe.batchSize(), recipe.peakLr(),
                recipe.warmupSteps(), recipe.minLrFraction(), recipe.weightDecay(), recipe.balanceLossWeight(), recipe.taskLossWeights(),
                recipe.initSeed(), recipe.dataSeed(), recipe.checkpointEverySteps(), recipe.logEverySteps(), recipe.renderThreads());
        return new Trainer(withModel, dir, log::add);
    }

    @Test
    void lossFallsOnALearnableTask(@TempDir Path tmp) throws Exception {
        List<StepLosses> log = new ArrayList<>();
        try (M3ViTModel m = trainer(recipe(15), tmp.resolve("run"), log).run(FixedBatches::new, Integer.MAX_VALUE)) {
            assertThat(m.isTrained()).isTrue();
        }
        double first = log.get(0).total();
        double last = log.get(log.size() - 1).total();
        assertThat(last).as("losses %s", log.stream().map(StepLosses::total).toList()).isLessThan(first * 0.75);
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        Map<String, Tensor> straight;
        try (M3ViTModel m = trainer(recipe(6), tmp.resolve("a"), new ArrayList<>()).run(FixedBatches::new, Integer.MAX_VALUE)) {
            straight = m.weights();
        }
        Path b = tmp.resolve("b");
        try (M3ViTModel m = trainer(recipe(6), b, new ArrayList<>()).run(FixedBatches::new, 3)) {
            assertThat(m.isTrained()).isFalse();
        }
        assertThat(TrainingCheckpoint.readState(b).nextStep()).isEqualTo(3);
        Map<String, Tensor> resumed;
        try (M3ViTModel m = trainer(recipe(6), b, new ArrayList<>()).run(FixedBatches::new, Integer.MAX_VALUE)) {
            resumed = m.weights();
        }
        assertThat(resumed.keySet()).isEqualTo(straight.keySet());
        for (String k : straight.keySet()) {
            float[] x = straight.get(k).data();
            float[] y = resumed.get(k).data();
            for (int i = 0; i < x.length; i++) assertThat(y[i]).as(k + "[" + i + "]").isCloseTo(x[i], within(1e-5f));
        }
    }

    @Test
    void denseBaselineHasTheSameActiveComputePerToken() {
        ModelConfig dense = Trainer.denseBaseline(new ModelConfig("x", 32, 32, 16, 24, 4, 3, 48, List.of(1, 3), 8, 2, 24, 8,
                SMALL.tasks(), ""));
        assertThat(dense.moeBlocks()).isEmpty();
        assertThat(dense.mlpHidden()).isEqualTo(2 * 24);
    }
}
