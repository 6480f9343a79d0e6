package org.m3vit.app.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.m3vit.app.ui.icons.Icons;
import org.m3vit.app.viewmodel.ExplorerViewModel;

import java.util.Locale;

/** The bottom line: model (trained or not), image, task, last inference and task-switch times, progress with cancel. */
final class StatusBar extends HBox {

    /** How long a job runs before its progress bar and cancel button appear, ms. */
    static final double BUSY_SHOWN_AFTER_MS = 300;

    StatusBar(ExplorerViewModel vm) {
        super(8);
        setId("status-bar");
        getStyleClass().add("status-bar");
        setPadding(new Insets(3, 8, 3, 8));
        setAlignment(Pos.CENTER_LEFT);
        Label model = new Label();
        model.setId("status-model");
        model.textProperty().bind(Bindings.concat("Model: ", vm.modelDescriptionProperty()));
        vm.modelTrainedProperty().addListener((o, a, t) -> model.getStyleClass().setAll(t ? "label" : "untrained", "label"));
        model.getStyleClass().add("untrained");
        Tooltip modelTip = new Tooltip();
        modelTip.textProperty().bind(Bindings.concat("Weights: ", vm.modelProvenanceProperty(),
                "\nAn untrained model has random weights: its outputs are noise, but its routing, MAC counts and timings are real."));
        model.setTooltip(modelTip);
        Label image = new Label();
        image.setId("status-image");
        image.textProperty().bind(Bindings.createStringBinding(() -> vm.imageProperty().get() == null ? "no image"
                : "Image: " + vm.imageProperty().get().name(), vm.imageProperty()));
        Label task = new Label();
        task.setId("status-task");
        task.textProperty().bind(Bindings.createStringBinding(() -> vm.allTasksProperty().get() ? "Task: all"
                : "Task: " + vm.selectedTaskProperty().get(), vm.selectedTaskProperty(), vm.allTasksProperty()));
        Label timing = new Label();
        timing.setId("status-timing");
        timing.textProperty().bind(Bindings.createStringBinding(() -> {
            double inf = vm.lastInferenceMillisProperty().get(), sw = vm.lastSwitchMillisProperty().get();
            return (Double.isNaN(inf) ? "" : String.format(Locale.ROOT, "last inference %.0f ms", inf))
                    + (Double.isNaN(sw) ? "" : String.format(Locale.ROOT, "  ·  task switch → output on screen %.0f ms", sw));
        }, vm.lastInferenceMillisProperty(), vm.lastSwitchMillisProperty()));
        timing.setTooltip(new Tooltip("Task switch time: from the key press or click to the frame that shows the new output"
                + " (includes inference when the result is not cached)."));
        Label message = new Label();
        message.setId("status-message");
        // while a job runs, what it is doing ("Teaching export: frame 37 of 144 ..."); else what happened last
        message.textProperty().bind(Bindings.createStringBinding(() -> {
            String running = vm.runner().messageProperty().get();
            return vm.runner().busyProperty().get() && running != null && !running.isBlank() ? running : vm.statusProperty().get();
        }, vm.runner().busyProperty(), vm.runner().messageProperty(), vm.statusProperty()));
        message.setMinWidth(0);
        for (Label l : new Label[] {model, image, task, timing}) l.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(vm.runner().progressProperty());
        // shown once a job has run for a moment: an inference of a few tens of milliseconds does not flash an animated bar
        // (whose frames the renderer would draw while the task switch waits for it)
        javafx.beans.property.BooleanProperty longBusy = new javafx.beans.property.SimpleBooleanProperty(false);
        javafx.animation.PauseTransition delay = new javafx.animation.PauseTransition(javafx.util.Duration.millis(BUSY_SHOWN_AFTER_MS));
        delay.setOnFinished(e -> longBusy.set(vm.runner().busyProperty().get()));
        vm.runner().busyProperty().addListener((o, was, busy) -> {
            if (busy) delay.playFromStart();
            else {
                delay.stop();
                longBusy.set(false);
            }
        });
        progress.visibleProperty().bind(longBusy);
        Button cancel = new Button(null, Icons.cancel());
        cancel.setId("status-cancel");
        cancel.setTooltip(new Tooltip("Cancel the running work (Esc)"));
        cancel.visibleProperty().bind(longBusy);
        cancel.setOnAction(e -> vm.cancel());
        getChildren().addAll(model, new Separator(javafx.geometry.Orientation.VERTICAL), image,
                new Separator(javafx.geometry.Orientation.VERTICAL), task, new Separator(javafx.geometry.Orientation.VERTICAL),
                timing, spacer, message, progress, cancel);
    }
}
