package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.data.TrainingBatch;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import org.m3vit.model.train.TrainConfig;
import org.m3vit.model.train.TrainStepBenchmark;
import org.m3vit.model.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code m3vit bench train}: seconds per training step of a recipe on one fixed batch, for comparison with the PyTorch peer. */
@Command(name = "train", mixinStandardHelpOptions = true, description = {"Time the trainer's step (all tasks forward + backward + AdamW) on one fixed batch of rendered scenes.",
        "With --write-batch the batch and the initial weights are written for benchmarks/torch_train_step.py;",
        "benchmarks/train-step-compare.sh runs both, interleaved."})
final class TrainBench implements Callable<Integer> {

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the engine's choice).")
    Integer threads;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "8", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--recipe", description = "Training recipe JSON (default: the bundled model's recipe).")
    Path recipeFile;

    @Option(names = "--json", description = "Write the figures as JSON to this file.")
    Path json;

    @Option(names = "--write-batch", description = "Write the batch (.npy), the recipe, the model config and the initial weights to this directory.")
    Path writeBatch;

    @Override
    public Integer call() throws Exception {
        Limits.range("--steps", steps, 1, Limits.RUNS);
        Limits.range("--warmup", warmup, 0, Limits.RUNS);
        if (json != null) json = OutputTargets.file("--json", json);
        String threadText = BenchCommand.engineThreads(threads);
        TrainConfig recipe = recipeFile != null ? TrainConfig.read(recipeFile) : TrainConfig.defaults();
        // only step() is used, which writes nothing: the run directory stays untouched
        Trainer trainer = new Trainer(recipe, Path.of("."), s -> { });
        ModelConfig config = trainer.modelConfig();
        double[] rate = new double[1];
        TrainingBatch batch = TrainStepBenchmark.batch(recipe, config.imageHeight(), config.imageWidth(), rate);
        try (M3ViTModel model = M3ViTModel.random(config, recipe.initSeed())) {
            Trainer.initialiseDepthOutput(model, recipe.depthInitMetres());
            if (writeBatch != null) {
                TrainStepBenchmark.writeBatch(batch, writeBatch);
                model.save(writeBatch.resolve("initial"));
                recipe.write(writeBatch.resolve("train-config.json"));
            }
            String load = BenchCommand.loadAverage();
            TrainStepBenchmark.Result r = TrainStepBenchmark.run(trainer, model, batch, warmup, steps, rate[0]);
            System.out.printf(Locale.ROOT, "train step, %s, batch %d at %dx%d, %s, load average %s before / %s after%n", config.name(),
                    batch.size(), batch.height(), batch.width(), threadText, load, BenchCommand.loadAverage());
            System.out.printf(Locale.ROOT, "median %.3f s/step (min %.3f, max %.3f) over %d steps after %d warm-up; first loss %.4f %s%n",
                    r.median(), r.min(), r.max(), steps, warmup, r.firstStep().total(), r.firstStep().task());
            System.out.printf(Locale.ROOT, "rendering: %.1f scenes/s on one thread (%.2f s per batch, done by a background thread in training)%n",
                    r.scenesPerSecondOneThread(), batch.size() / r.scenesPerSecondOneThread());
            if (json != null) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("impl", "m3vit-djl");
                out.put("model", config.name());
                out.put("threads", threads);
                out.put("batch", batch.size());
                out.put("steps", steps);
                out.put("warmup", warmup);
                out.put("seconds", r.seconds());
                out.put("median", r.median());
                out.put("min", r.min());
                out.put("max", r.max());
                out.put("first_loss", r.firstStep().total());
                out.put("first_task_losses", r.firstStep().task());
                out.put("render_scenes_per_second_one_thread", r.scenesPerSecondOneThread());
                out.put("load_average_before", load);
                AtomicFiles.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(out));
            }
        }
        return 0;
    }
}
