package org.m3vit.app.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import javafx.scene.control.Tooltip;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.HardwarePanelMemory;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.hw.panel.HardwarePanel;
import org.m3vit.hw.panel.HardwarePanelModel;
import org.m3vit.model.MultiTaskModel;

import java.util.List;

/** Puts the hardware panel into the explorer window as its "Hardware" tab and binds it to the window's view model. */
public final class HardwareTab {

    /** How long the window must be quiet before a hidden panel's simulations start, ms. */
    static final double HIDDEN_QUIET_MS = 250;

    private HardwareTab() { }

    /** Adds the tab to {@code window}; the panel follows {@code vm}'s model, image routing, task and the routing animation. */
    public static HardwarePanel install(ExplorerWindow window, ExplorerViewModel vm) {
        // one background worker for the whole window: simulations queue behind the inference they need, in order
        java.util.concurrent.atomic.AtomicLong simulated = new java.util.concurrent.atomic.AtomicLong();
        javafx.beans.property.BooleanProperty shown = new javafx.beans.property.SimpleBooleanProperty(false);
        // hidden: the simulations wait until the window has been quiet for a moment (or the tab is shown), off the switch's frame
        java.util.concurrent.Executor worker = new HiddenWork(r -> vm.runner().afterQueued(() -> {
            long t0 = System.nanoTime();
            try {
                r.run();
            } finally {
                simulated.addAndGet(System.nanoTime() - t0);
            }
        }), shown, javafx.util.Duration.millis(HIDDEN_QUIET_MS));
        java.util.concurrent.Executor fx = r -> javafx.application.Platform.runLater(() -> {
            vm.switchTimer().add("hardware: simulation (worker)", simulated.getAndSet(0), true);
            vm.switchTimer().time("hardware panel: publish", r);
        });
        HardwarePanel panel = new HardwarePanel(new org.m3vit.hw.panel.HardwarePanelModel(worker, fx), vm.tasks());
        bind(panel.model(), vm, window, shown);
        remember(panel.model(), window.settingsFile().resolveSibling("hardware-panel.json"), vm);
        Tab tab = new Tab("Hardware", panel);
        panel.getProperties().put(Tab.class, tab);
        panel.showingProperty().bind(tab.selectedProperty());
        shown.bind(panel.showingProperty());
        Button popOut = new Button("Own window");
        popOut.setId("hw-pop-out");
        popOut.setTooltip(new Tooltip("Show the hardware panel in a window of its own (the timeline gets the width); closing it puts the panel back"));
        popOut.setOnAction(e -> popOut(tab, panel, 1400, 900));
        panel.addToolbarItem(popOut);
        tab.setId("hardware-tab");
        tab.setClosable(false);
        tab.setTooltip(new Tooltip("The FPGA accelerator simulated on this image's routing: timeline, memory, task switches"));
        window.addTab(tab);
        window.attachHardware(panel);
        return panel;
    }

    /** Restores the edited hardware config and the task sequence of the last run, and writes them whenever they change. */
    static void remember(org.m3vit.hw.panel.HardwarePanelModel m, java.nio.file.Path file, ExplorerViewModel vm) {
        HardwarePanelMemory.restore(m, file, vm::statusMessage);
        javafx.beans.InvalidationListener save = o -> {
            try {
                HardwarePanelMemory.save(m, file);
            } catch (java.io.IOException e) {
                vm.statusMessage("could not remember the hardware panel: " + ExplorerViewModel.message(e));
            }
        };
        m.hardwareProperty().addListener(save);
        m.sequence().addListener(save);
        m.useSequenceProperty().addListener(save);
    }

    private static final String POPPED_OUT = "m3vit.hardware.poppedOut";

