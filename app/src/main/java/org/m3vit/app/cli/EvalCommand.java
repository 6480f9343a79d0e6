package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.Models;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import org.m3vit.model.train.Evaluation;
import org.m3vit.model.train.Evaluator;
import org.m3vit.model.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code m3vit eval}: quality and routing metrics of a model on held-out synthetic scenes, as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on synthetic scenes from seeds never used in training (training uses seeds >= 1,000,000).",
                "Writes semseg mIoU/pixel accuracy, depth RMSE/absRel/delta<1.25 and scale-invariant errors, normal angle errors,",
                "each with a 95%% confidence interval over scenes, routing statistics per task and MoE layer, task-pair routing",
                "differences, what each task's experts specialise in, parameters and MACs (keys: docs/formats.md, \"Evaluation JSON\")."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model directory or preset (default: the bundled model).")
    String model;

    @Option(names = "--count", defaultValue = "500", description = "Number of scenes (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "0", description = "First scene seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", required = true, description = "Where to write the metrics JSON.")
    Path json;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: all cores).")
    Integer threads;

    @Option(names = "--allow-nonfinite", description = "Load weights holding NaN or Inf values anyway (refused by default).")
    boolean allowNonFinite;

    @Override
    public Integer call() throws Exception {
        Limits.range("--count", count, 1, Limits.SCENES);
        Limits.range("--seed", seed, 0, TrainConfig.TRAIN_SEED_BASE - count);
        if (threads != null) Limits.range("--threads", threads, 1, Limits.THREADS);
        Path target = OutputTargets.file("--json", json);
        if (threads != null) BenchCommand.engineThreads(threads);
        try (M3ViTModel m = model == null ? Models.openDefault() : Models.open(model, Models.DEFAULT_SEED, allowNonFinite)) {
            System.err.println("Evaluating " + m.config().name() + " (" + m.provenance() + ") on " + count + " scenes from seed " + seed);
            long start = System.nanoTime();
            Evaluation e = Evaluator.evaluate(m, count, seed, done -> {
                if (done % 50 == 0 || done == count) {
                    System.err.printf(Locale.ROOT, "  %d/%d scenes, %.1f s%n", done, count, (System.nanoTime() - start) / 1e9);
                }
            });
            AtomicFiles.write(target, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(e));
            System.out.println(EvalSummary.of(e));
            System.out.println("Written " + target);
        }
        return 0;
    }
}
