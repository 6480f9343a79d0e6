package org.m3vit.app.cli;

import javafx.animation.AnimationTimer;
import org.m3vit.app.ui.ExplorerWindow;
import org.m3vit.visualizer.routing.RoutingFlowView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code m3vit bench animation}: the real window with the Flow tab shown and the routing animation
 * playing; an {@code AnimationTimer} records the interval between consecutive pulses (the frames the
 * toolkit produced) and reports their median, 90th and 99th percentile, maximum and the frame rate.
 */
@Command(name = "animation", mixinStandardHelpOptions = true,
        description = "Frame intervals of the routing animation in the real window (needs a display: xvfb-run -a)."
                + " Run it with the window's JVM options, as ./m3vit does.")
final class AnimationBench implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds of animation recorded (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warm-up", defaultValue = "3", description = "Seconds played before recording (default: ${DEFAULT-VALUE}).")
    double warmUp;

    @Option(names = "--speed", defaultValue = "0.5",
            description = "MoE layers per second, as the Flow tab's speed slider (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--paused", description = "Record with the animation paused: the frame intervals of the same window drawing nothing,"
            + " the floor this machine gives at its load.")
    boolean paused;

    @Option(names = "--json", description = "Also write the figures as JSON (keys: medianMs, p90Ms, p99Ms, maxMs, fps, frames, seconds,"
            + " over20Ms, over33Ms, flowDraws, movingDraws, loadAverageAtStart, paused).")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!(seconds >= 1 && seconds <= 600)) throw new IllegalArgumentException("--seconds must be in 1 .. 600, was " + seconds);
        if (!(warmUp >= 0 && warmUp <= 600)) throw new IllegalArgumentException("--warm-up must be in 0 .. 600, was " + warmUp);
        if (!(speed > 0 && speed <= 2)) throw new IllegalArgumentException("--speed must be in (0, 2], was " + speed);
        String load = BenchCommand.loadAverage();
        HeadlessWindow session = window.open(ScreenshotsCommand.defaultSample(window.gallery()));
        ExplorerWindow w = session.window();
        RoutingFlowView flow = FxRunner.call(() -> {
            w.routingTabs().getSelectionModel().select(1);
            w.animation().speedProperty().set(speed);
            w.animation().playingProperty().set(!paused);
            return (RoutingFlowView) w.scene().lookup("#flow-view");
        });
        Thread.sleep((long) (warmUp * 1000));
        List<Long> pulses = new ArrayList<>();
        AnimationTimer recorder = new AnimationTimer() {
            @Override public void handle(long now) { pulses.add(now); }
        };
        int[] draws = new int[2];
        FxRunner.run(() -> {
            draws[0] = flow.drawCount();
            draws[1] = flow.movingDraws();
            recorder.start();
        });
        Thread.sleep((long) (seconds * 1000));
        FxRunner.run(() -> {
            recorder.stop();
            w.animation().playingProperty().set(false);
            draws[0] = flow.drawCount() - draws[0];
            draws[1] = flow.movingDraws() - draws[1];
        });
        session.close();
        List<Long> got = List.copyOf(pulses);
        if (got.size() < 2) throw new IllegalStateException("fewer than two frames in " + seconds + " s");
        List<Double> ms = new ArrayList<>();
        for (int i = 1; i < got.size(); i++) ms.add((got.get(i) - got.get(i - 1)) / 1e6);
        List<Double> sorted = ms.stream().sorted().toList();
        double span = (got.get(got.size() - 1) - got.get(0)) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", span);
        r.put("frames", ms.size());
        r.put("fps", ms.size() / span);
        r.put("medianMs", SwitchBreakdown.median(sorted));
        r.put("p90Ms", percentile(sorted, 0.90));
        r.put("p99Ms", percentile(sorted, 0.99));
        r.put("maxMs", sorted.get(sorted.size() - 1));
        r.put("over20Ms", sorted.stream().filter(v -> v > 20).count());
        r.put("over33Ms", sorted.stream().filter(v -> v > 33.4).count());
        r.put("flowDraws", draws[0]);
        r.put("movingDraws", draws[1]);
        r.put("loadAverageAtStart", load);
        r.put("paused", paused);
        System.out.printf(Locale.ROOT, "routing animation, Flow tab, %s, %.1f s recorded after %.0f s of warm-up; %d cores,"
                        + " load average %s at the start, %s at the end%n",
                paused ? "paused" : String.format(Locale.ROOT, "%.1f layers/s", speed), span, warmUp,
                Runtime.getRuntime().availableProcessors(), load, BenchCommand.loadAverage());
        System.out.printf(Locale.ROOT, "frame interval: median %.1f ms, 90th percentile %.1f ms, 99th percentile %.1f ms, max %.1f ms;"
                        + " %.1f fps (%d frames; %d over 20 ms, %d over 33 ms); the flow view drew %d times, its moving layer %d%n",
                r.get("medianMs"), r.get("p90Ms"), r.get("p99Ms"), r.get("maxMs"), r.get("fps"), ms.size(), r.get("over20Ms"),
                r.get("over33Ms"), draws[0], draws[1]);
        if (json != null) {
            org.m3vit.model.guard.AtomicFiles.write(json, new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
            System.out.println("wrote " + json);
        }
        return 0;
    }

    /** The {@code q} quantile of sorted values (nearest rank). */
    static double percentile(List<Double> sorted, double q) {
        return org.m3vit.model.SampleStats.percentile(sorted, q);
    }
}
