package org.m3vit.app.cli;

import javafx.animation.AnimationTimer;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.m3vit.app.ui.ExplorerWindow;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code m3vit bench keys}: bursts of task keys (1, 2, 3, ... pressed as key events on the real window's
 * scene, with the result cache emptied before each burst so every press asks for inference). Records
 * the interval between consecutive pulses from the first press until the last pressed task's output is
 * on screen, and that settle time after the last press: how long repainting stalls while keys arrive.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Frame intervals and settle time during bursts of task keys in the real window (needs a display: xvfb-run -a).")
final class KeyBurstBench implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--bursts", defaultValue = "5", description = "Bursts measured (default: ${DEFAULT-VALUE}).")
    int bursts;

    @Option(names = "--presses", defaultValue = "30", description = "Key presses per burst (default: ${DEFAULT-VALUE}).")
    int presses;

    @Option(names = "--interval", defaultValue = "25", description = "Milliseconds between presses (default: ${DEFAULT-VALUE}; a held key"
            + " repeats every 25-40 ms).")
    int intervalMs;

    @Override
    public Integer call() throws Exception {
        if (bursts < 1 || bursts > 100) throw new IllegalArgumentException("--bursts must be in 1 .. 100, was " + bursts);
        if (presses < 1 || presses > 1000) throw new IllegalArgumentException("--presses must be in 1 .. 1000, was " + presses);
        if (intervalMs < 0 || intervalMs > 1000) throw new IllegalArgumentException("--interval must be in 0 .. 1000 ms, was " + intervalMs);
        String load = BenchCommand.loadAverage();
        HeadlessWindow session = window.open(ScreenshotsCommand.defaultSample(window.gallery()));
        ExplorerWindow w = session.window();
        ExplorerViewModel vm = session.vm();
        int tasks = FxRunner.call(() -> vm.tasks().size());
        List<Double> gaps = new ArrayList<>();
        List<Double> settles = new ArrayList<>();
        List<Double> worstPerBurst = new ArrayList<>();
        for (int b = 0; b < bursts; b++) {
            List<Long> pulses = new ArrayList<>();
            AnimationTimer recorder = new AnimationTimer() {
                @Override public void handle(long now) { pulses.add(now); }
            };
            FxRunner.run(() -> {
                vm.clearCache();
                recorder.start();
            });
            int last = 0;
            for (int p = 0; p < presses; p++) {
                last = (p + b) % tasks + 1;
                KeyCode code = KeyCode.valueOf("DIGIT" + last);
                String ch = Integer.toString(last);
                FxRunner.run(() -> Event.fireEvent(w.scene().getRoot(),
                        new KeyEvent(KeyEvent.KEY_PRESSED, ch, ch, code, false, false, false, false)));
                if (intervalMs > 0) Thread.sleep(intervalMs);
            }
            long lastPress = System.nanoTime();
            int lastKey = last;
            String want = FxRunner.call(() -> vm.tasks().get(lastKey - 1));
            FxRunner.await("the output of " + want, 120, () -> want.equals(vm.selectedTaskProperty().get())
                    && !vm.computingProperty().get() && vm.currentResultProperty().get() != null);
            // two more pulses: the output drawn, then one frame after it
            int seen = FxRunner.call(pulses::size);
            FxRunner.await("two pulses after the output", 10, () -> pulses.size() >= seen + 2);
            settles.add((System.nanoTime() - lastPress) / 1e6);
            FxRunner.run(recorder::stop);
            List<Long> got = FxRunner.call(() -> List.copyOf(pulses));
            double worst = 0;
            for (int i = 1; i < got.size(); i++) {
                double ms = (got.get(i) - got.get(i - 1)) / 1e6;
                gaps.add(ms);
                worst = Math.max(worst, ms);
            }
            worstPerBurst.add(worst);
        }
        session.close();
        List<Double> sorted = gaps.stream().sorted().toList();
        List<Double> settleSorted = settles.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%d bursts of %d task keys %d ms apart, cache emptied before each; %d cores, load average %s at the"
                + " start, %s at the end%n", bursts, presses, intervalMs, Runtime.getRuntime().availableProcessors(), load,
                BenchCommand.loadAverage());
        System.out.printf(Locale.ROOT, "frame interval during the bursts: median %.1f ms, 99th percentile %.1f ms, max %.1f ms (%d frames);"
                        + " longest gap per burst: %s ms%n", SwitchBreakdown.median(sorted), AnimationBench.percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), sorted.size(), format(worstPerBurst));
        System.out.printf(Locale.ROOT, "last key -> its output on screen: median %.1f ms, max %.1f ms (%s ms)%n",
                SwitchBreakdown.median(settleSorted), settleSorted.get(settleSorted.size() - 1), format(settles));
        return 0;
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
}
