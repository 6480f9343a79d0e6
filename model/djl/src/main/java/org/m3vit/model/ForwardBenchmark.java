package org.m3vit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.m3vit.model.io.NativeCopy;
import org.m3vit.model.nn.MoeExecution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures single-image forward latency per task, sparse MoE versus the dense oracle, the
 * MACs each executes, and this machine's dense matmul throughput in the same process, so the
 * achieved GFLOP/s can be put next to what the CPU does on one large matmul.
 */
public final class ForwardBenchmark {

    /**
     * One task's figures: median latencies in ms (and the sparse pass's min and max), MACs per image,
     * achieved GFLOP/s (2 x executed MACs / sparse latency), and how the sparse pass's warm-up ended.
     */
    public record TaskFigures(String task, double sparseMs, double sparseMinMs, double sparseMaxMs, double sparseCpuMs,
                              double oracleMs, double oracleCpuMs, long executedMacs, long denseMacs, long allTasksMacs,
                              double sparseGflops, double oracleGflops, SteadyWarmUp.Outcome warmUp) { }

    /** All figures of a run. */
    public record Result(String model, String provenance, int runs, List<TaskFigures> tasks, double matmulGflops, int matmulSize) { }

    private ForwardBenchmark() { }

    /** The warm-up rule of {@link #run} in words, for reports. */
    public static String warmUpRule() {
        return SteadyWarmUp.rule() + "; first over rounds of one pass of every task, also until the JIT compiled nothing for "
                + QUIET_ROUNDS + " rounds and " + QUIET_SECONDS + " s, then per task and mode";
    }

    /** Runs {@code runs} timed passes per task and mode after a warm-up until steady ({@link SteadyWarmUp}). */
    public static Result run(M3ViTModel model, int runs, long imageSeed) {
        return run(model, runs, imageSeed, null);
    }

    /** As {@link #run(M3ViTModel, int, long)} for one task only ({@code task} null: every task). */
    public static Result run(M3ViTModel model, int runs, long imageSeed, String task) {
        ModelConfig c = model.config();
        float[] image = randomImage(c, imageSeed);
        List<TaskFigures> figures = new ArrayList<>();
        if (task != null) c.taskIndex(task);
        warmEveryTask(model, image, task);
        for (TaskSpec spec : c.tasks()) {
            if (task != null && !spec.name().equals(task)) continue;
            int t = c.taskIndex(spec.name());
            MacCount macs = model.infer(image, List.of(spec.name())).trace(spec.name()).macs();
            Timings sparse = timings(model, image, t, runs, MoeExecution.SPARSE);
            Timings oracle = timings(model, image, t, runs, MoeExecution.DENSE_ORACLE);
            figures.add(new TaskFigures(spec.name(), sparse.median(), sparse.min(), sparse.max(), sparse.cpuMedian(),
                    oracle.median(), oracle.cpuMedian(), macs.executed(), macs.denseAllExperts(), macs.allTasks(),
                    2.0 * macs.executed() / (sparse.median() * 1e6), 2.0 * macs.denseAllExperts() / (oracle.median() * 1e6),
                    sparse.warmUp()));
        }
        int n = 1024;
        return new Result(c.name(), model.provenance(), runs, figures, matmulGflops(model.manager(), n, Math.max(5, runs)), n);
    }

