package org.m3vit.app.cli;

import org.m3vit.model.data.ClassFrequency;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.Scene;
import org.m3vit.model.data.SceneFiles;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.data.SceneStream;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code m3vit render}: writes synthetic scenes with their labels, or measures the renderer's speed and class balance. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render synthetic indoor scenes with exact labels (RGB, class, depth, normals) into a directory.",
                "With --bench: measure scenes per second instead (one core, then the background stream); with --stats: class frequencies."})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--count", defaultValue = "8", description = "Number of scenes (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the first scene; scene i has seed + i (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Output directory (created if missing). Required unless --bench or --stats.")
    Path out;

    @Option(names = "--height", defaultValue = "128", description = "Image height in pixels (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--width", defaultValue = "160", description = "Image width in pixels (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--no-aa", description = "Turn off the anti-aliasing of object edges in the RGB image.")
    boolean noAntiAlias;

    @Option(names = "--bench", description = "Measure rendering speed (nothing is written).")
    boolean bench;

    @Option(names = "--threads", defaultValue = "2", description = "Background threads for the stream part of --bench (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--stats", description = "Print the share of pixels and of scenes of every class (nothing is written).")
    boolean stats;

    @Override
    public Integer call() throws Exception {
        Limits.range("--count", count, 1, Limits.SCENES);
        Limits.size("--height", height, 1, Limits.IMAGE_SIDE, 64.0 * width);
        Limits.size("--width", width, 1, Limits.IMAGE_SIDE, 64.0 * height);
        Limits.range("--threads", threads, 1, Limits.THREADS);
        Limits.range("--seed", seed, -(1L << 62), 1L << 62);
        if (out == null && !bench && !stats) throw new ParameterException(spec.commandLine(), "give --out DIR (or --bench / --stats)");
        if (out != null) out = OutputTargets.folder("--out", out);
        PrintWriter o = spec.commandLine().getOut();
        SceneRenderer renderer = new SceneRenderer(!noAntiAlias);
        if (bench) bench(renderer, o);
        if (stats || out != null) writeOrCount(renderer, o);
        o.flush();
        return 0;
    }

    private void writeOrCount(SceneRenderer renderer, PrintWriter o) throws Exception {
        ClassFrequency freq = new ClassFrequency();
        List<Long> seeds = new ArrayList<>();
        List<Map<String, String>> files = new ArrayList<>();
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long s = seed + i;
            RenderedScene r = renderer.render(s, height, width);
            freq.add(r);
            if (out != null) {
                files.add(SceneFiles.write(out, s, r));
                seeds.add(s);
                scenes.add(r.scene());
            }
        }
        if (out != null) {
            SceneFiles.writeManifest(out.resolve("manifest.json"), SceneFiles.manifest(height, width, seeds, files, scenes));
            o.printf("wrote %d scenes (%dx%d, seeds %d..%d) and manifest.json to %s%n", count, height, width, seed, seed + count - 1, out);
        }
        if (stats) {
            o.printf("class frequency over %d scenes of %dx%d (seeds %d..%d):%n", count, height, width, seed, seed + count - 1);
            o.print(freq.table());
        }
    }

    private void bench(SceneRenderer renderer, PrintWriter o) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warm = Math.min(count, 50);
        for (int i = 0; i < warm; i++) renderer.render(seed - 1_000_000 + i, height, width);
        long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) renderer.render(seed + i, height, width);
        double wall = (System.nanoTime() - w0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        o.printf("one thread: %d scenes of %dx%d in %.2f s wall (%.1f scenes/s), %.2f s CPU (%.1f scenes/s per core)%n",
                count, height, width, wall, count / wall, cpu, count / cpu);
        int batch = 16, batches = Math.max(1, count / batch);
        try (SceneStream stream = new SceneStream(renderer, seed, batch, height, width, threads, 2)) {
            stream.next();
            long s0 = System.nanoTime();
            for (int i = 0; i < batches; i++) stream.next();
            double t = (System.nanoTime() - s0) / 1e9;
            o.printf("scene stream: %d threads, %d batches of %d in %.2f s wall (%.1f scenes/s)%n",
                    threads, batches, batch, t, batches * batch / t);
        }
        o.printf("machine: %d cores visible, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
