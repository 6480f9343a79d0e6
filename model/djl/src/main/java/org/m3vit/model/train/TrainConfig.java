package org.m3vit.model.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.InputFiles;
import org.m3vit.model.guard.JsonErrors;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.RecordJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that decides a training run, as JSON: the model config (preset or file), whether
 * to train the dense baseline instead, the step budget, batch, optimiser and schedule, loss
 * weights, seeds and the checkpoint interval; per-class cross-entropy weights (empty: unweighted),
 * the depth loss ({@value #DEPTH_L1}: L1 in metres, {@value #DEPTH_LOG_L1}: L1 of log-depth) and the
 * depth head's initial output (the last bias, in metres; 0 keeps the zero initialisation); the
 * model directory to fine-tune from ({@code initFrom}: its weights, the position embedding resampled
 * to this config's input size; null starts from random weights).
 * A resumed run reads it back from its directory; a recipe written before these fields existed
 * reads as unweighted, L1, zero-initialised, from random weights.
 */
public record TrainConfig(
        String model,
        boolean denseBaseline,
        int steps,
        int batchSize,
        double peakLr,
        int warmupSteps,
        double minLrFraction,
        double weightDecay,
        double balanceLossWeight,
        Map<String, Double> taskLossWeights,
        long initSeed,
        long dataSeed,
        int checkpointEverySteps,
        int logEverySteps,
        int renderThreads,
        List<Double> semsegClassWeights,
        String depthLoss,
        double depthInitMetres,
        String initFrom) {

    /** First scene seed used for training; evaluation seeds must stay below it. */
    public static final long TRAIN_SEED_BASE = 1_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Depth loss: mean |prediction - truth| in metres (the published code's). */
    public static final String DEPTH_L1 = "l1";
    /** Depth loss: mean |log max(prediction, 0.01 m) - log truth|, scale-aware like absRel. */
    public static final String DEPTH_LOG_L1 = "log-l1";

    public TrainConfig {
        taskLossWeights = taskLossWeights == null ? Map.of() : Map.copyOf(taskLossWeights);
        semsegClassWeights = semsegClassWeights == null ? List.of() : List.copyOf(semsegClassWeights);
        depthLoss = depthLoss == null ? DEPTH_L1 : depthLoss;
        if (!Set.of(DEPTH_L1, DEPTH_LOG_L1).contains(depthLoss)) {
            throw new IllegalArgumentException("depthLoss must be \"" + DEPTH_L1 + "\" or \"" + DEPTH_LOG_L1 + "\", was \"" + depthLoss + "\"");
        }
        for (double w : semsegClassWeights) {
            if (!(w > 0 && w < 1e6)) throw new IllegalArgumentException("semsegClassWeights must be positive and finite, got " + w);
        }
        if (!(depthInitMetres >= 0 && depthInitMetres < 1000)) throw new IllegalArgumentException("depthInitMetres must be in [0, 1000), was " + depthInitMetres);
        Limits.range("steps", steps, 1, Limits.STEPS);
        Limits.range("batchSize", batchSize, 1, Limits.BATCH);
        Limits.range("warmupSteps", warmupSteps, 0, Limits.STEPS);
        Limits.range("checkpointEverySteps", checkpointEverySteps, 1, Limits.STEPS);
        Limits.range("logEverySteps", logEverySteps, 1, Limits.STEPS);
        Limits.range("renderThreads", renderThreads, 1, Limits.THREADS);
        finite("peakLr", peakLr, 0, 10);
        finite("minLrFraction", minLrFraction, 0, 1);
        finite("weightDecay", weightDecay, 0, 10);
        finite("balanceLossWeight", balanceLossWeight, 0, 1e6);
        for (Map.Entry<String, Double> e : taskLossWeights.entrySet()) finite("taskLossWeights." + e.getKey(), e.getValue() == null ? Double.NaN : e.getValue(), 0, 1e6);
        if (semsegClassWeights.size() > Limits.TASK_CHANNELS) throw new IllegalArgumentException("semsegClassWeights has " + semsegClassWeights.size() + " entries; at most " + Limits.TASK_CHANNELS);
        if (model != null) org.m3vit.model.guard.Names.plainText("model", model);
        if (initFrom != null) org.m3vit.model.guard.Names.plainText("initFrom", initFrom);
    }

    private static void finite(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(field + " is " + v + "; it must be a number between " + min + " and " + max);
    }

    /**
     * Per-class cross-entropy weights of the bundled recipe: 1 / sqrt(pixel share) of each class
     * over 400 training scenes (`./m3vit render --stats --count 400 --seed 1000000`, renderer
     * version 2), scaled so that the pixel-weighted mean weight is 1.
     */
    public static final List<Double> BUNDLED_CLASS_WEIGHTS = List.of(0.764, 0.489, 2.391, 1.263, 1.704, 2.234, 1.502, 1.559,
            1.346, 1.363, 1.324, 1.296, 3.523, 2.459);

    /** The recipe used for the bundled model (see docs/training.md for why). */
    public static TrainConfig defaults() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("semseg", 1.0);
        w.put("depth", 1.0);
        w.put("normals", 1.0);
        return new TrainConfig("m3vit-synth", false, 53700, 8, 1e-3, 100, 0.02, 0.05, 0.01, w,
                42, TRAIN_SEED_BASE, 50, 10, 1, BUNDLED_CLASS_WEIGHTS, DEPTH_LOG_L1, 2.5, null);
    }

    /**
     * This recipe with some fields replaced; a null argument keeps the field. A shorter step budget
     * also shortens the warm-up to fit in it.
     */
    public TrainConfig overriding(String newModel, Boolean dense, Integer newSteps, Integer newBatch, Integer newRenderThreads) {
        return overriding(newModel, dense, newSteps, newBatch, newRenderThreads, null);
    }

    /** As {@link #overriding(String, Boolean, Integer, Integer, Integer)}, also replacing the model to fine-tune from. */
    public TrainConfig overriding(String newModel, Boolean dense, Integer newSteps, Integer newBatch, Integer newRenderThreads, String newInitFrom) {
        int s = newSteps != null ? newSteps : steps;
        return new TrainConfig(newModel != null ? newModel : model, dense != null ? dense : denseBaseline, s,
                newBatch != null ? newBatch : batchSize, peakLr, Math.min(warmupSteps, s), minLrFraction, weightDecay,
                balanceLossWeight, taskLossWeights, initSeed, dataSeed, checkpointEverySteps, logEverySteps,
                newRenderThreads != null ? newRenderThreads : renderThreads, semsegClassWeights, depthLoss, depthInitMetres,
                newInitFrom != null ? newInitFrom : initFrom);
    }

    /** The weight of a task's loss (1 when unspecified). */
    public double taskWeight(String task) { return taskLossWeights.getOrDefault(task, 1.0); }

    /** First scene seed of step {@code step}'s batch. */
    public long sceneSeed(int step, int indexInBatch) {
        return dataSeed + (long) step * batchSize + indexInBatch;
    }

    /** Writes this config as JSON. */
    public void write(Path file) throws IOException { AtomicFiles.write(file, JSON.writeValueAsBytes(this)); }

    /** Reads a config written by {@link #write}; errors name the file. */
    public static TrainConfig read(Path file) throws IOException {
        InputFiles.requireRegular(file, "recipe file", 1 << 20);
        try {
            return RecordJson.read(JSON, Files.readAllBytes(file), TrainConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a valid training config: " + JsonErrors.describe(e), e);
        }
    }
}
