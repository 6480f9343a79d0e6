package org.m3vit.app.cli;

import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import org.m3vit.hw.panel.MemoryChartView;
import org.m3vit.hw.panel.TimeAxis;
import org.m3vit.hw.panel.TimelineView;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.hw.sim.SyntheticRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.guard.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code m3vit bench panel}: time to redraw the hardware panel's timeline and memory chart for runs of ~10^4 events. */
@Command(name = "panel", mixinStandardHelpOptions = true, description = "Redraw time of the hardware panel's timeline and memory chart (needs a display: xvfb-run -a).")
final class PanelBench implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "20", description = "Timed redraws per case, after 5 warm-up redraws (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--width", defaultValue = "1400", description = "Width of the views in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Override
    public Integer call() throws Exception {
        Limits.range("--runs", runs, 1, Limits.RUNS);
        Limits.range("--width", width, 100, Limits.IMAGE_SIDE);
        FxRunner.start();
        ModelConfig m = Presets.get("m3vit-t-cityscapes");
        System.out.printf(Locale.ROOT, "hardware panel redraw, %d px wide, median of %d redraws after 5 warm-ups, %d cores%n",
                width, runs, Runtime.getRuntime().availableProcessors());
        System.out.println("| run | events | view | bars drawn | timeline ms | memory chart ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (int n : List.of(1, 4)) {
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) tasks.add(m.tasks().get(i % m.tasks().size()).name());
            SimResult r = Simulator.run(m, SyntheticRouting.sequence(m, tasks, SyntheticRouting.Kind.UNIFORM, 1),
                    HardwarePresets.get("edge-moe-zcu102"), Schedule.NAIVE_REFETCH, false);
            FxRunner.run(() -> measure(r, n));
        }
        javafx.application.Platform.exit();
        return 0;
    }

    private void measure(SimResult r, int inferences) {
        TimeAxis axis = new TimeAxis();
        TimelineView tl = new TimelineView(axis);
        MemoryChartView mem = new MemoryChartView(axis);
        VBox box = new VBox(tl, mem);
        new Scene(box, width, 340);
        box.applyCss();
        box.layout();
        tl.setResult(r);
        mem.setResult(r, 0);
        axis.reset(r.totals().cycles());
        String run = "M3ViT-T naive-refetch x" + inferences;
        row(run, r, "whole run", tl, mem);
        axis.zoom(0.1, r.totals().cycles() / 2);
        row(run, r, "zoomed 10x", tl, mem);
        axis.zoom(0.01, r.totals().cycles() / 2);
        row(run, r, "zoomed 1000x", tl, mem);
    }

    private void row(String run, SimResult r, String view, TimelineView tl, MemoryChartView mem) {
        double t = median(tl::redraw);
        double c = median(mem::redraw);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.2f | %.2f |%n", run, r.events().size(), view, tl.barsDrawn(), t, c);
    }

    private double median(Runnable draw) {
        for (int i = 0; i < 5; i++) draw.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            draw.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[runs / 2];
    }
}
