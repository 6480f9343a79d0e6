package org.m3vit.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.m3vit.app.service.Exporter;
import org.m3vit.app.service.FxThread;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.TaskResult;
import org.m3vit.app.teach.SlideCamera;
import org.m3vit.app.teach.SlideCaptions;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.app.viewmodel.MetricsText;
import org.m3vit.hw.panel.HardwarePanel;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The slide set's camera on the explorer window: the input, the outputs, each routing tab and the
 * hardware timeline, each as it is laid out in the window, with a caption read from the view model.
 * A routing tab that is not showing is selected for the picture and the shown one selected again in
 * the same FX call, so the window never visibly flips through its tabs.
 */
final class WindowSlides implements SlideCamera {

    /** One view: file name, title, the tab to select first (or none), the node, its caption, whether it is the hardware panel. */
    private record View(String file, String title, Tab tab, Supplier<Node> node, Supplier<String> caption, boolean hardware) { }

    private final ExplorerWindow window;
    private final RoutingPanel routing;
    private final ExplorerViewModel vm;
    private final HardwarePanel hardware;
    private List<View> views;

    WindowSlides(ExplorerWindow window, RoutingPanel routing, ExplorerViewModel vm, HardwarePanel hardware) {
        this.window = window;
        this.routing = routing;
        this.vm = vm;
        this.hardware = hardware;
    }

    @Override
    public String heading() throws Exception {
        return FxThread.call(() -> {
            SlideCaptions.Context c = context();
            return "M³ViT Explorer: " + c.image() + ", task " + vm.selectedTaskProperty().get() + ", " + c.model();
        });
    }

    @Override
    public int count() throws Exception {
        return FxThread.call(() -> views().size());
    }

    @Override
    public Shot take(int i, int scale) throws Exception {
        return FxThread.call(() -> {
            View v = views().get(i);
            TabPane tabs = v.tab() == null ? null : v.tab().getTabPane();
            Tab before = tabs == null ? null : tabs.getSelectionModel().getSelectedItem();
            int innerBefore = hardware == null ? 0 : hardware.innerTabs().getSelectionModel().getSelectedIndex();
            try {
                if (tabs != null) tabs.getSelectionModel().select(v.tab());
                if (v.hardware()) hardware.innerTabs().getSelectionModel().select(0); // the timeline, not the sweep or setup
                return new Shot(v.file(), v.title(), v.caption().get(), Exporter.take(v.node().get(), scale));
            } finally {
                if (tabs != null) tabs.getSelectionModel().select(before);
                if (v.hardware()) hardware.innerTabs().getSelectionModel().select(innerBefore);
            }
        });
    }

    private List<View> views() {
        if (views != null) return views;
        List<View> list = new ArrayList<>();
        String task = vm.selectedTaskProperty().get();
        boolean all = vm.allTasksProperty().get();
        add(list, "input", "Input", null, () -> window.viewNode("input"),
                () -> SlideCaptions.input(context(), vm.config(), image().reshaped() ? image().fitDescription() : null), false);
        add(list, "outputs-" + (all ? "all-tasks" : task), all ? "Outputs: all tasks" : "Outputs: " + task, null,
                () -> window.viewNode("outputs"), this::outputsCaption, false);
        add(list, "routing-patches", "Routing: patches", routing.patchesTab, routing.patchesTab::getContent,
                () -> SlideCaptions.patches(context(), trace(), layer()), false);
        add(list, "routing-flow", "Routing: flow", routing.flowTab, routing.flowTab::getContent,
                () -> SlideCaptions.flow(context(), trace(), routing.animation().layer()), false);
        add(list, "routing-usage", "Routing: usage", routing.usageTab, routing.usageTab::getContent,
                () -> SlideCaptions.usage(context(), trace()), false);
        if (vm.tasks().size() > 1) {
            add(list, "routing-compare", "Routing: compare tasks", routing.compareTab, routing.compareTab::getContent,
                    () -> SlideCaptions.compare(context(), trace(), compared(), layer()), false);
        }
        if (hardware != null) {
            Tab tab = (Tab) hardware.getProperties().get(Tab.class);
            boolean inTab = tab != null && tab.getContent() == hardware; // else it is in a window of its own, laid out there
            add(list, "hardware-timeline", "Hardware: timeline", inTab ? tab : null, () -> hardware,
                    () -> SlideCaptions.hardware(context(), hardware.model().runsProperty().get(), hardware.summaryRows()), true);
        }
        views = List.copyOf(list);
        return views;
    }

    /** Adds a view numbered in order: "03-routing-patches.png". */
    private static void add(List<View> list, String slug, String title, Tab tab, Supplier<Node> node, Supplier<String> caption, boolean hw) {
        list.add(new View(String.format(java.util.Locale.ROOT, "%02d-%s.png", list.size() + 1, slug), title, tab, node, caption, hw));
    }

    private SlideCaptions.Context context() {
        var m = vm.modelProperty().get();
        String model = m == null ? "no model" : m.config().name() + (m.isTrained() ? " (trained)" : " (untrained: random weights)");
        return new SlideCaptions.Context(model, image() == null ? "no image" : image().name());
    }

    private LoadedImage image() { return vm.imageProperty().get(); }

    private RoutingTrace trace() { return vm.currentTraceProperty().get(); }

    private RoutingTrace compared() {
        String other = vm.compareTaskProperty().get();
        return other == null ? null : vm.tracesProperty().get().get(other);
    }

    private int layer() {
        RoutingTrace t = trace();
        return Math.max(0, Math.min(t.layers().size() - 1, vm.selectedLayerProperty().get()));
    }

    private String outputsCaption() {
        List<String> tasks = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (TaskResult r : vm.allTasksProperty().get() ? vm.orderedResults() : List.of(vm.currentResultProperty().get())) {
            tasks.add(r.output().task().name());
            metrics.add(MetricsText.of(r.output(), image().truth()));
        }
        return SlideCaptions.outputs(context(), tasks, metrics);
    }
}
