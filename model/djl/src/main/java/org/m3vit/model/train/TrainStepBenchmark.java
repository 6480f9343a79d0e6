package org.m3vit.model.train;

import org.m3vit.model.M3ViTModel;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.data.TrainingBatch;
import org.m3vit.model.io.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the trainer's step (every task forward, backward, AdamW) on one fixed batch of rendered
 * scenes, the rendering excluded, and writes that batch as .npy files so that a PyTorch peer
 * (benchmarks/torch_train_step.py) can time the same step on the same data.
 */
public final class TrainStepBenchmark {

    /** Seconds of each timed step, the loss of the first step, and the render rate of one thread. */
    public record Result(List<Double> seconds, StepLosses firstStep, double scenesPerSecondOneThread) {
        /** Median of the timed steps. */
        public double median() {
            double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        /** Fastest timed step. */
        public double min() { return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

        /** Slowest timed step. */
        public double max() { return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }
    }

    private TrainStepBenchmark() { }

    /** The first training batch of {@code recipe} (seeds from its data seed), rendered on this thread; also returns the render rate. */
    public static TrainingBatch batch(TrainConfig recipe, int height, int width, double[] scenesPerSecond) {
        SceneRenderer renderer = new SceneRenderer();
        long[] seeds = new long[recipe.batchSize()];
        RenderedScene[] scenes = new RenderedScene[seeds.length];
        long t0 = System.nanoTime();
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = recipe.sceneSeed(0, i);
            scenes[i] = renderer.render(seeds[i], height, width);
        }
        scenesPerSecond[0] = seeds.length / ((System.nanoTime() - t0) / 1e9);
        return TrainingBatch.of(seeds, scenes);
    }

    /** Runs {@code warmup} untimed and {@code steps} timed steps of {@code trainer}'s recipe on {@code batch}. */
    public static Result run(Trainer trainer, M3ViTModel model, TrainingBatch batch, int warmup, int steps, double scenesPerSecond) {
        List<Double> seconds = new ArrayList<>();
        StepLosses first = null;
        try (AdamW optimizer = new AdamW(model.manager())) {
            for (int s = 0; s < warmup + steps; s++) {
                long t0 = System.nanoTime();
                StepLosses l = trainer.step(model, optimizer, batch, s);
                double dt = (System.nanoTime() - t0) / 1e9;
                if (first == null) first = l;
                if (s >= warmup) seconds.add(dt);
            }
        }
        return new Result(seconds, first, scenesPerSecond);
    }

    /** Writes the batch as images.npy (B,3,H,W), labels.npy (B,H,W, float32 class ids), depth.npy (B,1,H,W), normals.npy (B,3,H,W). */
    public static void writeBatch(TrainingBatch b, Path dir) throws IOException {
        Files.createDirectories(dir);
        int n = b.size(), h = b.height(), w = b.width();
        Npy.write(dir.resolve("images.npy"), b.images(), n, 3, h, w);
        Npy.write(dir.resolve("labels.npy"), b.labelsAsFloats(), n, h, w);
        Npy.write(dir.resolve("depth.npy"), b.depth(), n, 1, h, w);
        Npy.write(dir.resolve("normals.npy"), b.normals(), n, 3, h, w);
    }

    /** The timed seconds as a compact list for reports. */
    public static String format(List<Double> seconds) {
        return Arrays.toString(seconds.stream().mapToDouble(d -> Math.round(d * 1000) / 1000.0).toArray());
    }
}
