package org.m3vit.app.cli;

import org.m3vit.model.ForwardBenchmark;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.MemoryProbe;
import org.m3vit.model.Models;
import org.m3vit.model.ParameterCounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code m3vit bench}: measured speed and memory of the network on this machine. */
@Command(name = "bench", description = "Measure the network on this machine.",
        subcommands = {BenchCommand.ModelBench.class, BenchCommand.MemoryBench.class})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** {@code m3vit bench model}: latency per task, sparse vs dense oracle, MACs and GFLOP/s. */
    @Command(name = "model", description = "Forward latency per task (sparse MoE vs the dense all-experts oracle), MACs and GFLOP/s, next to this machine's matmul GFLOP/s.")
    static final class ModelBench implements Callable<Integer> {

        @Option(names = "--preset", defaultValue = "m3vit-t-cityscapes", description = "Preset name or model directory (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--runs", defaultValue = "10", description = "Timed passes per task and mode (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            if (runs < 1) throw new IllegalArgumentException("--runs must be >= 1, was " + runs);
            try (M3ViTModel model = Models.open(preset, Models.DEFAULT_SEED)) {
                var c = model.config();
                ParameterCounts pc = model.parameterCounts();
                System.out.printf(Locale.ROOT, "model %s (%dx%d, D %d, depth %d, E %d, top-%d), %s%n", c.name(), c.imageHeight(),
                        c.imageWidth(), c.embedDim(), c.depth(), c.numExperts(), c.topK(), model.provenance());
                System.out.printf(Locale.ROOT, "parameters: %.2f M total, backbone %.2f M (experts %.2f M), heads %s%n",
                        pc.total() / 1e6, pc.backbone() / 1e6, pc.experts() / 1e6, pc.perHead());
                ForwardBenchmark.Result r = ForwardBenchmark.run(model, runs, 7);
                System.out.printf(Locale.ROOT, "batch 1, median of %d runs, %d CPU cores%n", runs, Runtime.getRuntime().availableProcessors());
                System.out.println("| task | sparse ms | dense-oracle ms | executed GMAC | dense GMAC | all-tasks GMAC | sparse GFLOP/s | oracle GFLOP/s |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                for (ForwardBenchmark.TaskFigures t : r.tasks()) {
                    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %.3f | %.3f | %.1f | %.1f |%n", t.task(), t.sparseMs(), t.oracleMs(),
                            t.executedMacs() / 1e9, t.denseMacs() / 1e9, t.allTasksMacs() / 1e9, t.sparseGflops(), t.oracleGflops());
                }
                System.out.printf(Locale.ROOT, "matmul %dx%d x %dx%d: %.1f GFLOP/s%n", r.matmulSize(), r.matmulSize(), r.matmulSize(),
                        r.matmulSize(), r.matmulGflops());
            }
            return 0;
        }
    }

    /** {@code m3vit bench memory}: VmRSS over repeated inferences. */
    @Command(name = "memory", description = "Resident memory (VmRSS) over repeated single-task inferences of one model.")
    static final class MemoryBench implements Callable<Integer> {

        @Option(names = "--model", description = "Model directory or preset (default: the bundled m3vit-synth, else random weights).")
        String model;

        @Option(names = "--passes", defaultValue = "300", description = "Inferences to run (default: ${DEFAULT-VALUE}).")
        int passes;

        @Override
        public Integer call() throws Exception {
            if (passes < 1) throw new IllegalArgumentException("--passes must be >= 1, was " + passes);
            try (M3ViTModel m = model == null ? Models.openDefault() : Models.open(model, Models.DEFAULT_SEED)) {
                System.out.printf(Locale.ROOT, "model %s, %s; %d single-task inferences after 10 warm-up passes%n",
                        m.config().name(), m.provenance(), passes);
                long t0 = System.nanoTime();
                List<MemoryProbe.Sample> samples = MemoryProbe.repeatedInference(m, 10, passes, Math.max(1, passes / 6));
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.println("| pass | VmRSS MiB |");
                System.out.println("|---|---|");
                for (MemoryProbe.Sample s : samples) System.out.printf(Locale.ROOT, "| %d | %.1f |%n", s.pass(), s.rssKb() / 1024.0);
                long growth = samples.get(samples.size() - 1).rssKb() - samples.get(0).rssKb();
                System.out.printf(Locale.ROOT, "growth after warm-up: %+.1f MiB over %d passes (%.1f s)%n", growth / 1024.0, passes, seconds);
            }
            return 0;
        }
    }
}
