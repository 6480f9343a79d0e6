package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.Models;
import org.m3vit.model.board.ArithmeticComparison;
import org.m3vit.model.board.ArithmeticReport;
import org.m3vit.model.board.BackboneArithmetic;
import org.m3vit.model.board.EmulatedModel;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import org.m3vit.model.train.Evaluation;
import org.m3vit.model.train.Evaluator;
import org.m3vit.model.train.ModelComparison;
import org.m3vit.model.train.ModelComparisonReport;
import org.m3vit.model.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/** {@code m3vit eval}: quality and routing metrics of a model on held-out synthetic scenes, as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on synthetic scenes from seeds never used in training (training uses seeds >= 1,000,000).",
                "Writes semseg mIoU/pixel accuracy, depth RMSE/absRel/delta<1.25 and scale-invariant errors, normal angle errors,",
                "each with a 95%% confidence interval over scenes, routing statistics per task and MoE layer, task-pair routing",
                "differences, what each task's experts specialise in, parameters and MACs (keys: docs/formats.md, \"Evaluation JSON\").",
                "--arithmetic board runs the backbone in the Edge-MoE board's number formats; --compare-float compares that with float32.",
                "--against <model> compares two models on the same scenes: each metric's change with a paired 95%% interval."})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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

    @Option(names = "--arithmetic", defaultValue = "float32", paramLabel = "<float32|board|board-wide-patch>",
            description = "Arithmetic of the backbone; the heads run in float32: float32 (default), board (the Edge-MoE board's fixed-point "
                    + "formats as built), board-wide-patch (the same with ap_fixed<16,1> patch-embedding weights). See docs/board-arithmetic.md.")
    String arithmetic;

    @Option(names = "--compare-float", description = "With --arithmetic board or board-wide-patch: compare it with float32 on the same scenes "
            + "instead (per-layer backbone error, changed pixels, classes and routing, every metric side by side with paired intervals); "
            + "about 1.3 s per scene on one core for the bundled model.")
    boolean compareFloat;

    @Option(names = "--against", paramLabel = "<model>", description = "Also run this model (directory or preset) on the same scenes and "
            + "report each metric's change (--model minus this one) with a paired 95% interval and whether it is significant "
            + "(the interval excludes zero). Both models need the same input size and tasks.")
    String against;

    @Override
    public Integer call() throws Exception {
        Limits.range("--count", count, 1, Limits.SCENES);
        Limits.range("--seed", seed, 0, TrainConfig.TRAIN_SEED_BASE - count);
        if (threads != null) Limits.range("--threads", threads, 1, Limits.THREADS);
        BackboneArithmetic backbone = BackboneArithmetic.parse("--arithmetic", arithmetic);
        if (compareFloat && backbone == BackboneArithmetic.FLOAT32) {
            throw new IllegalArgumentException("--compare-float compares an emulated arithmetic with float32; add --arithmetic board or board-wide-patch");
        }
        if (against != null && (compareFloat || backbone != BackboneArithmetic.FLOAT32)) {
            throw new IllegalArgumentException("--against compares two models in float32; leave out --arithmetic and --compare-float");
        }
        Path target = OutputTargets.file("--json", json);
        if (threads != null) BenchCommand.engineThreads(threads);
        if (against != null) return compareModels(target);
        try (M3ViTModel m = openModel()) {
            spec.commandLine().getErr().println((compareFloat ? "Comparing " + backbone.label() + " with float32 arithmetic of " : "Evaluating ")
                    + m.config().name() + " (" + m.provenance() + ") on " + count + " scenes from seed " + seed
                    + (backbone == BackboneArithmetic.FLOAT32 || compareFloat ? "" : ", backbone in " + backbone.label() + " arithmetic"));
            IntConsumer progress = progress(backbone == BackboneArithmetic.FLOAT32 ? 50 : 10);
            Object result;
            String summary;
            if (compareFloat) {
                ArithmeticReport r = ArithmeticComparison.run(m, backbone, count, seed, progress);
                result = r;
                summary = ArithmeticSummary.of(r);
            } else if (backbone == BackboneArithmetic.FLOAT32) {
                Evaluation e = Evaluator.evaluate(m, count, seed, progress);
                result = e;
                summary = EvalSummary.of(e);
            } else {
                EmulatedModel emulated = new EmulatedModel(m, backbone.emulated());
                WeightRangeNote.print(emulated.emulator(), backbone);
                Evaluation e = Evaluator.evaluate(m, emulated, backbone.label(), count, seed, progress);
                result = e;
                summary = EvalSummary.of(e);
            }
            AtomicFiles.write(target, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(result));
            spec.commandLine().getOut().println(summary);
            spec.commandLine().getOut().println("Written " + target);
        }
        return 0;
    }

    /** The --model model, or the bundled one. */
    private M3ViTModel openModel() throws IOException {
        return model == null ? Models.openDefault() : Models.open(model, Models.DEFAULT_SEED, allowNonFinite);
    }

    /** Prints the scenes done and the time so far every {@code every} scenes and at the end. */
    private IntConsumer progress(int every) {
        long start = System.nanoTime();
        return done -> {
            if (done % every == 0 || done == count) {
                spec.commandLine().getErr().printf(Locale.ROOT, "  %d/%d scenes, %.1f s%n", done, count, (System.nanoTime() - start) / 1e9);
            }
        };
    }

    private Integer compareModels(Path target) throws Exception {
        try (M3ViTModel m = openModel();
             M3ViTModel ref = Models.open(against, Models.DEFAULT_SEED, allowNonFinite)) {
            ModelComparison.requireComparable(m.config(), ref.config());
            spec.commandLine().getErr().println("Comparing " + m.config().name() + " (" + m.provenance() + ") with " + ref.config().name() + " ("
                    + ref.provenance() + ") on " + count + " scenes from seed " + seed);
            ModelComparisonReport r = ModelComparison.run(m, ref, count, seed, progress(50));
            AtomicFiles.write(target, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(r));
            spec.commandLine().getOut().println(ComparisonSummary.of(r));
            spec.commandLine().getOut().println("Written " + target);
        }
        return 0;
    }
}
