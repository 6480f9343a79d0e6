package org.m3vit.app.cli;

import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.ModelMemory;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import org.m3vit.model.train.SceneBatches;
import org.m3vit.model.train.StepLosses;
import org.m3vit.model.train.TrainConfig;
import org.m3vit.model.train.Trainer;
import org.m3vit.model.train.TrainingCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code m3vit train}: trains a model (or its dense baseline) on synthetic scenes, resumable. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an M3ViT (or its dense baseline) on synthetic indoor scenes rendered on the fly.",
                "A run lives in --run-dir: it checkpoints every N steps and, started again with the same --run-dir,",
                "resumes where it stopped (kill it at any time; at most the last interval is lost).",
                "The default recipe is the one the bundled model was trained with."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--run-dir", required = true, description = "Directory of the run (checkpoints, log.jsonl, final model).")
    Path runDir;

    @Option(names = "--recipe", description = "Training recipe JSON (default: the bundled model's recipe).")
    Path recipeFile;

    @Option(names = "--model", description = "Model preset or config JSON to train (overrides the recipe's).")
    String model;

    @Option(names = "--dense", description = "Train the dense baseline (dense MLPs with the same active compute instead of MoE).")
    boolean dense;

    @Option(names = "--steps", description = "Step budget (overrides the recipe's; sets the schedule length).")
    Integer steps;

    @Option(names = "--batch", description = "Scenes per step (overrides the recipe's).")
    Integer batch;

    @Option(names = "--render-threads", description = "Background scene-rendering threads (overrides the recipe's).")
    Integer renderThreads;

    @Option(names = "--init-from", description = {"Fine-tune: start from this model directory's weights instead of random ones",
            "(same network; only the input size may differ: the position embedding is resampled to the new patch grid)."})
    Path initFrom;

    @Option(names = "--threads", description = {"libtorch intra-op threads (default: all cores; scene rendering runs in its own",
            "thread beside them). Use 1 to leave the other core free, e.g. for a second run."})
    Integer threads;

    @Option(names = "--stop-after", description = "Stop (with a checkpoint) after this many steps of this sitting.")
    Integer stopAfter;

    @Option(names = "--out", description = "Where to write the final model directory (default: <run-dir>/model).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (steps != null) Limits.range("--steps", steps, 1, Limits.STEPS);
        if (batch != null) Limits.range("--batch", batch, 1, Limits.BATCH);
        if (renderThreads != null) Limits.range("--render-threads", renderThreads, 1, Limits.THREADS);
        if (threads != null) Limits.range("--threads", threads, 1, Limits.THREADS);
        if (stopAfter != null) Limits.range("--stop-after", stopAfter, 1, Limits.STEPS);
        if (runDir.toString().isEmpty()) throw new IOException("--run-dir: the path is empty");
        TrainConfig recipe = recipe();
        runDir = OutputTargets.folder("--run-dir", runDir);
        if (out != null) out = OutputTargets.folder("--out", out);
        int libtorchThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (System.getProperty("ai.djl.pytorch.num_threads") == null || threads != null) {
            BenchCommand.engineThreads(libtorchThreads);
        }
        totalSteps = recipe.steps();
        trainer = new Trainer(recipe, runDir, this::log);
        ModelConfig config = trainer.modelConfig();
        Limits.memory("training " + config.name() + " on batches of " + recipe.batchSize(), 3.0 * recipe.batchSize() * ModelMemory.bytes(config));
        boolean resuming = TrainingCheckpoint.exists(runDir);
        System.out.printf(Locale.ROOT, "%s %s (%s) for %d steps x %d scenes in %s, %s libtorch thread(s)%n", resuming ? "Resuming" : "Training",
                config.name(), recipe.denseBaseline() ? "dense baseline" : "MoE", recipe.steps(), recipe.batchSize(), runDir,
                System.getProperty("ai.djl.pytorch.num_threads"));
        if (resuming) System.out.println("  from step " + TrainingCheckpoint.readState(runDir).nextStep());
        try (M3ViTModel trained = trainer.run(SceneBatches.factory(recipe, config.imageHeight(), config.imageWidth()),
                stopAfter == null ? Integer.MAX_VALUE : stopAfter)) {
            if (trained.isTrained()) {
                Path target = out != null ? out : runDir.resolve("model");
                trained.save(target);
                System.out.println("Finished: model written to " + target);
            } else {
                System.out.println("Stopped with a checkpoint; run the same command again to continue.");
            }
        }
        return 0;
    }

    private int totalSteps;
    private Trainer trainer;

    private TrainConfig recipe() throws IOException {
        Path existing = runDir.resolve("train-config.json");
        if (Files.exists(existing)) {
            TrainConfig r = TrainConfig.read(existing);
            if (model != null || dense || steps != null || batch != null || recipeFile != null || initFrom != null) {
                System.err.println("note: " + existing + " exists; resuming with that recipe (other options ignored except --stop-after)");
            }
            return r;
        }
        TrainConfig r = recipeFile != null ? TrainConfig.read(recipeFile) : TrainConfig.defaults();
        return r.overriding(model, dense ? Boolean.TRUE : null, steps, batch, renderThreads,
                initFrom == null ? null : initFrom.toAbsolutePath().normalize().toString());
    }

    private final RecentStepRate rate = new RecentStepRate(11);

    private void log(StepLosses s) {
        rate.add(s.step() + 1, s.seconds());
        double recent = rate.secondsPerStep();
        double perStep = Double.isNaN(recent) ? s.seconds() / (s.step() + 1) : recent;
        StringBuilder tasks = new StringBuilder();
        s.task().forEach((k, v) -> tasks.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
        long eta = Math.round(perStep * (totalSteps - s.step() - 1));
        System.out.printf(Locale.ROOT, "step %6d/%d  loss %.4f (%s, balance %.4f)  lr %.2e  %.2f s/step  ETA %dh%02dm%02ds%s%n",
                s.step() + 1, totalSteps, s.total(), tasks.toString().trim(), s.balance(), s.lr(), perStep,
                eta / 3600, eta / 60 % 60, eta % 60,
                trainer.skippedSteps() > 0 ? "  (" + trainer.skippedSteps() + " non-finite steps skipped)" : "");
        String json = String.format(Locale.ROOT, "{\"step\":%d,\"loss\":%.6f,\"balance\":%.6f,\"lr\":%.6e,\"seconds\":%.1f,\"tasks\":{%s}}%n",
                s.step() + 1, s.total(), s.balance(), s.lr(), s.seconds(), taskJson(s.task()));
        try {
            Files.writeString(runDir.resolve("log.jsonl"), json, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // stop at the first write error: the run resumes from its last checkpoint, which is written atomically
            Path file = runDir.resolve("log.jsonl");
            throw new java.io.UncheckedIOException(file + ": cannot write: " + org.m3vit.model.guard.AtomicFiles.reason(e)
                    + "; stopped at step " + (s.step() + 1) + " (the run resumes from its last checkpoint)", e);
        }
    }

    private static String taskJson(Map<String, Double> t) {
        StringBuilder b = new StringBuilder();
        t.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":%.6f", k, v)));
        return b.toString();
    }
}
