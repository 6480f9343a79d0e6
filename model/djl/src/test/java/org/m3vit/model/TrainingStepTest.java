package org.m3vit.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.m3vit.model.nn.Scalar;
import org.m3vit.model.nn.TaskPass;
import org.m3vit.model.train.TaskLosses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The training-facing forward: gradients reach the right parameters, Adam lowers the loss, BatchNorm uses and updates batch statistics. */
class TrainingStepTest {

    @Test
    void adamStepsLowerTheLossOnAFixedBatch() {
        ModelConfig config = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.random(config, 21); NDManager data = model.manager().newSubManager()) {
            NDArray images = data.create(batch(config, 2, 1), new Shape(2, 3, config.imageHeight(), config.imageWidth()));
            NDArray target = data.create(batch(config, 2, 2), new Shape(2, 3, config.imageHeight(), config.imageWidth()));
            int task = config.taskIndex("normals");
            Map<String, Parameter> trainable = model.trainableParameters();
            List<Float> losses = new ArrayList<>();
            try (org.m3vit.model.train.AdamW adam = new org.m3vit.model.train.AdamW(model.manager())) {
                for (int step = 0; step < 6; step++) {
                    try (NDManager scope = data.newSubManager()) {
                        for (Parameter p : trainable.values()) {
                            if (p.getArray().hasGradient()) {
                                NDArray g = p.getArray().getGradient();
                                g.attach(scope);
                                g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
                            }
                        }
                        NDArray x = images.duplicate();
                        x.attach(scope);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            TaskPass pass = model.forward(x, task, true);
                            NDArray loss = pass.output().sub(target).abs().mean().add(Scalar.mul(pass.balanceLoss(), 0.01));
                            gc.backward(loss);
                            losses.add(loss.getFloat());
                        }
                        if (step == 0) checkGradients(model, config);
                        adam.beginStep();
                        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                            NDArray g = e.getValue().getArray().getGradient();
                            g.attach(scope);
                            adam.update(e.getKey(), e.getValue().getArray(), g, 1e-2, 0);
                        }
                    }
                }
            }
            assertThat(losses.get(losses.size() - 1)).as("losses %s", losses).isLessThan(losses.get(0) * 0.95f);
        }
    }

    /**
     * Regression: memory the JVM hands to libtorch must not be read by the backward pass after the
     * garbage collector may have freed it. DJL's Number overloads (x.mul(0.5f)) wrap the constant in
     * a Java direct buffer that is released at once; gradients then came out NaN or wrong at random
     * (the same mechanism made libtorch's convolution look guilty: ConvBackwardMemoryTest). Collecting
     * garbage and scribbling NaN over freed memory (the JVM's and libtorch's) between the forward and
     * the backward pass must not change a single gradient of the whole training pass: backbone,
     * heads with libtorch's native convolutions and up-sampling, each task's loss with the trainer's
     * weights and the load-balancing loss.
     */
    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
        ModelConfig config = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.random(config, 21); NDManager data = model.manager().newSubManager()) {
            NDArray images = data.create(batch(config, 2, 1), new Shape(2, 3, config.imageHeight(), config.imageWidth())).duplicate();
            for (int task = 0; task < config.numTasks(); task++) {
                NDArray target = data.create(target(config, config.tasks().get(task), 2), targetShape(config, config.tasks().get(task), 2))
                        .duplicate();
                Map<String, float[]> quiet = gradients(model, images, target, task, false);
                for (int round = 0; round < 3; round++) {
                    Map<String, float[]> stressed = gradients(model, images, target, task, true);
                    for (Map.Entry<String, float[]> e : quiet.entrySet()) {
                        assertThat(stressed.get(e.getKey())).as("gradient of %s, task %d", e.getKey(), task).containsExactly(e.getValue());
                    }
                }
            }
        }
    }

    private static Map<String, float[]> gradients(M3ViTModel model, NDArray images, NDArray target, int task, boolean collectGarbage) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        try (NDManager scope = images.getManager().newSubManager()) {
            for (Parameter p : model.trainableParameters().values()) {
                if (p.getArray().hasGradient()) {
                    NDArray g = p.getArray().getGradient();
                    g.attach(scope);
                    g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
                }
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                TaskSpec spec = model.config().tasks().get(task);
                TaskPass pass = model.forward(images, task, true);
                NDArray loss = Scalar.mul(TaskLosses.loss(spec.kind(), pass.output(), target), 1.0)
                        .add(Scalar.mul(pass.balanceLoss(), 0.01));
                if (collectGarbage) FreedMemory.collectAndScribble(scope);
                gc.backward(loss);
            }
            for (Map.Entry<String, Parameter> e : model.trainableParameters().entrySet()) {
                NDArray g = e.getValue().getArray().getGradient();
                g.attach(scope);
                out.put(e.getKey(), g.toFloatArray());
            }
        }
        return out;
    }

    @Test
    void gradientsReachTheTaskGatesAndHeadOnly() {
        ModelConfig config = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.random(config, 21); NDManager data = model.manager().newSubManager()) {
            NDArray images = data.create(batch(config, 2, 1), new Shape(2, 3, config.imageHeight(), config.imageWidth()));
            NDArray target = data.create(batch(config, 2, 2), new Shape(2, 3, config.imageHeight(), config.imageWidth()));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                TaskPass pass = model.forward(images, config.taskIndex("normals"), true);
                gc.backward(pass.output().sub(target).abs().mean().add(Scalar.mul(pass.balanceLoss(), 0.01)));
            }
            checkGradients(model, config);
        }
    }

    private static void checkGradients(M3ViTModel model, ModelConfig config) {
        Map<String, Parameter> p = model.parameters();
        for (String used : List.of("backbone.patch_embed.proj.weight", "backbone.pos_embed", "backbone.cls_token",
                "backbone.blocks.1.mlp.gate.2.w_gate", "backbone.blocks.3.mlp.experts.htoh4.weight",
                "backbone.blocks.0.mlp.fc1.weight", "decoders.normals.conv_0.weight", "decoders.normals.syncbn_fc_2.weight",
                "decoders.normals.norm.bias")) {
            assertThat(maxAbs(p.get(used).getArray().getGradient())).as("gradient of %s", used).isGreaterThan(0);
        }
        for (String unused : List.of("backbone.blocks.1.mlp.gate.0.w_gate", "decoders.depth.conv_0.weight")) {
            assertThat(maxAbs(p.get(unused).getArray().getGradient())).as("gradient of %s", unused).isZero();
        }
    }

    @Test
    void trainingBatchNormUsesBatchStatisticsAndUpdatesRunningOnes() {
        ModelConfig config = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.random(config, 4); NDManager scope = model.manager().newSubManager()) {
            NDArray images = scope.create(batch(config, 3, 9), new Shape(3, 3, config.imageHeight(), config.imageWidth()));
            Parameter mean = model.parameters().get("decoders.depth.syncbn_fc_0.running_mean");
            Parameter var = model.parameters().get("decoders.depth.syncbn_fc_0.running_var");
            float[] eval1 = model.forward(images, 1, false).output().toFloatArray();
            assertThat(mean.getArray().toFloatArray()).containsOnly(0f);
            float[] train = model.forward(images, 1, true).output().toFloatArray();
            float[] m = mean.getArray().toFloatArray();
            float[] v = var.getArray().toFloatArray();
            // PyTorch momentum 0.1 from (mean 0, var 1): running = 0.1 * batch value (+ 0.9 for the variance)
            assertThat(maxAbs(m)).isGreaterThan(0);
            for (float x : v) assertThat(x).isGreaterThan(0.9f);
            float[] eval2 = model.forward(images, 1, false).output().toFloatArray();
            assertThat(eval2).isNotEqualTo(eval1);
            assertThat(train).isNotEqualTo(eval1);
        }
    }

    @Test
    void batchedEvalForwardEqualsPerImageInference() {
        ModelConfig config = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.of(config, TestWeights.random(config, 8), true, "test");
             NDManager scope = model.manager().newSubManager()) {
            float[] both = batch(config, 2, 3);
            int plane = 3 * config.imageHeight() * config.imageWidth();
            float[] second = java.util.Arrays.copyOfRange(both, plane, 2 * plane);
            float[] batched = model.forward(scope.create(both, new Shape(2, 3, config.imageHeight(), config.imageWidth())), 0, false)
                    .output().toFloatArray();
            float[] single = model.infer(second, List.of("semseg")).output("semseg").data();
            for (int i = 0; i < single.length; i++) {
                assertThat((double) batched[single.length + i]).isCloseTo(single[i], offset(1e-4 * (1 + Math.abs(single[i]))));
            }
        }
    }

    /** A valid target of {@code task} for {@code n} images: class ids, positive depths or unit normals. */
    private static float[] target(ModelConfig c, TaskSpec task, int n) {
        Random rng = new Random(5);
        int plane = c.imageHeight() * c.imageWidth();
        float[] t = new float[(int) targetShape(c, task, n).size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = switch (task.kind()) {
                case SEGMENTATION -> rng.nextInt(task.channels());
                case DEPTH -> 0.5f + 4 * rng.nextFloat();
                default -> (i / plane) % 3 == 2 ? -1f : 0f;
            };
        }
        return t;
    }

    private static Shape targetShape(ModelConfig c, TaskSpec task, int n) {
        return task.kind() == TaskKind.SEGMENTATION ? new Shape(n, c.imageHeight(), c.imageWidth())
                : new Shape(n, task.channels(), c.imageHeight(), c.imageWidth());
    }

    private static float[] batch(ModelConfig c, int n, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n * 3 * c.imageHeight() * c.imageWidth()];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    private static float maxAbs(NDArray a) { return maxAbs(a.toFloatArray()); }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float x : a) m = Math.max(m, Math.abs(x));
        return m;
    }
}
