package org.m3vit.app.cli;

import org.m3vit.model.ForwardBenchmark;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.MemoryProbe;
import org.m3vit.model.Models;
import org.m3vit.model.ParameterCounts;
import org.m3vit.model.guard.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code m3vit bench}: measured speed and memory of the network on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the network and the simulator on this machine.",
        subcommands = {BenchCommand.ModelBench.class, BenchCommand.MemoryBench.class, TrainBench.class, SimBench.class, PanelBench.class,
                WindowBench.class, StartBench.class, AnimationBench.class, KeyBurstBench.class})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** Sets the engine's intra-op threads (before the engine starts) and describes the setting. */
    static String engineThreads(Integer threads) {
        if (threads == null) return "engine-default threads";
        Limits.range("--threads", threads, 1, Limits.THREADS);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        return threads + " intra-op thread(s)";
    }

    /** The 1-minute load average, or "n/a". */
    static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", l);
    }

    /** {@code m3vit bench model}: latency per task, sparse vs dense oracle, MACs and GFLOP/s. */
    @Command(name = "model", mixinStandardHelpOptions = true, description = "Forward latency per task (sparse MoE vs the dense all-experts oracle), MACs and GFLOP/s"
            + ", next to this machine's matmul GFLOP/s.")
    static final class ModelBench implements Callable<Integer> {

        @Option(names = {"--model", "--preset"}, defaultValue = "m3vit-t-cityscapes", description = "Preset name or model directory (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--task", description = "Only this task (default: every task of the model).")
        String task;

        @Option(names = "--runs", defaultValue = "10", description = "Timed passes per task and mode after the warm-up (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--json", description = "Also write the figures as JSON (keys: benchmarks/README.md, \"bench model JSON\").")
        java.nio.file.Path json;

        @Option(names = "--op-profile", description = "Then profile --runs more passes of --task (default: the first task) with libtorch's"
                + " profiler and write its per-op Chrome trace here (benchmarks/op-profile.sh reads it).")
        java.nio.file.Path opProfile;

        @Option(names = "--threads", description = "PyTorch intra-op threads (default: the engine's choice).")
        Integer threads;

        @Option(names = "--turns", paramLabel = "GO,DONE", description = "Instead: after the warm-up, time passes of --task"
                + " on request over these two named pipes, taking turns with another process (benchmarks/forward_turns.py).")
        String turns;

        @Override
        public Integer call() throws Exception {
            Limits.range("--runs", runs, 1, Limits.RUNS);
            String[] pipes = turns == null ? null : turns.split(",", -1);
            if (pipes != null && (pipes.length != 2 || pipes[0].isBlank() || pipes[1].isBlank() || task == null)) {
                throw new IllegalArgumentException("--turns needs two named pipes GO,DONE and a --task");
            }
            java.nio.file.Path target = json == null ? null : org.m3vit.model.guard.OutputTargets.file("--json", json);
            java.nio.file.Path profileTarget = opProfile == null ? null : org.m3vit.model.guard.OutputTargets.file("--op-profile", opProfile);
            String threadText = engineThreads(threads);
            try (M3ViTModel model = Models.open(preset, Models.DEFAULT_SEED)) {
                if (task != null && model.config().tasks().stream().noneMatch(t -> t.name().equals(task))) {
                    throw new IllegalArgumentException("--task '" + task + "': model " + model.config().name() + " has tasks "
                            + String.join(", ", model.config().tasks().stream().map(org.m3vit.model.TaskSpec::name).toList()));
                }
                var c = model.config();
                ParameterCounts pc = model.parameterCounts();
                System.out.printf(Locale.ROOT, "model %s (%dx%d, D %d, depth %d, E %d, top-%d), %s%n", c.name(), c.imageHeight(),
                        c.imageWidth(), c.embedDim(), c.depth(), c.numExperts(), c.topK(), model.provenance());
                System.out.printf(Locale.ROOT, "parameters: %.2f M total, backbone %.2f M (experts %.2f M), heads %s%n",
                        pc.total() / 1e6, pc.backbone() / 1e6, pc.experts() / 1e6, pc.perHead());
                if (turns != null) {
                    org.m3vit.model.ForwardTurns.serve(model, 7, task, java.nio.file.Path.of(pipes[0]), java.nio.file.Path.of(pipes[1]));
                    return 0;
                }
                String load = loadAverage();
                ForwardBenchmark.Result r = ForwardBenchmark.run(model, runs, 7, task);
                System.out.printf(Locale.ROOT, "batch 1, median of %d runs after a %s; %s, %d CPU cores, load average %s at the start%n",
                        runs, ForwardBenchmark.warmUpRule(), threadText, Runtime.getRuntime().availableProcessors(), load);
                System.out.println("| task | sparse ms median [min, max] (cpu ms) | warm-up passes | dense-oracle ms (cpu ms)"
                        + " | executed GMAC | dense GMAC | all-tasks GMAC | sparse GFLOP/s | oracle GFLOP/s |");
                System.out.println("|---|---|---|---|---|---|---|---|---|");
                for (ForwardBenchmark.TaskFigures t : r.tasks()) {
                    System.out.printf(Locale.ROOT, "| %s | %.2f [%.2f, %.2f] (%.0f) | %d%s | %.1f (%.0f) | %.3f | %.3f | %.3f | %.1f | %.1f |%n", t.task(),
                            t.sparseMs(), t.sparseMinMs(), t.sparseMaxMs(), t.sparseCpuMs(), t.warmUp().passes(),
                            t.warmUp().steady() ? "" : " (not steady)", t.oracleMs(), t.oracleCpuMs(),
                            t.executedMacs() / 1e9, t.denseMacs() / 1e9, t.allTasksMacs() / 1e9, t.sparseGflops(), t.oracleGflops());
                }
                System.out.println("GFLOP/s = 2 x MACs / wall time; executed = this task's gates and head with the top-k experts,"
                        + " dense = the same pass with all experts, all-tasks = every task's pass with all experts and heads.");
                System.out.printf(Locale.ROOT, "matmul %dx%d x %dx%d: %.1f GFLOP/s%n", r.matmulSize(), r.matmulSize(), r.matmulSize(),
                        r.matmulSize(), r.matmulGflops());
                System.out.println(org.m3vit.model.MklDispatch.describe());
                if (target != null) {
                    org.m3vit.model.guard.AtomicFiles.write(target, new com.fasterxml.jackson.databind.ObjectMapper()
                            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(ModelBenchJson.of(r, threadText, load)));
                    System.out.println("Written " + target);
                }
                if (profileTarget != null) {
                    String profiled = task != null ? task : c.tasks().get(0).name();
                    ForwardBenchmark.profileOps(model, runs, 7, profiled, profileTarget);
                    System.out.println("Written " + profileTarget + " (libtorch's per-op trace of " + runs + " " + profiled + " passes)");
                }
            }
            return 0;
        }
    }

    /** {@code m3vit bench memory}: VmRSS over repeated inferences. */
    @Command(name = "memory", mixinStandardHelpOptions = true, description = "Resident memory (VmRSS) over repeated single-task inferences of one model.")
    static final class MemoryBench implements Callable<Integer> {

        @Option(names = "--model", description = "Model directory or preset (default: the bundled m3vit-synth, else random weights).")
        String model;

        @Option(names = "--passes", defaultValue = "300", description = "Inferences to run (default: ${DEFAULT-VALUE}).")
        int passes;

        @Option(names = "--threads", description = "PyTorch intra-op threads (default: the engine's choice).")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            Limits.range("--passes", passes, 1, Limits.RUNS);
            String threadText = engineThreads(threads);
            try (M3ViTModel m = model == null ? Models.openDefault() : Models.open(model, Models.DEFAULT_SEED)) {
                System.out.printf(Locale.ROOT, "model %s, %s; %d single-task inferences after 10 warm-up passes, %s%n",
                        m.config().name(), m.provenance(), passes, threadText);
                long t0 = System.nanoTime();
                List<MemoryProbe.Sample> samples = MemoryProbe.repeatedInference(m, 10, passes, Math.max(1, passes / 6));
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.println("| pass | VmRSS MiB | Java heap committed MiB | Java heap used MiB (after GC) | VmRSS - heap committed MiB |");
                System.out.println("|---|---|---|---|---|");
                for (MemoryProbe.Sample s : samples) {
                    System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f |%n", s.pass(), s.rssKb() / 1024.0,
                            s.heapCommittedKb() / 1024.0, s.heapUsedKb() / 1024.0, (s.rssKb() - s.heapCommittedKb()) / 1024.0);
                }
                long growth = samples.get(samples.size() - 1).rssKb() - samples.get(0).rssKb();
                System.out.printf(Locale.ROOT, "growth after warm-up: %+.1f MiB over %d passes (%.1f s)%n", growth / 1024.0, passes, seconds);
            }
            return 0;
        }
    }
}