    /**
     * libtorch's own per-op profile of {@code passes} sparse passes of {@code task} after a warm-up as in
     * {@link #run}, written as a Chrome trace (one event per op call, with input shapes) to {@code traceFile}:
     * first to a temporary file beside it, then moved into place, so a failed run leaves no partial trace.
     */
    public static void profileOps(M3ViTModel model, int passes, long imageSeed, String task, java.nio.file.Path traceFile)
            throws org.m3vit.model.guard.OutputWriteException {
        ModelConfig c = model.config();
        int t = c.taskIndex(task);
        float[] image = randomImage(c, imageSeed);
        warmEveryTask(model, image, task);
        org.m3vit.model.guard.AtomicFiles.Pending out = org.m3vit.model.guard.AtomicFiles.begin(traceFile);
        try {
            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            try {
                for (int i = 0; i < passes; i++) pass(model, image, t, MoeExecution.SPARSE);
            } finally {
                ai.djl.pytorch.jni.JniUtils.stopProfile(out.temporary().toString());
            }
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
        out.commit(); // discards the temporary file itself when the rename fails
    }

    /** The benchmark's input: one (3, H, W) image of standard normal values from {@code seed}. */
    static float[] randomImage(ModelConfig c, long seed) {
        float[] image = new float[3 * c.imageHeight() * c.imageWidth()];
        Random rng = new Random(seed);
        for (int i = 0; i < image.length; i++) image[i] = (float) rng.nextGaussian();
        return image;
    }

    /** Rounds in a row without JIT compilation that {@link #warmEveryTask} waits for. */
    static final int QUIET_ROUNDS = 10;

    /**
     * Seconds without JIT compilation that {@link #warmEveryTask} also waits for. The compiler works in bursts for
     * 20-25 s after start at 2 threads (bundled model, AMD EPYC VM); ten quiet rounds (about 0.4 s) came between two
     * bursts, and passes then timed while C2 ran on the other core were up to 2x slow (docs/network.md).
     */
    static final double QUIET_SECONDS = 2.0;

    /**
     * Before any task is timed, rounds of one sparse pass of every task (or of {@code task} alone) until the
     * rounds' times are steady and the JIT compiled nothing for {@value #QUIET_ROUNDS} rounds and
     * {@value #QUIET_SECONDS} s in a row (at most {@link SteadyWarmUp#MAX_SECONDS} s): the compiler works on the code
     * all tasks share long after the times of one task look steady, and a task timed while it runs on the other core
     * is timed too slow.
     */
    static void warmEveryTask(M3ViTModel model, float[] image, String task) {
        ModelConfig c = model.config();
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        SteadyWarmUp rounds = new SteadyWarmUp();
        int quiet = 0;
        long compiled = watchJit ? jit.getTotalCompilationTime() : 0;
        long quietSince = System.nanoTime();
        while (true) {
            double ms = 0;
            for (TaskSpec spec : c.tasks()) {
                if (task == null || spec.name().equals(task)) ms += pass(model, image, c.taskIndex(spec.name()), MoeExecution.SPARSE)[0];
            }
            long now = watchJit ? jit.getTotalCompilationTime() : compiled;
            if (now != compiled) quietSince = System.nanoTime();
            quiet = now == compiled ? quiet + 1 : 0;
            compiled = now;
            boolean quietLongEnough = quiet >= QUIET_ROUNDS && (System.nanoTime() - quietSince) / 1e9 >= QUIET_SECONDS;
            rounds.add(ms);
            SteadyWarmUp.Outcome o = rounds.outcome();
            if ((o.steady() && quietLongEnough) || o.seconds() >= SteadyWarmUp.MAX_SECONDS) return;
        }
    }

    /** Wall ms (median, min, max) and median process CPU ms (all threads, native included) of one pass, after the warm-up. */
    private record Timings(double median, double min, double max, double cpuMedian, SteadyWarmUp.Outcome warmUp) { }

    private static Timings timings(M3ViTModel model, float[] image, int task, int runs, MoeExecution mode) {
        SteadyWarmUp.Outcome warmUp = settle(model, image, task, mode);
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] p = pass(model, image, task, mode);
            ms[r] = p[0];
            cpu[r] = p[1];
        }
        return new Timings(SteadyWarmUp.median(ms), Arrays.stream(ms).min().orElse(Double.NaN), Arrays.stream(ms).max().orElse(Double.NaN),
                SteadyWarmUp.median(cpu), warmUp);
    }

    /** Passes of {@code task} until their times settle ({@link SteadyWarmUp}); how that ended. */
    static SteadyWarmUp.Outcome settle(M3ViTModel model, float[] image, int task, MoeExecution mode) {
        SteadyWarmUp warm = new SteadyWarmUp();
        while (!warm.add(pass(model, image, task, mode)[0])) {
            // passes until the timings settle
        }
        return warm.outcome();
    }

    /** One pass: wall ms and process CPU ms. */
    static double[] pass(M3ViTModel model, float[] image, int task, MoeExecution mode) {
        ModelConfig c = model.config();
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray images = scope.create(image, new Shape(1, 3, c.imageHeight(), c.imageWidth()));
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            GradModeOff.run(() -> NativeCopy.toFloats(model.network().forward(model.parameterStore(), images, task, false, false, mode).output()));
            return new double[] {(System.nanoTime() - start) / 1e6, (processCpuNanos() - cpu0) / 1e6};
        }
    }

    /** CPU time of this process so far (every thread, native ones included), or 0 where unknown. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** GFLOP/s of an n x n by n x n float matmul on the engine (median of {@code runs}). */
    public static double matmulGflops(NDManager parent, int n, int runs) {
        double[] ms = new double[runs];
        try (NDManager scope = parent.newSubManager()) {
            NDArray a = scope.randomNormal(new Shape(n, n));
            NDArray b = scope.randomNormal(new Shape(n, n));
            for (int r = -2; r < runs; r++) {
                try (NDManager inner = scope.newSubManager()) {
                    NDArray x = a.duplicate();
                    x.attach(inner);
                    long start = System.nanoTime();
                    NDArray y = x.matMul(b);
                    y.getFloat(0, 0);
                    if (r >= 0) ms[r] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return 2.0 * n * n * (double) n / (SteadyWarmUp.median(ms) * 1e6);
    }
}
