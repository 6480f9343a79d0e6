package org.m3vit.app.ui;

import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.m3vit.app.service.TaskResult;
import org.m3vit.app.viewmodel.InterventionViewModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingTrace;
import org.m3vit.visualizer.output.DifferenceView;
import org.m3vit.visualizer.routing.ExpertColors;
import org.m3vit.visualizer.routing.PatchSelectionView;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Intervene" tab: switch experts off at one MoE block or all, force an expert on picked
 * patches or on every token, run every task with another task's gates; the steps taken (each
 * removable), Undo and Reset; and what it did to the selected task: the difference map, the share
 * of changed pixels, the tokens routed elsewhere and, with ground truth, the metric before and after.
 * It binds to an {@link InterventionViewModel}; the outputs, the other routing tabs and the hardware
 * timeline follow the intervened passes by themselves.
 */
final class InterventionPanel extends javafx.scene.control.SplitPane {

    private final InterventionViewModel vm;
    private final ObjectProperty<Image> input;
    private final ComboBox<Integer> blockChoice = new ComboBox<>();
    private final FlowPane offButtons = new FlowPane(4, 4);
    private final ComboBox<Integer> expertChoice = new ComboBox<>();
    private final PatchSelectionView picker = new PatchSelectionView();
    private final Label picked = new Label();
    private final Button forcePicked = new Button("Force on picked patches");
    private final ComboBox<String> gatesChoice = new ComboBox<>();
    private final VBox itemList = new VBox(2);
    private final Button undo = new Button("Undo");
    private final Button reset = new Button("Reset");
    private final Label refusal = new Label();
    private final Label effectTitle = new Label();
    private final DifferenceView difference = new DifferenceView();
    private final Label summary = caption("");
    private final Label routingChange = caption("");
    private final Label metrics = caption("");
    private boolean syncing;
    private javafx.beans.value.ObservableBooleanValue shown = new javafx.beans.property.SimpleBooleanProperty(true);
    private boolean stale;

    InterventionPanel(InterventionViewModel vm, ObjectProperty<Image> input) {
        this.vm = vm;
        this.input = input;
        setId("intervene-view");
        setOrientation(javafx.geometry.Orientation.VERTICAL);
        Label intro = caption("Change the routing, see what changes: each step runs the model again; outputs, routing tabs and"
                + " the hardware timeline show the intervened passes.");
        intro.setTooltip(new Tooltip("A switched-off expert's slot goes to the next-best expert; a forced expert takes the first"
                + " slot; every chosen expert keeps its softmax probability as its weight (not renormalised)."));
        VBox box = new VBox(6, intro, current(), where(), section("Switch experts off"), offButtons,
                section("Force an expert"), force(), section("Gates"), gates());
        box.setPadding(new Insets(6));
        ScrollPane controls = new ScrollPane(box);
        controls.setFitToWidth(true);
        controls.setId("intervene-controls");
        Node effect = effect();
        getItems().addAll(controls, effect);
        // the effect keeps its place at the bottom, the controls scroll above it
        setDividerPositions(0.56);

        vm.explorer().modelProperty().addListener(o -> modelChanged());
        vm.explorer().interventionProperty().addListener(o -> syncState());
        vm.blockProperty().addListener(o -> syncState());
        vm.explorer().currentTraceProperty().addListener(o -> timed(this::syncStateWhenShown));
        vm.items().addListener((ListChangeListener<InterventionViewModel.Item>) c -> listItems());
        vm.effectProperty().addListener(o -> timed(this::showEffectWhenShown));
        vm.explorer().computingProperty().addListener(o -> timed(this::showEffectWhenShown));
        vm.refusalProperty().addListener(o -> showRefusal());
        vm.canUndoProperty().addListener(o -> undo.setDisable(!vm.canUndoProperty().get()));
        input.addListener(o -> showPicker());
        modelChanged();
    }

    private static Label caption(String text) { return RoutingPanel.caption(text); }

