package org.m3vit.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.GradModeOff;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.TrainingBatch;
import org.m3vit.model.io.FineTuneStart;
import org.m3vit.model.nn.Scalar;
import org.m3vit.model.nn.TaskPass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Multi-task training of an M³ViT (or its dense baseline) on synthetic scenes: every step runs
 * every task (each with its own gates and head), sums the weighted task losses and the
 * load-balancing loss, and takes one AdamW step. Checkpoints every N steps into the run
 * directory and resumes from there, so a run can be killed at any moment and continued.
 */
public final class Trainer {

    private final TrainConfig recipe;
    private final ModelConfig modelConfig;
    private final LrSchedule schedule;
    private final float[] classWeights;
    private final Path runDir;
    private final Consumer<StepLosses> listener;
    private int skippedSteps;
    private String lastNonFinite;
    private int consecutiveSkips;
    private boolean lastStepSkipped;

    /** A run stops as diverged after this many non-finite steps in a row. */
    static final int MAX_CONSECUTIVE_SKIPS = 20;

    /** A trainer whose {@link #run} writes into {@code runDir} (nothing else does); {@code listener} sees every logged step. */
    public Trainer(TrainConfig recipe, Path runDir, Consumer<StepLosses> listener) throws IOException {
        this.recipe = recipe;
        this.runDir = runDir;
        this.listener = listener;
        this.modelConfig = modelConfigOf(recipe);
        this.schedule = new LrSchedule(recipe.peakLr(), recipe.warmupSteps(), recipe.steps(), recipe.minLrFraction());
        List<Double> w = recipe.semsegClassWeights();
        this.classWeights = new float[w.size()];
        for (int i = 0; i < classWeights.length; i++) classWeights[i] = w.get(i).floatValue();
        for (TaskSpec t : modelConfig.tasks()) {
            // checked before any work (and before bench train --write-batch writes anything), not at the first loss
            if (t.kind() == TaskKind.SEGMENTATION && classWeights.length > 0 && classWeights.length != t.channels()) {
                throw new IllegalArgumentException("semsegClassWeights has " + classWeights.length + " entries but the "
                        + modelConfig.name() + " head '" + t.name() + "' predicts " + t.channels() + " classes");
            }
        }
    }

    /** The model config the recipe trains: the named config, or its dense baseline. */
    public static ModelConfig modelConfigOf(TrainConfig recipe) throws IOException {
        ModelConfig base = ConfigJson.resolve(recipe.model());
        return recipe.denseBaseline() ? denseBaseline(base) : base;
    }

    /**
     * The dense multi-task ViT with the same active compute: every MoE block replaced by a dense
     * MLP whose hidden width equals the k experts a token runs (k x Dh).
     */
    public static ModelConfig denseBaseline(ModelConfig moe) {
        int hidden = moe.moeBlocks().isEmpty() ? moe.mlpHidden() : moe.topK() * moe.expertHidden();
        if (hidden != moe.mlpHidden()) {
            throw new IllegalArgumentException("config '" + moe.name() + "': dense blocks have hidden " + moe.mlpHidden()
                    + " but k x Dh = " + hidden + "; the dense baseline would not have the same active compute");
        }
        return new ModelConfig(moe.name() + "-dense", moe.imageHeight(), moe.imageWidth(), moe.patchSize(), moe.embedDim(),
                moe.depth(), moe.numHeads(), moe.mlpHidden(), List.of(), moe.numExperts(), moe.topK(), moe.expertHidden(),
                moe.headChannels(), moe.tasks(), "Dense baseline of " + moe.name() + ": dense MLPs (hidden " + hidden
                + ") in place of the MoE blocks, same active compute per token");
    }

    /** The config being trained. */
    public ModelConfig modelConfig() { return modelConfig; }

