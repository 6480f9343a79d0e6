package org.m3vit.app.cli;

import javafx.stage.Stage;
import org.m3vit.app.service.Exporter;
import org.m3vit.app.service.SampleGallery;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.ui.ExplorerLauncher;
import org.m3vit.app.ui.ExplorerWindow;
import org.m3vit.app.ui.HardwareTab;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.hw.panel.AnimationCursor;
import org.m3vit.hw.panel.HardwarePanel;
import org.m3vit.hw.panel.HardwarePanelModel;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code m3vit screenshots}: opens the explorer window, loads a sample image, and writes a PNG
 * of each main view; also measures task-switch latency (task key to output on screen), cold
 * (inference) and cached, and prints it.
 */
@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = "Open the window, load a sample, write a PNG of every main view, and measure task-switch latency."
                + " Needs a display: run as `xvfb-run -a ./m3vit screenshots` on a machine without one.")
public final class ScreenshotsCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Folder for the PNG files (default: ${DEFAULT-VALUE}).", defaultValue = "docs/screenshots")
    Path out;

    @picocli.CommandLine.Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--image", description = "Image to load (default: the first sample with ground truth, else the first sample).")
    Path image;

    @Option(names = "--intervene-only", description = "Write only the Intervene view's screenshots (a quick look at that tab).")
    boolean interveneOnly;

    @Option(names = "--switches", defaultValue = "12", description = "Task switches measured per kind, cold and cached (default: ${DEFAULT-VALUE}).")
    int switches;

    @Option(names = "--switches-only", description = "Measure the task switches only (no PNG files).")
    boolean switchesOnly;

    @Override
    public Integer call() throws Exception {
        Limits.range("--width", window.width, 400, Limits.IMAGE_SIDE);
        Limits.range("--height", window.height, 300, Limits.IMAGE_SIDE);
        Limits.range("--switches", switches, 0, Limits.RUNS);
        Path img = image != null ? image : defaultSample(window.gallery());
        out = OutputTargets.folder("--out", out);
        HeadlessWindow session = window.open(img);
        ExplorerWindow w = session.window();
        ExplorerViewModel vm = session.vm();
        HardwarePanel[] hardware = {session.hardware()};
        List<String> tasks = FxRunner.call(() -> List.copyOf(vm.tasks()));
        List<Path> written = new ArrayList<>();
        FxRunner.run(() -> {
            int mid = vm.config().numTokens() / 2 + vm.config().gridWidth() / 2;
            vm.selectedTokenProperty().set(mid);
            w.routingTabs().getSelectionModel().select(0);
        });
        if (switchesOnly) {
            measureSwitches(w, vm, hardware[0], tasks);
            session.close();
            return 0;
        }
        if (interveneOnly) {
            interventionShots(w, vm, tasks, written);
            written.forEach(p -> System.out.println("wrote " + p));
            session.close();
            return 0;
        }
        shot(w, "window", "window.png", written);
        for (String t : tasks) {
            FxRunner.run(() -> vm.selectTask(t));
            FxRunner.await(t, 300, () -> vm.currentResultProperty().get() != null
                    && vm.currentResultProperty().get().output().task().name().equals(t));
            shot(w, "outputs", "output-" + t + ".png", written);
        }
        FxRunner.run(() -> vm.selectTask(tasks.get(0)));
        FxRunner.await("first task", 300, () -> vm.currentResultProperty().get() != null
                && vm.currentResultProperty().get().output().task().name().equals(tasks.get(0)));
        shot(w, "routing", "routing-patches.png", written);
        FxRunner.run(() -> vm.selectedExpertProperty().set(1));
        shot(w, "routing", "routing-gate.png", written);
        FxRunner.run(() -> vm.selectedExpertProperty().set(-1));
        FxRunner.run(() -> {
            w.routingTabs().getSelectionModel().select(1);
            w.animation().positionProperty().set(Math.min(1, vm.currentTraceProperty().get().layers().size() - 1) + 0.45);
        });
        shot(w, "routing", "routing-flow.png", written);
        FxRunner.run(() -> w.routingTabs().getSelectionModel().select(2));
        shot(w, "routing", "routing-usage.png", written);
        if (tasks.size() > 1) {
            FxRunner.run(() -> {
                w.routingTabs().getSelectionModel().select(3);
                vm.compareTaskProperty().set(tasks.get(1));
            });
            FxRunner.await("the compared task", 300, () -> vm.tracesProperty().get().containsKey(tasks.get(1)));
            shot(w, "routing", "routing-compare.png", written);
            FxRunner.run(() -> vm.compareTaskProperty().set(null));
        }
        expertsShot(w, vm, written);
        interventionShots(w, vm, tasks, written);
        FxRunner.run(() -> {
            w.routingTabs().getSelectionModel().select(1);
            vm.allTasksProperty().set(true);
        });
        FxRunner.await("all tasks", 300, () -> vm.resultsProperty().get().size() == tasks.size());
        shot(w, "window", "window-all-tasks.png", written);
        shot(w, "gallery", "gallery.png", written);
        FxRunner.run(() -> {
            vm.allTasksProperty().set(false);
            w.routingTabs().getSelectionModel().select(0);
        });
        hardwareShots(w, vm, hardware[0], written);
        FxRunner.run(() -> vm.selectedTokenProperty().set(vm.config().numTokens() / 2 + vm.config().gridWidth() / 2));
        javafx.scene.control.Dialog<?> teaching = FxRunner.call(w::openTeachingDialog);
        FxRunner.await("the teaching export dialog", 5, () -> teaching.isShowing());
        Thread.sleep(300);
        written.add(FxRunner.call(() -> Exporter.snapshot(teaching.getDialogPane(), out.resolve("teaching-dialog.png"))));
        FxRunner.run(teaching::close);
        written.forEach(p -> System.out.println("wrote " + p));
        measureSwitches(w, vm, hardware[0], tasks);
        session.close();
        return 0;
    }

    /** The Experts tab after its survey of the sample images (started by opening the tab), at the second MoE layer. */
    private void expertsShot(ExplorerWindow w, ExplorerViewModel vm, List<Path> written) throws Exception {
        FxRunner.run(() -> {
            w.routingTabs().getSelectionModel().select(w.expertsTab());
            vm.selectedLayerProperty().set(Math.min(1, vm.currentTraceProperty().get().layers().size() - 1));
        });
        FxRunner.await("the expert survey", 600, () -> w.expertSurvey().surveyProperty().get() != null);
        shot(w, "routing", "routing-experts.png", written);
    }

    /**
     * The Intervene tab: the first task with its most used expert of the first MoE block switched
     * off and expert 0 (or 1) forced on a 3 x 3 patch region; then back to the gates' own routing.
     */
    private void interventionShots(ExplorerWindow w, ExplorerViewModel vm, List<String> tasks, List<Path> written) throws Exception {
        if (FxRunner.call(() -> vm.config().moeBlocks().isEmpty())) return;
        var iv = w.interventions();
        FxRunner.run(() -> {
            vm.selectTask(tasks.get(0));
            w.routingTabs().getSelectionModel().select(w.interveneTab());
        });
        FxRunner.await("the first task", 300, () -> vm.currentTraceProperty().get() != null
                && vm.currentTraceProperty().get().task().equals(tasks.get(0)));
        FxRunner.run(() -> {
            var layer = vm.currentTraceProperty().get().layers().get(0);
            int[] use = layer.tokensPerExpert();
            int most = 0;
            for (int e = 1; e < use.length; e++) if (use[e] > use[most]) most = e;
            iv.blockProperty().set(layer.block());
            iv.toggleOff(most);
            iv.forcedExpertProperty().set(most == 0 ? 1 : 0);
            int gw = vm.config().gridWidth(), gh = vm.config().gridHeight();
            java.util.Set<Integer> region = new java.util.TreeSet<>();
            for (int r = gh / 2 - 1; r <= gh / 2 + 1; r++) for (int c = 1; c <= 3; c++) region.add(1 + r * gw + c);
            iv.selectedPatchesProperty().set(region);
            iv.forceOnSelection();
        });
        FxRunner.await("the intervened passes", 300, () -> iv.effectProperty().get() != null);
        shot(w, "window", "window-intervene.png", written);
        shot(w, "routing", "routing-intervene.png", written);
        FxRunner.run(() -> w.routingTabs().getSelectionModel().select(0));
        shot(w, "routing", "routing-patches-intervened.png", written);
        FxRunner.run(() -> {
            iv.reset();
            iv.selectedPatchesProperty().set(java.util.Set.of());
        });
        FxRunner.await("the original passes", 300, () -> vm.interventionProperty().get().isEmpty() && vm.currentResultProperty().get() != null);
    }

    /**
     * Switch latency, cached and with inference (the cache cleared before each switch, so each runs
     * the model), with where the time went ({@link SwitchBreakdown}), then the bare forward pass of
     * the same model on the same image in the same process.
     */
    private void measureSwitches(ExplorerWindow w, ExplorerViewModel vm, HardwarePanel hardware, List<String> tasks) throws Exception {
        if (tasks.size() < 2) return;
        String load = loadAverage();
        // the Patches tab shown (the window's default), then the Hardware tab: its timeline is rebuilt for every switch
        FxRunner.run(() -> w.routingTabs().getSelectionModel().select(0));
        List<List<org.m3vit.app.viewmodel.SwitchTimings>> kinds = new ArrayList<>();
        List<String> titles = new ArrayList<>(List.of("cached", "with inference"));
        kinds.add(switches(vm, tasks, false));
        kinds.add(switches(vm, tasks, true));
        javafx.scene.control.Tab tab = hardware == null ? null
                : (javafx.scene.control.Tab) hardware.getProperties().get(javafx.scene.control.Tab.class);
        if (tab != null) {
            FxRunner.run(() -> w.routingTabs().getSelectionModel().select(tab));
            FxRunner.await("the hardware simulation", 300, () -> hardware.model().runsProperty().get() != null);
            titles.addAll(List.of("cached, Hardware tab", "inference, Hardware tab"));
            kinds.add(switches(vm, tasks, false));
            kinds.add(switches(vm, tasks, true));
            FxRunner.run(() -> w.routingTabs().getSelectionModel().select(0));
        }
        System.out.println("load average " + load + " at the start, " + loadAverage() + " after the switches ("
                + Runtime.getRuntime().availableProcessors() + " cores); Patches tab shown unless it says Hardware tab");
        String[] kind = {"cached result", "with inference", "cached result, Hardware tab shown", "with inference, Hardware tab shown"};
        for (int i = 0; i < kinds.size(); i++) {
            System.out.println(summary(kind[i], kinds.get(i).stream().map(org.m3vit.app.viewmodel.SwitchTimings::totalMs).toList()));
        }
        System.out.println();
        System.out.print(SwitchBreakdown.table(titles, kinds));
        System.out.println();
        System.out.println(bareForward(vm, tasks));
    }

    /** {@code --switches} switches to the next task, each cached or each with inference. */
    private List<org.m3vit.app.viewmodel.SwitchTimings> switches(ExplorerViewModel vm, List<String> tasks, boolean cold) throws Exception {
        List<org.m3vit.app.viewmodel.SwitchTimings> out = new ArrayList<>();
        for (int i = 0; i < switches; i++) out.add(switchTo(vm, next(vm, tasks), cold));
        return out;
    }

    /** "task switch -> output on screen, cached result: median 12.3 ms, min 9.0 ms, max 20.1 ms (12 switches)". */
    private static String summary(String kind, List<Double> ms) {
        return String.format(Locale.ROOT, "task switch -> output on screen, %s: median %.1f ms, min %.1f ms, max %.1f ms (%d switches)",
                kind, median(ms), ms.stream().mapToDouble(d -> d).min().orElse(0), ms.stream().mapToDouble(d -> d).max().orElse(0),
                ms.size());
    }

    /** Switches to {@code task} (clearing the cache first when {@code cold}) and returns where the time went. */
    private static org.m3vit.app.viewmodel.SwitchTimings switchTo(ExplorerViewModel vm, String task, boolean cold) throws Exception {
        int before = FxRunner.call(() -> vm.switchTimings().size());
        FxRunner.run(() -> {
            if (cold) vm.clearCache();
            vm.selectTask(task);
        });
        FxRunner.await("switch to " + task, 120, () -> vm.switchTimings().size() > before);
        // switches 0.6 s apart: the work a switch leaves behind (the hidden hardware panel's simulations start after
        // 0.25 s of quiet) is done before the next one, so switches do not pile up
        FxRunner.await("the worker", 120, () -> !vm.runner().busyProperty().get());
        Thread.sleep(600);
        return FxRunner.call(() -> vm.switchTimings().get(vm.switchTimings().size() - 1));
    }

    /** The model's forward pass alone, on the window's image, per task: 20 passes after 10 warm-up ones, on the window's worker. */
    private static String bareForward(ExplorerViewModel vm, List<String> tasks) throws Exception {
        java.util.concurrent.CompletableFuture<String> out = new java.util.concurrent.CompletableFuture<>();
        FxRunner.run(() -> {
            var model = vm.modelProperty().get();
            float[] chw = vm.imageProperty().get().chw();
            vm.runner().submit("bare forward", p -> {
                StringBuilder line = new StringBuilder("bare forward pass (same model, image and worker thread, 20 passes after 10):");
                for (String t : tasks) {
                    List<Double> wall = new ArrayList<>(), fwd = new ArrayList<>();
                    for (int i = 0; i < 30; i++) {
                        org.m3vit.model.InferenceResult r = model.infer(chw, List.of(t));
                        if (i < 10) continue;
                        wall.add(r.nanos() / 1e6);
                        fwd.add(r.phases().forwardNanos() / 1e6);
                    }
                    line.append(String.format(Locale.ROOT, "%n  %s: infer %s ms, of which forward %s ms", t, SwitchBreakdown.cell(wall),
                            SwitchBreakdown.cell(fwd)));
                }
                return line.toString();
            }, out::complete, out::completeExceptionally);
        });
        return out.get(10, java.util.concurrent.TimeUnit.MINUTES);
    }

    /** The 1-minute load average, "?" where /proc/loadavg cannot be read. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The task after the selected one, wrapping around. */
    private static String next(ExplorerViewModel vm, List<String> tasks) throws Exception {
        String cur = FxRunner.call(() -> vm.selectedTaskProperty().get());
        return tasks.get((tasks.indexOf(cur) + 1) % tasks.size());
    }

    private static double median(List<Double> v) { return SwitchBreakdown.median(v); }

    /** The Hardware tab in the window, then the panel in its own window: single inference, zoom, task-switch sequence, compare, sweep, setup. */
    private void hardwareShots(ExplorerWindow w, ExplorerViewModel vm, HardwarePanel panel, List<Path> written) throws Exception {
        HardwarePanelModel m = panel.model();
        javafx.scene.control.Tab tab = (javafx.scene.control.Tab) panel.getProperties().get(javafx.scene.control.Tab.class);
        FxRunner.run(() -> {
            w.routingTabs().getSelectionModel().select(tab);
            w.animation().show(1);
        });
        FxRunner.await("the hardware simulation", 300, () -> m.runsProperty().get() != null);
        shot(w, "window", "window-hardware.png", written);
        javafx.stage.Stage own = FxRunner.call(() -> HardwareTab.popOut(tab, panel, 1400, 880));
        FxRunner.await("the hardware simulation", 300, () -> m.runsProperty().get() != null);
        panelShot(panel, "hardware-single.png", written);
        FxRunner.run(() -> {
            AnimationCursor c = m.cursorProperty().get();
            if (c != null) panel.axis().set(c.fromCycle() - (c.toCycle() - c.fromCycle()) * 0.6, c.toCycle() + (c.toCycle() - c.fromCycle()) * 0.1);
        });
        panelShot(panel, "hardware-zoom.png", written);
        FxRunner.run(() -> {
            panel.axis().reset(panel.axis().totalProperty().get());
            m.useSequenceProperty().set(true);
        });
        FxRunner.await("the task-switch sequence", 600, () -> m.runsProperty().get() != null
                && m.runsProperty().get().tasks().equals(List.copyOf(m.sequence())));
        panelShot(panel, "hardware-sequence.png", written);
        FxRunner.run(() -> {
            m.useSequenceProperty().set(false);
            m.compareProperty().set(true);
        });
        FxRunner.await("the single inference", 300, () -> m.runsProperty().get() != null && m.runsProperty().get().tasks().size() == 1);
        panelShot(panel, "hardware-compare.png", written);
        FxRunner.run(() -> {
            m.compareProperty().set(false);
            panel.innerTabs().getSelectionModel().select(1);
        });
        FxRunner.await("the sweep", 600, () -> m.sweepProperty().get() != null);
        panelShot(panel, "hardware-sweep.png", written);
        FxRunner.run(() -> panel.innerTabs().getSelectionModel().select(2));
        panelShot(panel, "hardware-setup.png", written);
        FxRunner.run(() -> {
            panel.innerTabs().getSelectionModel().select(0);
            own.hide();
        });
    }

    private void panelShot(HardwarePanel panel, String name, List<Path> written) throws Exception {
        FxRunner.await("layout", 5, () -> true);
        Thread.sleep(300);
        written.add(FxRunner.call(() -> Exporter.snapshot(panel, out.resolve(name))));
    }

    private void shot(ExplorerWindow w, String view, String name, List<Path> written) throws Exception {
        FxRunner.await("layout", 5, () -> true);
        Thread.sleep(150);
        written.add(FxRunner.call(() -> w.exportView(view, out.resolve(name))));
    }

    static Path defaultSample(Path folder) {
        return SampleGallery.startImage(List.of(), folder)
                .orElseThrow(() -> new IllegalStateException("no images in " + folder + "; pass one with --image or --samples"));
    }
}