    private void timed(Runnable r) { vm.explorer().switchTimer().time("routing tabs: intervene", r); }

    /**
     * Updates on a new trace or effect only while {@code showing} is true (the tab is selected), and
     * catches up when it becomes true: a task switch leaves the hidden tab alone.
     */
    void followShown(javafx.beans.value.ObservableBooleanValue showing) {
        shown = showing;
        showing.addListener((o, was, on) -> {
            if (on && stale) {
                stale = false;
                syncState();
                showEffect();
            }
        });
    }

    /** True when the tab's content waits for the tab to be shown. */
    boolean isStale() { return stale; }

    private void syncStateWhenShown() {
        if (shown.get()) syncState();
        else stale = true;
    }

    private void showEffectWhenShown() {
        if (shown.get()) showEffect();
        else stale = true;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("view-title");
        return l;
    }

    private Node current() {
        itemList.setId("intervene-items");
        undo.setId("intervene-undo");
        undo.setTooltip(new Tooltip("Back to the intervention before the last step (Ctrl+Z)"));
        undo.setOnAction(e -> vm.undo());
        undo.setDisable(true);
        reset.setId("intervene-reset");
        reset.setTooltip(new Tooltip("Back to the gates' own routing (can be undone)"));
        reset.setOnAction(e -> vm.reset());
        refusal.setId("intervene-refusal");
        refusal.getStyleClass().add("notice");
        refusal.setWrapText(true);
        refusal.setMinHeight(Region.USE_PREF_SIZE);
        refusal.setVisible(false);
        refusal.setManaged(false);
        HBox buttons = new HBox(6, undo, reset);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, itemList, buttons, refusal);
    }

    private Node where() {
        blockChoice.setId("intervene-block");
        blockChoice.setTooltip(new Tooltip("The MoE block where experts are switched off and forced, or all MoE blocks at once"));
        blockChoice.setConverter(new StringConverter<>() {
            @Override public String toString(Integer b) {
                return b == null ? "" : b == RoutingIntervention.ALL_BLOCKS ? "all MoE blocks" : "MoE block " + b;
            }
            @Override public Integer fromString(String s) { return null; }
        });
        blockChoice.valueProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) vm.blockProperty().set(now);
        });
        Label title = section("Where");
        HBox row = new HBox(8, title, new Label("act on"), blockChoice);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node force() {
        expertChoice.setId("intervene-expert");
        expertChoice.setTooltip(new Tooltip("The expert to force into the first slot of the picked tokens"));
        expertChoice.setConverter(new StringConverter<>() {
            @Override public String toString(Integer e) { return e == null ? "" : "E" + e; }
            @Override public Integer fromString(String s) { return null; }
        });
        expertChoice.valueProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) vm.forcedExpertProperty().set(now);
        });
        picker.setId("intervene-patches");
        picker.setPrefHeight(120);
        picker.setMinHeight(80);
        picker.selectionProperty().bindBidirectional(vm.selectedPatchesProperty());
        picked.setId("intervene-picked");
        picked.getStyleClass().add("caption");
        vm.selectedPatchesProperty().addListener(o -> describePicked());
        forcePicked.setId("intervene-force-picked");
        forcePicked.setTooltip(new Tooltip("Force the chosen expert on the picked patches' tokens at the chosen block"));
        forcePicked.setOnAction(e -> vm.forceOnSelection());
        Button forceAll = new Button("on all tokens");
        forceAll.setId("intervene-force-all");
        forceAll.setTooltip(new Tooltip("Force the chosen expert on every token (the cls token too) at the chosen block"));
        forceAll.setOnAction(e -> vm.forceOnAllTokens());
        Button clear = new Button("Clear picks");
        clear.setId("intervene-clear");
        clear.setOnAction(e -> vm.selectedPatchesProperty().set(java.util.Set.of()));
        HBox expert = new HBox(8, new Label("expert"), expertChoice);
        expert.setAlignment(Pos.CENTER_LEFT);
        FlowPane actions = new FlowPane(6, 4, forcePicked, forceAll, clear);
        describePicked();
        return new VBox(4, expert, caption("Drag over the picture to pick patches (Shift+drag adds, Ctrl+drag removes, a click picks one)."),
                picker, picked, actions);
    }

    private Node gates() {
        gatesChoice.setId("intervene-gates");
        gatesChoice.setTooltip(new Tooltip("Run every task's head on tokens routed by this task's gates"));
        gatesChoice.valueProperty().addListener((o, was, now) -> {
            if (syncing || now == null) return;
            if (!vm.gatesOf(now.equals(OWN) ? null : now)) syncState();
        });
        HBox row = new HBox(8, new Label("every task runs with"), gatesChoice);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static final String OWN = "its own gates";

    private Node effect() {
        effectTitle.setId("intervene-effect-title");
        effectTitle.setWrapText(true);
        effectTitle.setMinHeight(Region.USE_PREF_SIZE);
        difference.setId("intervene-difference");
        difference.setPrefHeight(150);
        difference.setMinHeight(60);
        javafx.scene.layout.VBox.setVgrow(difference, javafx.scene.layout.Priority.ALWAYS);
        summary.setId("intervene-summary");
        routingChange.setId("intervene-routing");
        metrics.setId("intervene-metrics");
        effectTitle.getStyleClass().add("view-title");
        VBox box = new VBox(4, effectTitle, difference, summary, routingChange, metrics);
        box.setPadding(new Insets(6));
        box.setMinHeight(120);
        return box;
    }

    // ---- following the view model -----------------------------------------------------------

    private void modelChanged() {
        ModelConfig c = vm.explorer().config();
        syncing = true;
        try {
            List<Integer> blocks = new ArrayList<>();
            List<Integer> experts = new ArrayList<>();
            List<String> gates = new ArrayList<>();
            gates.add(OWN);
            if (c != null) {
                blocks.addAll(c.moeBlocks());
                if (c.moeBlocks().size() > 1) blocks.add(RoutingIntervention.ALL_BLOCKS);
                for (int e = 0; e < c.numExperts(); e++) experts.add(e);
                c.tasks().forEach(t -> gates.add(t.name()));
            }
            blockChoice.getItems().setAll(blocks);
            expertChoice.getItems().setAll(experts);
            gatesChoice.getItems().setAll(gates);
            offButtons.getChildren().clear();
            for (int e : experts) offButtons.getChildren().add(offButton(e));
        } finally {
            syncing = false;
        }
        setDisable(c == null || c.moeBlocks().isEmpty());
        syncState();
        listItems();
        showPicker();
        showEffect();
    }

    private ToggleButton offButton(int e) {
        Rectangle chip = new Rectangle(10, 10, ExpertColors.of(e));
        chip.setStroke(Color.gray(0.3));
        ToggleButton b = new ToggleButton("E" + e, chip);
        b.setId("intervene-off-" + e);
        b.setUserData(e);
        b.getStyleClass().add("expert-off-toggle");
        b.setOnAction(ev -> {
            vm.toggleOff(e);
            syncState();
        });
        return b;
    }

    private void syncState() {
        syncing = true;
        try {
            blockChoice.setValue(vm.blockProperty().get());
            expertChoice.setValue(vm.forcedExpertProperty().get());
            String g = vm.current().gatesOf();
            gatesChoice.setValue(g == null ? OWN : g);
            RoutingTrace tr = vm.explorer().currentTraceProperty().get();
            int block = vm.blockProperty().get();
            for (Node n : offButtons.getChildren()) {
                ToggleButton b = (ToggleButton) n;
                int e = (Integer) b.getUserData();
                boolean off = vm.isOff(e);
                b.setSelected(off);
                b.setText("E" + e + (off ? " off" : ""));
                String why = vm.whyNotOff(e);
                String load = "";
                if (tr != null && block != RoutingIntervention.ALL_BLOCKS && tr.layers().stream().anyMatch(l -> l.block() == block)) {
                    load = " Now it receives " + tr.layerForBlock(block).tokensPerExpert()[e] + " of " + tr.numTokens()
                            + " tokens there for " + tr.task() + ".";
                }
                String where = block == RoutingIntervention.ALL_BLOCKS ? "at every MoE block" : "at block " + block;
                String tip = off ? "E" + e + " is off " + where + ". Press to switch it on again."
                        : why != null ? "Cannot switch E" + e + " off " + where + ": " + why + "." + load
                        : "Press to switch E" + e + " off " + where + "." + load;
                // one tooltip per button, its text changed: a new Tooltip per switch is a new popup scene each time
                if (b.getTooltip() == null) b.setTooltip(new Tooltip(tip));
                else b.getTooltip().setText(tip);
                b.setOpacity(why != null ? 0.55 : 1);
            }
        } finally {
            syncing = false;
        }
    }

    private void listItems() {
        itemList.getChildren().clear();
        if (vm.items().isEmpty()) {
            Label none = caption("No intervention: every task routes with its own gates.");
            none.setId("intervene-none");
            itemList.getChildren().add(none);
        }
        for (InterventionViewModel.Item item : vm.items()) {
            Label text = new Label(item.text());
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            Button remove = new Button("×");
            remove.getStyleClass().add("remove-step");
            remove.setTooltip(new Tooltip("Take this out of the intervention"));
            remove.setOnAction(e -> vm.remove(item));
            HBox row = new HBox(6, remove, text);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("intervention-item");
            itemList.getChildren().add(row);
        }
    }

    private void showRefusal() {
        String r = vm.refusalProperty().get();
        boolean show = r != null && !r.isEmpty();
        refusal.setText(show ? "Not done: " + r : "");
        refusal.setVisible(show);
        refusal.setManaged(show);
    }

    private void showPicker() {
        ModelConfig c = vm.explorer().config();
        picker.setGrid(input.get(), c == null ? 0 : c.gridHeight(), c == null ? 0 : c.gridWidth());
    }

    private void describePicked() {
        int n = vm.selectedPatchesProperty().get().size();
        picked.setText(n == 0 ? "No patch picked." : n + " patch" + (n == 1 ? "" : "es") + " picked: tokens "
                + org.m3vit.model.TokenSelection.of(vm.selectedPatchesProperty().get()) + ".");
        forcePicked.setText(n == 0 ? "Force on picked patches" : "Force on " + n + " picked patch" + (n == 1 ? "" : "es"));
        forcePicked.setDisable(n == 0);
    }

    private void showEffect() {
        InterventionViewModel.Effect e = vm.effectProperty().get();
        TaskResult cur = vm.explorer().currentResultProperty().get();
        if (vm.current().isEmpty()) {
            effectTitle.setText("What changed: nothing yet. Switch an expert off, force one, or pick other gates.");
        } else if (e == null) {
            effectTitle.setText("What changed: " + (vm.explorer().computingProperty().get() ? "running the intervened and the original pass ..."
                    : cur == null ? "open an image to see it." : "nothing for the selected task (its own gates, no mask)."));
        } else {
            effectTitle.setText("What changed in " + e.task() + " (intervened vs. original): " + (e.difference().kind() == org.m3vit.model.TaskKind.SEGMENTATION
                    ? "red = another class" : "bright = a larger change"));
        }
        difference.show(e == null ? null : e.difference(), input.get());
        difference.setVisible(e != null);
        difference.setManaged(e != null);
        summary.setText(e == null ? "" : e.summary());
        routingChange.setText(e == null ? "" : e.routing());
        metrics.setText(e == null ? "" : e.metrics() == null ? "No ground truth for this image: no metric change to show." : e.metrics());
    }
}