    /** Trains until the recipe's step budget (or {@code stopAfterSteps} more steps), resuming if a checkpoint exists. Returns the model. */
    public M3ViTModel run(BatchSource.Factory sources, int stopAfterSteps) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        Path recipeFile = runDir.resolve("train-config.json");
        if (!Files.exists(recipeFile)) recipe.write(recipeFile);
        ConfigJson.write(modelConfig, runDir.resolve("model-config.json"));
        M3ViTModel model;
        int startStep = 0;
        double elapsedBefore = 0;
        boolean resumed = TrainingCheckpoint.exists(runDir);
        if (resumed) {
            model = M3ViTModel.of(modelConfig, TrainingCheckpoint.readWeights(runDir), false, "training checkpoint " + runDir);
            TrainingCheckpoint.State s = TrainingCheckpoint.readState(runDir);
            startStep = s.nextStep();
            elapsedBefore = s.elapsedSeconds();
        } else if (recipe.initFrom() != null) {
            Path source = Path.of(recipe.initFrom());
            model = M3ViTModel.of(modelConfig, FineTuneStart.weights(source, modelConfig), false, "fine-tuning from " + source);
        } else {
            model = M3ViTModel.random(modelConfig, recipe.initSeed());
            initialiseDepthOutput(model, recipe.depthInitMetres());
        }
        Map<String, Parameter> trainable = model.trainableParameters();
        int endStep = (int) Math.min(recipe.steps(), (long) startStep + stopAfterSteps);
        long t0 = System.nanoTime();
        try (AdamW optimizer = new AdamW(model.manager()); BatchSource data = sources.open(startStep)) {
            if (resumed) optimizer.restore(TrainingCheckpoint.readOptimizer(runDir));
            for (int step = startStep; step < endStep; step++) {
                TrainingBatch batch = data.next();
                double lr = schedule.at(step);
                StepLosses losses = step(model, trainable, optimizer, batch, step, lr);
                double seconds = elapsedBefore + (System.nanoTime() - t0) / 1e9;
                consecutiveSkips = lastStepSkipped ? consecutiveSkips + 1 : 0;
                if (consecutiveSkips >= MAX_CONSECUTIVE_SKIPS || skippedSteps > Math.max(20, (step - startStep + 1) * 3 / 10)) {
                    throw new IllegalStateException("training diverged: " + skippedSteps + " of " + (step - startStep + 1)
                            + " steps had non-finite losses or gradients (" + consecutiveSkips + " in a row), the last in "
                            + lastNonFinite + " (last checkpoint in " + TrainingCheckpoint.dir(runDir) + ")");
                }
                boolean last = step + 1 == endStep;
                if ((step + 1) % recipe.logEverySteps() == 0 || last || step == startStep) {
                    listener.accept(new StepLosses(step, losses.task(), losses.balance(), losses.total(), lr, seconds));
                }
                if ((step + 1) % recipe.checkpointEverySteps() == 0 || last) {
                    TrainingCheckpoint.write(runDir, model.weights(), optimizer.state(), new TrainingCheckpoint.State(step + 1, seconds));
                }
            }
        }
        if (endStep >= recipe.steps()) {
            model.markTrained("trained " + recipe.steps() + " steps x " + recipe.batchSize() + " synthetic scenes ("
                    + (recipe.denseBaseline() ? "dense baseline" : "MoE") + ")");
        }
        return model;
    }

    /**
     * Sets the depth heads' last bias to {@code metres} so that depth starts at the training set's
     * typical value instead of 0 (the published head's structure is unchanged); 0 leaves it.
     */
    public static void initialiseDepthOutput(M3ViTModel model, double metres) {
        if (metres == 0) return;
        for (TaskSpec spec : model.config().tasks()) {
            if (spec.kind() != TaskKind.DEPTH) continue;
            Parameter bias = model.parameters().get("decoders." + spec.name() + ".conv_4.bias");
            float[] v = new float[spec.channels()];
            java.util.Arrays.fill(v, (float) metres);
            GradModeOff.run(() -> org.m3vit.model.io.NativeCopy.into(bias.getArray(), v)); // an in-place copy into a leaf
        }
    }

    /**
     * One training step of this recipe on {@code batch} (every task forward, backward, one AdamW
     * update unless a loss or gradient is not finite), at the schedule's learning rate for {@code step}.
     */
    public StepLosses step(M3ViTModel model, AdamW optimizer, TrainingBatch batch, int step) {
        return step(model, model.trainableParameters(), optimizer, batch, step, schedule.at(step));
    }

    private StepLosses step(M3ViTModel model, Map<String, Parameter> trainable, AdamW optimizer, TrainingBatch b, int step, double lr) {
        ModelConfig c = model.config();
        Map<String, Double> taskLosses = new LinkedHashMap<>();
        double balanceSum = 0;
        double total;
        // the NDScope also frees results DJL attaches to the model's long-lived manager (ops whose
        // first operand is a parameter); without it the process grew by tens of MB per step
        try (NDScope arrays = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            arrays.suppressNotUsedWarning();
            int h = b.height(), w = b.width(), n = b.size();
            NDArray images = scope.create(b.images(), new Shape(n, 3, h, w)).duplicate();
            zeroGradients(trainable, scope);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = null;
                for (int t = 0; t < c.numTasks(); t++) {
                    TaskSpec spec = c.tasks().get(t);
                    TaskPass pass = model.forward(images, t, true);
                    NDArray taskLoss = taskLoss(scope, spec.kind(), pass.output(), target(scope, spec.kind(), b));
                    taskLosses.put(spec.name(), (double) taskLoss.getFloat());
                    balanceSum += pass.balanceLoss().getFloat();
                    NDArray term = Scalar.mul(taskLoss, recipe.taskWeight(spec.name()))
                            .add(Scalar.mul(pass.balanceLoss(), recipe.balanceLossWeight()));
                    loss = loss == null ? term : loss.add(term);
                }
                total = loss.getFloat();
                gc.backward(loss);
            }
            String bad = Double.isFinite(total) ? firstNonFiniteGradient(trainable, scope) : "loss";
            if (bad != null) {
                skippedSteps++;
                lastNonFinite = bad;
                lastStepSkipped = true;
                return new StepLosses(step, taskLosses, balanceSum, total, lr, 0);
            }
            lastStepSkipped = false;
            optimizer.beginStep();
            // in place on leaves that require grad: libtorch refuses that with grad mode on, which is the default of every
            // thread but the one that started the engine (a trainer on another thread failed at its first step)
            GradModeOff.run(() -> {
                for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                    NDArray weight = e.getValue().getArray();
                    optimizer.update(e.getKey(), weight, gradient(weight, scope), lr, decays(e.getKey(), weight) ? recipe.weightDecay() : 0);
                }
            });
        }
        return new StepLosses(step, taskLosses, balanceSum, total, lr, 0);
    }

    /**
     * Sets every gradient to exactly zero (libtorch's {@code grad().zero_()}). DJL's
     * {@code GradientCollector.zeroGradients()} only visits arrays of the engine's system manager
     * (not a model's own manager) and subtracts the gradient from itself, which leaves NaN where a
     * NaN was; libtorch accumulates gradients, so without this every step would add onto the last.
     */
    private static void zeroGradients(Map<String, Parameter> trainable, NDManager scope) {
        for (Parameter p : trainable.values()) {
            NDArray w = p.getArray();
            if (w.hasGradient()) ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
        }
    }

    /**
     * The gradient of {@code weight} as an array owned by {@code scope}: DJL hands out a new
     * wrapper on every call, attached to the parameter's (long-lived) manager, so without this
     * every step would leak one native handle per parameter, plus every array computed from it.
     */
    private static NDArray gradient(NDArray weight, NDManager scope) {
        NDArray g = weight.getGradient();
        g.attach(scope);
        return g;
    }

    /** Name of the first parameter whose gradient holds a NaN or infinity, or null. */
    private static String firstNonFiniteGradient(Map<String, Parameter> trainable, NDManager scope) {
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            // one reduction: the sum is NaN or infinite whenever an element is
            if (!Float.isFinite(gradient(e.getValue().getArray(), scope).sum().getFloat())) return e.getKey();
        }
        return null;
    }

    /** The recipe's loss for one task: class-weighted cross-entropy, the chosen depth loss, or the reference's. */
    private NDArray taskLoss(NDManager scope, TaskKind kind, NDArray prediction, NDArray target) {
        if (kind == TaskKind.SEGMENTATION && classWeights.length > 0) {
            if (classWeights.length != prediction.getShape().get(1)) {
                throw new IllegalArgumentException("semsegClassWeights has " + classWeights.length + " entries but the head predicts "
                        + prediction.getShape().get(1) + " classes");
            }
            return TaskLosses.crossEntropy(prediction, target, scope.create(classWeights).duplicate());
        }
        if (kind == TaskKind.DEPTH && TrainConfig.DEPTH_LOG_L1.equals(recipe.depthLoss())) {
            return TaskLosses.depthLogL1(prediction, target);
        }
        return TaskLosses.loss(kind, prediction, target);
    }

    /** Steps whose loss or gradients were not finite and were therefore not applied. */
    public int skippedSteps() { return skippedSteps; }

    /** Weight decay applies to matrices and kernels only; biases, norms, BatchNorm, cls token and positions are exempt. */
    static boolean decays(String name, NDArray weight) {
        if (name.endsWith(".bias") || name.contains("syncbn")) return false;
        // LayerNorms are "norm", "norm1", "norm2" path segments (a task named "normals" is not one)
        for (String segment : name.split("\\.")) if (segment.matches("norm\\d*")) return false;
        if (name.endsWith("cls_token") || name.endsWith("pos_embed")) return false;
        return weight.getShape().dimension() >= 2;
    }

    private static NDArray target(NDManager scope, TaskKind kind, TrainingBatch b) {
        int h = b.height(), w = b.width(), n = b.size();
        return switch (kind) {
            case SEGMENTATION -> scope.create(b.labelsAsFloats(), new Shape(n, h, w)).duplicate();
            case DEPTH -> scope.create(b.depth(), new Shape(n, 1, h, w)).duplicate();
            case NORMALS -> scope.create(b.normals(), new Shape(n, 3, h, w)).duplicate();
            case PROBABILITY -> throw new IllegalArgumentException("synthetic scenes have no ground truth for probability tasks");
        };
    }
}
