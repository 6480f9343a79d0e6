package org.m3vit.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.TrainingBatch;
import org.m3vit.model.io.FineTuneStart;
import org.m3vit.model.io.PositionEmbeddingResize;
import org.m3vit.model.io.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        return new TrainConfig("unused", false, steps, 2, 3e-3, 2, 0.1, 0.01, 0.01, Map.of(), 7, TrainConfig.TRAIN_SEED_BASE, 3, 1, 1,
                List.of(), TrainConfig.DEPTH_L1, 0, null);
    }

    private static Trainer trainer(TrainConfig recipe, Path dir, List<StepLosses> log) throws Exception {
        Path cfg = dir.resolveSibling(dir.getFileName() + "-config.json");
        ConfigJson.write(SMALL, cfg);
        TrainConfig withModel = recipe.overriding(cfg.toString(), null, null, null, null);
        return new Trainer(withModel, dir, log::add);
    }

    @Test
    void classWeightsThatDoNotFitTheHeadAreRefusedBeforeAnyWork(@TempDir Path tmp) throws Exception {
        // the bundled recipe's 14 semseg class weights for m3vit-t-cityscapes, whose semseg head has 7 classes
        TrainConfig mismatched = new TrainConfig("m3vit-t-cityscapes", false, 2, 2, 3e-3, 2, 0.1, 0.01, 0.01, Map.of(), 7,
                TrainConfig.TRAIN_SEED_BASE, 3, 1, 1, TrainConfig.defaults().semsegClassWeights(), TrainConfig.DEPTH_L1, 0, null);
        assertThat(mismatched.semsegClassWeights()).hasSize(14);
        assertThatThrownBy(() -> new Trainer(mismatched, tmp.resolve("run"), s -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semsegClassWeights has 14 entries but the m3vit-t-cityscapes head 'semseg' predicts 7 classes");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void lossFallsOnALearnableTask(@TempDir Path tmp) throws Exception {
        List<StepLosses> log = new ArrayList<>();
        try (M3ViTModel m = trainer(recipe(25), tmp.resolve("run"), log).run(FixedBatches::new, Integer.MAX_VALUE)) {
            assertThat(m.isTrained()).isTrue();
        }
        double first = log.get(0).total();
        double last = log.get(log.size() - 1).total();
        assertThat(last).as("losses %s", log.stream().map(StepLosses::total).toList()).isLessThan(first * 0.75);
    }

    @Test
    void aResumedRunStartsFromTheCheckpointAndKeepsTheSchedule(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Map<String, Tensor> atStop;
        try (M3ViTModel m = trainer(recipe(6), dir, new ArrayList<>()).run(FixedBatches::new, 3)) {
            assertThat(m.isTrained()).isFalse();
            atStop = m.weights();
        }
        assertThat(TrainingCheckpoint.readState(dir).nextStep()).isEqualTo(3);
        assertThat(TrainingCheckpoint.readWeights(dir)).isEqualTo(atStop);
        Map<String, Tensor> optimizer = TrainingCheckpoint.readOptimizer(dir);
        assertThat(optimizer.get("step").data()[0]).isEqualTo(3f);
        assertThat(optimizer).containsKey("m.backbone.cls_token").containsKey("v.backbone.blocks.1.mlp.gate.0.w_gate");

        // resuming with no further steps reproduces the checkpoint exactly
        try (M3ViTModel m = trainer(recipe(6), dir, new ArrayList<>()).run(FixedBatches::new, 0)) {
            assertThat(m.weights()).isEqualTo(atStop);
        }
        // resuming continues at step 4 with the schedule's learning rate for that step, and finishes the budget
        List<StepLosses> log = new ArrayList<>();
        try (M3ViTModel m = trainer(recipe(6), dir, log).run(FixedBatches::new, Integer.MAX_VALUE)) {
            assertThat(m.isTrained()).isTrue();
        }
        assertThat(log.get(0).step()).isEqualTo(3);
        assertThat(log.get(0).lr()).isEqualTo(new LrSchedule(3e-3, 2, 6, 0.1).at(3));
        assertThat(TrainingCheckpoint.readState(dir).nextStep()).isEqualTo(6);
    }

    @Test
    void aCheckpointWithNaNWeightsOrMomentsIsRefusedNamingTheTensor(@TempDir Path tmp) throws Exception {
        Map<String, Tensor> weights = Map.of("a.weight", new Tensor(new long[] {2}, new float[] {1, Float.NaN}));
        Map<String, Tensor> moments = Map.of("a.weight.m", new Tensor(new long[] {2}, new float[] {0, Float.POSITIVE_INFINITY}));
        TrainingCheckpoint.write(tmp, weights, Map.of("a.weight.m", new Tensor(new long[] {2}, new float[] {0, 0})),
                new TrainingCheckpoint.State(50, 1.0));
        // was resumed as it was: the run went on from NaN weights and skipped every step
        assertThatThrownBy(() -> TrainingCheckpoint.readWeights(tmp))
                .hasMessageContaining("tensor 'a.weight' has 1 NaN or infinite value(s) of 2").hasMessageContaining("cannot resume");
        TrainingCheckpoint.write(tmp, Map.of("a.weight", new Tensor(new long[] {2}, new float[] {1, 2})), moments,
                new TrainingCheckpoint.State(50, 1.0));
        assertThatThrownBy(() -> TrainingCheckpoint.readOptimizer(tmp)).hasMessageContaining("tensor 'a.weight.m' has 1 NaN");
    }

    @Test
    void trainingStepsLeaveNoArraysInTheModelsManager(@TempDir Path tmp) throws Exception {
        int afterTwo;
        try (M3ViTModel m = trainer(recipe(2), tmp.resolve("two"), new ArrayList<>()).run(FixedBatches::new, Integer.MAX_VALUE)) {
            afterTwo = m.manager().getManagedArrays().size();
        }
        try (M3ViTModel m = trainer(recipe(8), tmp.resolve("eight"), new ArrayList<>()).run(FixedBatches::new, Integer.MAX_VALUE)) {
            assertThat(m.manager().getManagedArrays()).hasSize(afterTwo);
        }
    }

    @Test
    void denseBaselineHasTheSameActiveComputePerToken() {
        ModelConfig dense = Trainer.denseBaseline(new ModelConfig("x", 32, 32, 16, 24, 4, 3, 48, List.of(1, 3), 8, 2, 24, 8,
                SMALL.tasks(), ""));
        assertThat(dense.moeBlocks()).isEmpty();
        assertThat(dense.mlpHidden()).isEqualTo(2 * 24);
    }

    @Test
    void weightDecayReachesEveryHeadsKernelsButNoNormsOrBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray kernel = m.zeros(new ai.djl.ndarray.types.Shape(4, 4, 3, 3));
            NDArray vector = m.zeros(new ai.djl.ndarray.types.Shape(4));
            // a task named "normals" must not be mistaken for a LayerNorm
            assertThat(Trainer.decays("decoders.normals.conv_0.weight", kernel)).isTrue();
            assertThat(Trainer.decays("decoders.semseg.conv_4.weight", kernel)).isTrue();
            assertThat(Trainer.decays("decoders.normals.norm.weight", vector)).isFalse();
            assertThat(Trainer.decays("backbone.blocks.0.norm1.weight", vector)).isFalse();
            assertThat(Trainer.decays("backbone.blocks.0.norm2.bias", vector)).isFalse();
            assertThat(Trainer.decays("decoders.normals.syncbn_fc_0.weight", vector)).isFalse();
            assertThat(Trainer.decays("backbone.pos_embed", kernel)).isFalse();
        }
    }

    @Test
    void depthHeadStartsAtTheRecipesDepth(@TempDir Path tmp) throws Exception {
        TrainConfig base = recipe(1);
        TrainConfig withInit = new TrainConfig(base.model(), false, 1, 2, base.peakLr(), 1, base.minLrFraction(), base.weightDecay(),
                base.balanceLossWeight(), Map.of(), 7, TrainConfig.TRAIN_SEED_BASE, 3, 1, 1, List.of(), TrainConfig.DEPTH_LOG_L1, 2.5, null);
        try (M3ViTModel m = trainer(withInit, tmp.resolve("run"), new ArrayList<>()).run(FixedBatches::new, 0);
             NDManager scope = m.manager().newSubManager()) {
            assertThat(m.parameters().get("decoders.depth.conv_4.bias").getArray().toFloatArray()).containsExactly(2.5f);
            float[] image = new float[3 * 32 * 32];
            float[] depth = m.forward(scope.create(image, new ai.djl.ndarray.types.Shape(1, 3, 32, 32)), 1, false).output().toFloatArray();
            double mean = 0;
            for (float d : depth) mean += d / depth.length;
            // the published init draws conv_4's kernel small, so the start is the bias give or take a little
            assertThat(mean).isCloseTo(2.5, within(0.5));
        }
        try (M3ViTModel m = trainer(base, tmp.resolve("plain"), new ArrayList<>()).run(FixedBatches::new, 0)) {
            // the published initialisation: a small bias around 0
            assertThat(Math.abs(m.parameters().get("decoders.depth.conv_4.bias").getArray().getFloat(0))).isLessThan(0.5f);
        }
    }

    @Test
    void aRunInitialisedFromAModelAtAnotherSizeStartsFromItsWeightsWithTheGridResized(@TempDir Path tmp) throws Exception {
        ModelConfig wider = new ModelConfig("train-small-wide", 32, 48, SMALL.patchSize(), SMALL.embedDim(), SMALL.depth(),
                SMALL.numHeads(), SMALL.mlpHidden(), SMALL.moeBlocks(), SMALL.numExperts(), SMALL.topK(), SMALL.expertHidden(),
                SMALL.headChannels(), SMALL.tasks(), "test");
        Path source = tmp.resolve("source");
        Map<String, Tensor> sourceWeights;
        try (M3ViTModel m = M3ViTModel.random(wider, 11)) {
            m.save(source);
            sourceWeights = m.weights();
        }
        TrainConfig base = recipe(4);
        TrainConfig fineTune = new TrainConfig(base.model(), false, 4, 2, base.peakLr(), 1, base.minLrFraction(), base.weightDecay(),
                base.balanceLossWeight(), Map.of(), 7, TrainConfig.TRAIN_SEED_BASE, 3, 1, 1, List.of(), TrainConfig.DEPTH_L1, 2.5,
                source.toString());
        try (M3ViTModel m = trainer(fineTune, tmp.resolve("run"), new ArrayList<>()).run(FixedBatches::new, 0)) {
            Map<String, Tensor> start = m.weights();
            assertThat(start.keySet()).isEqualTo(sourceWeights.keySet());
            for (String name : sourceWeights.keySet()) {
                if (name.equals(FineTuneStart.POS_EMBED)) continue;
                // every weight carried over as it was: neither the random init nor the depth start (2.5 m) overwrote it
                assertThat(start.get(name)).as(name).isEqualTo(sourceWeights.get(name));
            }
            // 2x3 patches in the source, 2x2 in the run
            assertThat(start.get(FineTuneStart.POS_EMBED))
                    .isEqualTo(PositionEmbeddingResize.resize(sourceWeights.get(FineTuneStart.POS_EMBED), 2, 3, 2, 2));
        }
    }

    @Test
    void aRecipeWrittenBeforeTheLossOptionsReadsAsTheReferenceLosses(@TempDir Path tmp) throws Exception {
        Path old = tmp.resolve("train-config.json");
        java.nio.file.Files.writeString(old, "{\"model\":\"m3vit-synth\",\"denseBaseline\":false,\"steps\":10,\"batchSize\":8,"
                + "\"peakLr\":0.001,\"warmupSteps\":1,\"minLrFraction\":0.02,\"weightDecay\":0.05,\"balanceLossWeight\":0.01,"
                + "\"taskLossWeights\":{},\"initSeed\":42,\"dataSeed\":1000000,\"checkpointEverySteps\":50,\"logEverySteps\":10,"
                + "\"renderThreads\":1}");
        TrainConfig r = TrainConfig.read(old);
        assertThat(r.semsegClassWeights()).isEmpty();
        assertThat(r.depthLoss()).isEqualTo(TrainConfig.DEPTH_L1);
        assertThat(r.depthInitMetres()).isZero();
    }
}
