package org.m3vit.hw.panel;

import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The task-switch sequence: an ordered list of tasks with add, remove, move up and down, and the switch that simulates it. */
public final class SequenceEditor extends VBox {

    private final ListView<String> list;
    private final ComboBox<String> chooser = new ComboBox<>();

    /** Edits {@code model}'s sequence; {@code tasks} are the model's task names. */
    public SequenceEditor(HardwarePanelModel model, ObservableList<String> tasks) {
        setSpacing(4);
        list = new ListView<>(model.sequence());
        list.setId("hw-sequence");
        list.setPrefHeight(130);
        chooser.setItems(tasks);
        chooser.setPromptText("task");
        Button add = new Button("Add");
        add.setId("hw-sequence-add");
        add.setOnAction(e -> {
            String t = chooser.getValue() != null ? chooser.getValue() : tasks.isEmpty() ? null : tasks.get(0);
            if (t != null) model.sequence().add(t);
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0) model.sequence().remove(i);
        });
        Button up = new Button("Up");
        up.setOnAction(e -> move(model, -1));
        Button down = new Button("Down");
        down.setOnAction(e -> move(model, 1));
        CheckBox use = new CheckBox("Simulate this sequence (off: the explorer's task alone)");
        use.setId("hw-use-sequence");
        use.selectedProperty().bindBidirectional(model.useSequenceProperty());
        Label caption = new Label("A task switch runs the same dataflow with another task's gate matrix: the sequence shows "
                + "what each switch costs against repeating the previous task. Tasks the explorer has not run on this image "
                + "yet are run first (the network, in the background).");
        caption.setWrapText(true);
        caption.getStyleClass().add("hw-caption");
        getChildren().addAll(use, list, new HBox(4, chooser, add, remove, up, down), caption);
    }

    private void move(HardwarePanelModel model, int dir) {
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + dir;
        ObservableList<String> s = model.sequence();
        if (i < 0 || j < 0 || j >= s.size()) return;
        String t = s.get(i);
        s.set(i, s.get(j));
        s.set(j, t);
        list.getSelectionModel().select(j);
    }
}
