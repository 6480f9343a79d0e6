package org.m3vit.app.ui;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.TaskResult;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.app.viewmodel.MetricsText;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.output.OutputViews;
import org.m3vit.visualizer.output.TaskOutputView;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The centre of the window: the selected task's output view, or every task's side by side in
 * "all tasks" mode. Never shows a result of another image or task: while the selected output
 * is being computed it says so. Reports to the view model when the selected output is on screen.
 */
final class OutputsPanel extends StackPane {

    private final ExplorerViewModel vm;
    private final ObjectProperty<Image> input;
    private final Map<String, TaskOutputView> views = new LinkedHashMap<>();
    private final Map<String, TaskResult> shown = new LinkedHashMap<>();
    private final Label placeholder = new Label();
    private Node allTasksBox;
    private java.util.List<Object> allTasksKey;
    private boolean shownPending;

    OutputsPanel(ExplorerViewModel vm, ObjectProperty<Image> input) {
        this.vm = vm;
        this.input = input;
        setId("outputs");
        setPadding(new Insets(4));
        setAlignment(Pos.CENTER);
        vm.modelProperty().addListener(o -> rebuildViews());
        vm.resultsProperty().addListener(o -> update());
        vm.allTasksProperty().addListener(o -> update());
        vm.selectedTaskProperty().addListener(o -> update());
        vm.computingProperty().addListener(o -> update());
        update();
    }

    /** The view of {@code task} (null when the model has no such task). */
    TaskOutputView view(String task) { return views.get(task); }

    private void rebuildViews() {
        views.clear();
        shown.clear();
        ModelConfig c = vm.config();
        if (c != null) for (TaskSpec t : c.tasks()) views.put(t.name(), OutputViews.create(t));
        update();
    }

    private void update() {
        vm.switchTimer().time("outputs view", this::updateNow);
    }

    private void updateNow() {
        LoadedImage img = vm.imageProperty().get();
        Map<String, TaskResult> results = vm.resultsProperty().get();
        String sel = vm.selectedTaskProperty().get();
        if (vm.config() == null) {
            show(message("Opening the model ..."));
            return;
        }
        if (img == null) {
            show(message("Open an image to see the model's outputs: pick a sample on the left, press Ctrl+O, or drop an image file on the window."));
            return;
        }
        for (Map.Entry<String, TaskResult> e : results.entrySet()) {
            TaskOutputView v = views.get(e.getKey());
            if (v != null && shown.get(e.getKey()) != e.getValue()) {
                TaskResult r = e.getValue();
                String metrics = r.metrics() != null ? r.metrics() : MetricsText.of(r.output(), img.truth());
                vm.switchTimer().time("outputs view: picture", () -> v.show(r.output(), input.get(), img.truth(), metrics));
                shown.put(e.getKey(), e.getValue());
            }
        }
        if (vm.allTasksProperty().get()) {
            // the same grid while the same views and results are in it: a new one costs CSS and layout for all of them
            java.util.List<Object> key = new java.util.ArrayList<>(views.values());
            for (String t : views.keySet()) key.add(results.get(t));
            key.add(img.hasTruth());
            if (allTasksBox != null && key.equals(allTasksKey)) {
                show(allTasksBox);
                if (sel != null && results.containsKey(sel)) markShownAfterNextPulse(sel);
                return;
            }
            allTasksKey = key;
            // predictions side by side in equal columns (ground truth and errors stay in the single-task view)
            GridPane box = new GridPane();
            box.setHgap(6);
            int n = views.size(), i = 0;
            for (int k = 0; k < n; k++) {
                ColumnConstraints cc = new ColumnConstraints();
                cc.setPercentWidth(100.0 / n);
                box.getColumnConstraints().add(cc);
            }
            for (Map.Entry<String, TaskOutputView> e : views.entrySet()) {
                e.getValue().setCompact(true);
                Node node = results.containsKey(e.getKey()) ? e.getValue() : newMessage("computing " + e.getKey() + " ...");
                GridPane.setHgrow(node, Priority.ALWAYS);
                GridPane.setVgrow(node, Priority.ALWAYS);
                box.add(node, i++, 0);
            }
            box.setId("all-tasks");
            Node content = box;
            if (img.hasTruth()) {
                Label hint = new Label("Every task's prediction. Pick one task (keys 1.." + n
                        + ") to see its ground truth, error map and metrics.");
                hint.setWrapText(true);
                hint.getStyleClass().add("caption");
                javafx.scene.layout.VBox.setVgrow(box, Priority.ALWAYS);
                content = new javafx.scene.layout.VBox(4, hint, box);
            }
            ScrollPane scroll = new ScrollPane(content);
            scroll.setFitToWidth(true);
            scroll.setFitToHeight(true);
            allTasksBox = scroll;
            show(scroll);
        } else if (sel != null && results.containsKey(sel)) {
            allTasksBox = null; // its views are taken out of it now
            views.get(sel).setCompact(false);
            show(views.get(sel));
        } else {
            show(message(vm.computingProperty().get() ? "Computing " + sel + " on " + img.name() + " ..." : "No output yet for " + sel + "."));
        }
        if (sel != null && results.containsKey(sel)) markShownAfterNextPulse(sel);
    }

    private void markShownAfterNextPulse(String task) {
        Scene scene = getScene();
        if (scene == null) {
            vm.outputShown(task);
            return;
        }
        if (shownPending) return; // one pair of listeners per pulse, however many updates came before it
        shownPending = true;
        Runnable[] once = new Runnable[2];
        once[0] = () -> {
            scene.removePreLayoutPulseListener(once[0]);
            vm.switchTimer().pulseStarted();
        };
        once[1] = () -> {
            scene.removePostLayoutPulseListener(once[1]);
            shownPending = false;
            vm.outputShown(vm.selectedTaskProperty().get());
        };
        scene.addPreLayoutPulseListener(once[0]);
        scene.addPostLayoutPulseListener(once[1]);
    }

    private static Label newMessage(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("placeholder");
        l.setMaxWidth(420);
        return l;
    }

    private Node message(String text) {
        // one label, its text changed: a new one each time is a new node to style and lay out
        if (placeholder.getId() == null) {
            placeholder.setWrapText(true);
            placeholder.getStyleClass().add("placeholder");
            placeholder.setId("outputs-placeholder");
            placeholder.setMaxWidth(420);
        }
        placeholder.setText(text);
        return placeholder;
    }

    private void show(Node n) {
        if (getChildren().size() == 1 && getChildren().get(0) == n) return;
        if (n instanceof TaskOutputView || n instanceof Pane) {
            if (n.getParent() instanceof Pane p && p != this) p.getChildren().remove(n);
        }
        getChildren().setAll(n);
    }
}
