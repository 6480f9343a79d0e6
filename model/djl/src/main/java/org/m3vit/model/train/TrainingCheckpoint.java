package org.m3vit.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.io.ModelFiles;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A resumable training state in a run directory: {@code checkpoint/model.safetensors} (weights
 * and BatchNorm statistics), {@code checkpoint/optimizer.safetensors} (AdamW moments) and
 * {@code checkpoint/state.json} (next step, elapsed seconds). Written to a temporary directory
 * and moved into place, so a kill at any moment leaves the previous checkpoint intact.
 */
public final class TrainingCheckpoint {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Progress stored with a checkpoint. */
    public record State(int nextStep, double elapsedSeconds) { }

    private TrainingCheckpoint() { }

    /** Directory of the checkpoint inside a run directory. */
    public static Path dir(Path runDir) { return runDir.resolve("checkpoint"); }

    /** True when {@code runDir} holds a complete checkpoint. */
    public static boolean exists(Path runDir) {
        Path d = dir(runDir);
        return Files.isRegularFile(d.resolve("state.json")) && Files.isRegularFile(d.resolve(ModelFiles.WEIGHTS))
                && Files.isRegularFile(d.resolve("optimizer.safetensors"));
    }

    /** Writes the checkpoint atomically (as far as the file system allows). */
    public static void write(Path runDir, Map<String, Tensor> weights, Map<String, Tensor> optimizer, State state) throws IOException {
        Path target = dir(runDir);
        Path tmp = runDir.resolve("checkpoint.tmp");
        Path old = runDir.resolve("checkpoint.old");
        deleteRecursively(tmp);
        Files.createDirectories(tmp);
        Safetensors.write(tmp.resolve(ModelFiles.WEIGHTS), weights, Map.of("format", "m3vit-training-checkpoint"));
        Safetensors.write(tmp.resolve("optimizer.safetensors"), optimizer, Map.of("format", "m3vit-adamw-state"));
        JSON.writeValue(tmp.resolve("state.json").toFile(), state);
        deleteRecursively(old);
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(old);
    }

    /** Reads the progress of a checkpoint. */
    public static State readState(Path runDir) throws IOException {
        Path file = org.m3vit.model.guard.InputFiles.requireRegular(dir(runDir).resolve("state.json"), "checkpoint state file", 1 << 20);
        try {
            return JSON.readValue(Files.readAllBytes(file), State.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a valid checkpoint state: " + org.m3vit.model.guard.JsonErrors.describe(e), e);
        }
    }

    private static final String RESUME_ADVICE = "the run cannot resume from it (it diverged or the file is damaged): train again from an earlier copy";

    /** Reads the weights of a checkpoint; NaN or Inf in any of them is refused, naming the tensor (a run would resume diverged). */
    public static Map<String, Tensor> readWeights(Path runDir) throws IOException {
        Path file = dir(runDir).resolve(ModelFiles.WEIGHTS);
        Map<String, Tensor> w = Safetensors.read(file);
        org.m3vit.model.io.WeightCheck.requireFinite(w, file, RESUME_ADVICE);
        return w;
    }

    /** Reads the optimiser state of a checkpoint; NaN or Inf moments are refused as the weights are. */
    public static Map<String, Tensor> readOptimizer(Path runDir) throws IOException {
        Path file = dir(runDir).resolve("optimizer.safetensors");
        Map<String, Tensor> m = Safetensors.read(file);
        org.m3vit.model.io.WeightCheck.requireFinite(m, file, RESUME_ADVICE);
        return m;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