    /** Moves {@code panel} out of {@code tab} into a window of its own ({@code w} x {@code h}); closing it moves the panel back. */
    public static Stage popOut(Tab tab, HardwarePanel panel, double w, double h) {
        // pressed again inside the popped-out window: the panel is in that window already; bring it forward
        if (panel.getScene() != null && panel.getScene().getRoot().getProperties().get(POPPED_OUT) == panel
                && panel.getScene().getWindow() instanceof Stage own) {
            own.toFront();
            return own;
        }
        Label placeholder = new Label("The hardware panel is open in its own window; close that window to bring it back here.");
        placeholder.setWrapText(true);
        java.util.List<String> sheets = tab.getTabPane() == null || tab.getTabPane().getScene() == null
                ? java.util.List.of() : java.util.List.copyOf(tab.getTabPane().getScene().getStylesheets());
        tab.setContent(placeholder);
        // the panel goes into a holder of its own rather than becoming the scene's root, and the window gets the app's style
        // sheets: a node that is a scene root in one window and a tab's content in another is re-styled without modena's
        // looked-up colours ("String cannot be cast to Paint" warnings)
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(panel);
        panel.showingProperty().unbind();
        panel.showingProperty().set(true);
        holder.getProperties().put(POPPED_OUT, panel);
        Scene scene = new Scene(holder, w, h);
        scene.getStylesheets().addAll(sheets);
        Stage stage = new Stage();
        stage.setTitle("M³ViT Explorer: hardware");
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            holder.getChildren().clear();
            tab.setContent(panel);
            panel.showingProperty().bind(tab.selectedProperty());
        });
        stage.show();
        return stage;
    }

    /** Binds the panel's inputs to the explorer's state; asks the explorer for the routing of the sequence's tasks. */
    static void bind(HardwarePanelModel m, ExplorerViewModel vm, ExplorerWindow window, javafx.beans.value.ObservableBooleanValue shown) {
        m.modelConfigProperty().bind(Bindings.createObjectBinding(() -> {
            MultiTaskModel model = vm.modelProperty().get();
            return model == null ? null : model.config();
        }, vm.modelProperty()));
        m.sourceProperty().bind(Bindings.createStringBinding(() -> {
            LoadedImage img = vm.imageProperty().get();
            MultiTaskModel model = vm.modelProperty().get();
            if (img == null || model == null) return "no image";
            var iv = vm.interventionProperty().get();
            return "routing of " + img.name() + " by " + model.config().name() + (model.isTrained() ? "" : " (untrained)")
                    + (iv.isEmpty() ? "" : ", intervened: " + iv.describe());
        }, vm.imageProperty(), vm.modelProperty(), vm.interventionProperty()));
        follow(vm.tracesProperty(), m.tracesProperty(), vm);
        follow(vm.selectedTaskProperty(), m.currentTaskProperty(), vm);
        // the animation moves the timeline's cursor at every frame: only while the panel is shown (it catches up when shown)
        javafx.beans.property.DoubleProperty position = window.animation().positionProperty();
        m.animationPositionProperty().set(position.get());
        position.addListener(o -> { if (shown.get()) m.animationPositionProperty().set(position.get()); });
        shown.addListener((o, was, on) -> { if (on) m.animationPositionProperty().set(position.get()); });
        m.selectedTokenProperty().bind(vm.selectedTokenProperty());
        Runnable wanted = () -> {
            List<String> seq = m.useSequenceProperty().get() ? m.sequence().stream().distinct().toList() : List.of();
            if (!vm.traceTasks().equals(seq)) vm.traceTasks().setAll(seq);
        };
        m.sequence().addListener((ListChangeListener<String>) c -> wanted.run());
        m.useSequenceProperty().addListener(o -> wanted.run());
        vm.tasks().addListener((ListChangeListener<String>) c -> defaultSequence(m, vm.tasks()));
        defaultSequence(m, vm.tasks());
    }

    /** Keeps {@code target} equal to {@code source}, timing what the panel does with each change (task-switch breakdown). */
    private static <T> void follow(javafx.beans.value.ObservableValue<T> source, javafx.beans.property.Property<T> target,
                                   ExplorerViewModel vm) {
        target.setValue(source.getValue());
        source.addListener(o -> vm.switchTimer().time("hardware panel: inputs", () -> target.setValue(source.getValue())));
    }

    /** A first sequence for a new model: every task once, then the first again (e.g. semseg -> depth -> normals -> semseg). */
    static void defaultSequence(HardwarePanelModel m, List<String> tasks) {
        if (tasks.isEmpty() || (!m.sequence().isEmpty() && tasks.containsAll(m.sequence()))) return;
        List<String> seq = new java.util.ArrayList<>(tasks);
        seq.add(tasks.get(0));
        m.sequence().setAll(seq);
    }
}
