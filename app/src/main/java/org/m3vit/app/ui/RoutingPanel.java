package org.m3vit.app.ui;

import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.m3vit.app.ui.icons.Icons;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.app.viewmodel.SpecialisationViewModel;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;
import org.m3vit.visualizer.routing.PatchRoutingView;
import org.m3vit.visualizer.routing.RoutingAnimation;
import org.m3vit.visualizer.routing.RoutingFlowView;
import org.m3vit.visualizer.routing.RoutingNumbersView;
import org.m3vit.visualizer.routing.TaskCompareView;
import org.m3vit.visualizer.routing.TokenPathView;
import org.m3vit.visualizer.routing.UsageHeatmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routing tabs: patches coloured by expert with a token's path, the flow animation, usage
 * heatmap with numbers, a comparison of two tasks, and the routing interventions. Other panels (hardware) add a tab with
 * {@link #addTab}.
 */
final class RoutingPanel extends TabPane {

    private final ExplorerViewModel vm;
    private final ObjectProperty<Image> input;
    private final PatchRoutingView patches = new PatchRoutingView();
    private final TokenPathView path = new TokenPathView();
    private final ComboBox<String> layerChoice = new ComboBox<>();
    private final ComboBox<String> colourBy = new ComboBox<>();
    private final Label patchHover = new Label(" ");
    private final Label patchCaption = new Label();
    private final RoutingAnimation animation = new RoutingAnimation();
    private final RoutingFlowView flow = new RoutingFlowView(animation);
    private final ToggleButton play = new ToggleButton(null, Icons.play());
    private final Slider scrub = new Slider(0, 1, 0);
    private final Slider speed = new Slider(0.1, 2.0, 0.5);
    private final Label flowLayer = new Label();
    private final UsageHeatmap heatmap = new UsageHeatmap();
    private final Label heatmapHover = new Label(" ");
    private final Label usageTitle = new Label();
    private final RoutingNumbersView numbers = new RoutingNumbersView();
    private final TaskCompareView compare = new TaskCompareView();
    private final ComboBox<String> compareChoice = new ComboBox<>();
    final Tab patchesTab;
    final Tab flowTab;
    final Tab usageTab;
    final Tab compareTab;
    final ExpertsTab expertsTab;
    final Tab interveneTab;
    private boolean syncing;
    private final java.util.Set<Tab> stale = new java.util.HashSet<>();

    RoutingPanel(ExplorerViewModel vm, org.m3vit.app.viewmodel.InterventionViewModel interventions, ObjectProperty<Image> input,
                 java.nio.file.Path samples) {
        this.vm = vm;
        this.input = input;
        setId("routing-tabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        patchesTab = tab("Patches", "routing-patches-tab", patchesContent(),
                "Which expert each patch's token goes to first, layer by layer; click a patch for its whole path");
        flowTab = tab("Flow", "routing-flow-tab", flowContent(), "Animation: tokens flowing to their experts in each MoE layer");
        usageTab = tab("Usage", "routing-usage-tab", usageContent(), "Tokens per expert for every MoE layer, load balance and MACs");
        compareTab = tab("Compare", "routing-compare-tab", compareContent(), "Two tasks' routing of the same image, and the tokens that change expert");
        expertsTab = new ExpertsTab(vm, new SpecialisationViewModel(vm, () -> samples));
        // built when first shown (its controls cost the window's start); from then on it follows its tab's selection
        interveneTab = tab("Intervene", "routing-intervene-tab", null,
                "What would change if: switch experts off, force experts on patches, run a task with another task's gates");
        interveneTab.selectedProperty().addListener((o, was, on) -> {
            if (!on || interveneTab.getContent() != null) return;
            InterventionPanel intervene = new InterventionPanel(interventions, input);
            intervene.followShown(interveneTab.selectedProperty());
            interveneTab.setContent(intervene);
        });
        getTabs().addAll(patchesTab, flowTab, usageTab, compareTab, expertsTab, interveneTab);
        for (Tab t : List.of(patchesTab, flowTab, usageTab, compareTab)) {
            t.selectedProperty().addListener((o, was, on) -> { if (on && stale.remove(t)) update(t); });
        }

        vm.currentTraceProperty().addListener(o -> timed(this::refresh));
        vm.tracesProperty().addListener(o -> timed(this::refreshCompare));
        vm.selectedLayerProperty().addListener(o -> timed(this::refresh));
        vm.selectedExpertProperty().addListener(o -> timed(this::refreshPatches));
        vm.selectedTokenProperty().addListener(o -> timed(this::refreshPatches));
        vm.compareTaskProperty().addListener(o -> timed(this::refreshCompare));
        input.addListener(o -> timed(this::refresh));
        vm.modelProperty().addListener(o -> modelChanged());
        refresh();
    }

    private void timed(Runnable r) { vm.switchTimer().time("routing tabs: other", r); }

    private void span(String name, Runnable r) { vm.switchTimer().time(name, r); }

    private static Tab tab(String title, String id, Node content, String tip) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setTooltip(new Tooltip(tip));
        return t;
    }

    /** Adds a tab (e.g. the hardware panel): one line for other panels. */
    void addTab(Tab tab) { getTabs().add(tab); }

    /** A wrapping caption in the routing tabs' style. */
    static Label caption(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("caption");
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private Node patchesContent() {
        layerChoice.setId("layer-choice");
        layerChoice.setTooltip(new Tooltip("The MoE layer shown ([ and ] step through them)"));
        layerChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!syncing && i.intValue() >= 0) vm.selectedLayerProperty().set(i.intValue());
        });
        colourBy.setId("colour-by");
        colourBy.setTooltip(new Tooltip("Colour each patch by the expert its gate picks first, or by one expert's gate probability"));
        colourBy.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!syncing && i.intValue() >= 0) vm.selectedExpertProperty().set(i.intValue() - 1);
        });
        patches.canvas().setId("patch-canvas");
        patches.setOnTokenClicked(t -> vm.selectedTokenProperty().set(t));
        patches.hoveredTokenProperty().addListener((o, a, t) -> describeToken(t.intValue()));
        patchHover.setId("patch-hover");
        VBox.setVgrow(patches, Priority.ALWAYS);
        // wraps instead of truncating the choices in a narrow panel (1024 px screens)
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(8, 4,
                new HBox(8, new Label("MoE layer"), layerChoice), new HBox(8, new Label("colour by"), colourBy));
        for (javafx.scene.Node n : controls.getChildren()) ((HBox) n).setAlignment(Pos.CENTER_LEFT);
        controls.setAlignment(Pos.CENTER_LEFT);
        path.setId("token-path");
        ScrollPane pathScroll = new ScrollPane(path);
        pathScroll.setFitToWidth(true);
        pathScroll.setPrefHeight(150);
        pathScroll.setMinHeight(110);
        patchCaption.setWrapText(true);
        patchCaption.getStyleClass().add("caption");
        patchCaption.setMinHeight(Region.USE_PREF_SIZE);
        patchCaption.setId("patch-caption");
        VBox box = new VBox(6, patchCaption, controls, patches, patchHover, pathScroll);
        box.setPadding(new Insets(6));
        return box;
    }

    private void describeToken(int t) {
        RoutingTrace tr = vm.currentTraceProperty().get();
        if (tr == null || t < 1) {
            patchHover.setText(" ");
            return;
        }
        LayerRouting l = tr.layers().get(layerPos(tr));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "token %d (patch row %d, column %d) at block %d:",
                t, tr.row(t), tr.column(t), l.block()));
        for (int j = 0; j < l.topK(); j++) {
            s.append(String.format(Locale.ROOT, "  E%d gate %.3f", l.experts()[t][j], l.weights()[t][j]));
        }
        int e = vm.selectedExpertProperty().get();
        if (e >= 0) s.append(String.format(Locale.ROOT, "  ·  p(E%d) = %.3f", e, l.probabilities()[t][e]));
        patchHover.setText(s.toString());
    }

    private Node flowContent() {
        play.setId("flow-play");
        play.setTooltip(new Tooltip("Play / pause the animation (Space)"));
        play.selectedProperty().bindBidirectional(animation.playingProperty());
        play.selectedProperty().addListener((o, a, on) -> play.setGraphic(on ? Icons.pause() : Icons.play()));
        Button back = new Button(null, Icons.step(false));
        back.setId("flow-back");
        back.setTooltip(new Tooltip("Previous MoE layer ([)"));
        back.setOnAction(e -> stepLayer(-1));
        Button fwd = new Button(null, Icons.step(true));
        fwd.setId("flow-forward");
        fwd.setTooltip(new Tooltip("Next MoE layer (])"));
        fwd.setOnAction(e -> stepLayer(1));
        scrub.setId("flow-scrub");
        scrub.setTooltip(new Tooltip("Scrub through the MoE layers"));
        scrub.setPrefWidth(200);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        scrub.valueProperty().addListener((o, a, v) -> {
            if (!syncing) animation.positionProperty().set(Math.min(v.doubleValue(), Math.max(0, scrub.getMax() - 1e-3)));
        });
        speed.setId("flow-speed");
        speed.setPrefWidth(90);
        speed.setTooltip(new Tooltip("Speed: MoE layers per second"));
        speed.valueProperty().bindBidirectional(animation.speedProperty());
        flowLayer.setId("flow-layer");
        flowLayer.setMinWidth(110);
        animation.positionProperty().addListener((o, a, v) -> {
            syncing = true;
            scrub.setValue(v.doubleValue());
            syncing = false;
            int layer = animation.layer();
            RoutingTrace tr = vm.currentTraceProperty().get();
            flowLayer.setText(tr == null ? "" : "layer " + (layer + 1) + " of " + tr.layers().size());
            if (vm.selectedLayerProperty().get() != layer && tr != null) vm.selectedLayerProperty().set(layer);
        });
        flow.setId("flow-view");
        flow.selectedTokenProperty().bind(vm.selectedTokenProperty());
        VBox.setVgrow(flow, Priority.ALWAYS);
        Label speedValue = new Label();
        speedValue.setId("flow-speed-value");
        speedValue.setMinWidth(Region.USE_PREF_SIZE);
        speedValue.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> String.format(java.util.Locale.ROOT, "%.1f layers/s", speed.getValue()), speed.valueProperty()));
        HBox steps = new HBox(6, back, play, fwd, flowLayer, scrub);
        steps.setAlignment(Pos.CENTER_LEFT);
        HBox pace = new HBox(6, new Label("speed"), speed, speedValue);
        pace.setAlignment(Pos.CENTER_LEFT);
        // two rows when narrow: the speed and its value never push the scrub bar out of a 1024 px window
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(12, 4, steps, pace);
        steps.prefWidthProperty().bind(javafx.beans.binding.Bindings.max(260, controls.widthProperty().subtract(pace.widthProperty()).subtract(16)));
        VBox box = new VBox(6, caption("Each dot on the left is a token (one 16x16 patch, laid out like the image; cls on"
                + " top). In every MoE layer each token travels to its top-k experts on the right: particle size ="
                + " gate weight. Lit experts receive tokens and run; dark ones stay idle, so their weights are never read"
                + " for this task. Play, step or scrub through the layers."), controls, flow);
        box.setPadding(new Insets(6));
        return box;
    }

    /** Moves the routing views one MoE layer on (+1) or back (-1). */
    void stepLayer(int direction) {
        animation.playingProperty().set(false);
        animation.step(direction);
    }

    /** Plays or pauses the flow animation. */
    void togglePlay() { animation.toggle(); }

    /** The animation state (for tests and the screenshot command). */
    RoutingAnimation animation() { return animation; }

    private Node usageContent() {
        heatmap.setId("usage-heatmap");
        heatmap.selectedLayerProperty().bindBidirectional(vm.selectedLayerProperty());
        heatmap.hoveredProperty().addListener((o, a, c) -> heatmapHover.setText(c == null ? " "
                : "block " + blockOf(c.layer()) + ", expert E" + c.expert() + ": " + c.tokens() + " tokens"));
        usageTitle.getStyleClass().add("view-title");
        numbers.setId("routing-numbers");
        VBox inner = new VBox(6, usageTitle, caption("Rows: MoE layers; columns: experts; each cell = tokens this task's gate"
                + " sent to the expert (each token goes to top-k experts, so a row sums to tokens x k). Click a row to"
                + " select that layer in the other views."), heatmap, heatmapHover, numbers);
        inner.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(inner);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private String blockOf(int pos) {
        RoutingTrace tr = vm.currentTraceProperty().get();
        return tr == null || pos >= tr.layers().size() ? "?" : Integer.toString(tr.layers().get(pos).block());
    }

    private Node compareContent() {
        compareChoice.setId("compare-choice");
        compareChoice.setTooltip(new Tooltip("The second task to compare with the selected one"));
        compareChoice.valueProperty().addListener((o, a, v) -> {
            if (!syncing) vm.compareTaskProperty().set(v);
        });
        compare.setId("task-compare");
        compare.selectedLayerProperty().addListener((o, a, v) -> {
            if (!syncing) vm.selectedLayerProperty().set(v.intValue());
        });
        HBox controls = new HBox(8, new Label("compare the selected task with"), compareChoice);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox inner = new VBox(6, caption("Same image, two tasks: the experts are shared, only the gates differ. Left and"
                + " right: tokens per expert of each task. Below: patches whose first expert changes between the two"
                + " tasks at the selected layer."), controls, compare);
        inner.setPadding(new Insets(6));
        VBox.setVgrow(compare, Priority.ALWAYS);
        return inner;
    }

    private void modelChanged() {
        syncing = true;
        List<String> others = new ArrayList<>(vm.tasks());
        compareChoice.setItems(FXCollections.observableArrayList(others));
        compareChoice.setValue(vm.compareTaskProperty().get());
        syncing = false;
    }

    private int layerPos(RoutingTrace tr) {
        return Math.max(0, Math.min(tr.layers().size() - 1, vm.selectedLayerProperty().get()));
    }

    /**
     * Follows the current trace: the animation's layer count at once (keys and the hardware cursor use
     * it), each tab's content only when the tab is shown, else when it is next selected.
     */
    private void refresh() {
        RoutingTrace tr = vm.currentTraceProperty().get();
        animation.layersProperty().set(tr == null ? 0 : tr.layers().size());
        if (tr != null && !tr.layers().isEmpty() && animation.layer() != layerPos(tr)) animation.show(layerPos(tr));
        whenShown(flowTab);
        whenShown(usageTab);
        whenShown(patchesTab);
        whenShown(compareTab);
    }

    /** Updates {@code tab}'s content now when it is shown, else marks it to be updated when it is selected. */
    private void whenShown(Tab tab) {
        if (tab.isSelected()) {
            stale.remove(tab);
            update(tab);
        } else {
            stale.add(tab);
        }
    }

    /** True when {@code tab}'s content waits for the tab to be shown (tests check that hidden tabs are left alone). */
    boolean isStale(Tab tab) { return stale.contains(tab); }

    private void update(Tab tab) {
        if (tab == patchesTab) span("routing tabs: patches", this::refreshPatchesNow);
        else if (tab == flowTab) span("routing tabs: flow", this::refreshFlow);
        else if (tab == usageTab) span("routing tabs: usage", this::refreshUsage);
        else if (tab == compareTab) span("routing tabs: compare", this::refreshCompareNow);
    }

    private void refreshFlow() {
        RoutingTrace tr = vm.currentTraceProperty().get();
        flow.setTrace(tr);
        if (tr == null) return;
        syncing = true;
        try {
            scrub.setMax(tr.layers().size());
            scrub.setValue(animation.positionProperty().get());
        } finally {
            syncing = false;
        }
        flowLayer.setText("layer " + (animation.layer() + 1) + " of " + tr.layers().size());
    }

    private void refreshUsage() {
        RoutingTrace tr = vm.currentTraceProperty().get();
        if (tr == null) {
            heatmap.setData(new int[0][0], List.of(), 0);
            numbers.show(null);
            usageTitle.setText("No routing yet: open an image.");
            return;
        }
        int[][] usage = new int[tr.layers().size()][];
        for (int i = 0; i < usage.length; i++) usage[i] = tr.layers().get(i).tokensPerExpert();
        heatmap.setData(usage, tr.layers().stream().map(l -> "block " + l.block()).toList(), 0);
        heatmap.selectedLayerProperty().set(layerPos(tr));
        numbers.show(tr);
        usageTitle.setText("Expert usage of task " + tr.task() + " (" + tr.numExperts() + " experts, top-" + tr.topK()
                + ", " + tr.numTokens() + " tokens incl. cls)");
    }

    private void refreshPatches() { whenShown(patchesTab); }

    /** The layer and colour choices of the Patches tab for {@code tr}. */
    private void syncPatchChoices(RoutingTrace tr) {
        syncing = true;
        try {
            if (tr == null) {
                layerChoice.getItems().clear();
                colourBy.getItems().clear();
                return;
            }
            List<String> layers = tr.layers().stream().map(l -> "block " + l.block()).toList();
            if (!layerChoice.getItems().equals(layers)) layerChoice.getItems().setAll(layers);
            layerChoice.getSelectionModel().select(layerPos(tr));
            List<String> by = new ArrayList<>();
            by.add("top-1 expert");
            for (int e = 0; e < tr.numExperts(); e++) by.add("gate probability of E" + e);
            if (!colourBy.getItems().equals(by)) colourBy.getItems().setAll(by);
        } finally {
            syncing = false;
        }
    }

    private void refreshPatchesNow() {
        RoutingTrace tr = vm.currentTraceProperty().get();
        syncPatchChoices(tr);
        patches.show(tr, input.get(), tr == null ? 0 : layerPos(tr), vm.selectedExpertProperty().get(), vm.selectedTokenProperty().get());
        path.show(tr, vm.selectedTokenProperty().get());
        describeToken(patches.hoveredTokenProperty().get());
        int e = vm.selectedExpertProperty().get();
        // while a switch computes (no trace yet) the caption already names the new task: the same text, the same height,
        // nothing under it moves when the routing arrives
        String task = tr != null ? tr.task() : vm.selectedTaskProperty().get();
        var change = tr != null ? tr.intervention() : vm.interventionProperty().get().forTask(task == null ? "" : task);
        String whose = task == null || vm.imageProperty().get() == null ? "" : "Routing of task " + task
                + (change.isEmpty() ? " (its own gates). " : " under the intervention " + change.describe() + ". ");
        patchCaption.setText(whose + (e < 0
                ? "Each square is a 16x16 patch of the image; its colour is the expert its gate picks first at this MoE"
                        + " layer (legend: expert and tokens it receives). Click a patch to follow its token through all MoE layers below."
                : "Each square is a 16x16 patch of the image; its colour is the probability the gate gives expert E" + e
                        + " for it at this MoE layer (the gate weight where E" + e + " is among the token's top-k). Click a"
                        + " patch to follow its token through all MoE layers below."));
        syncing = true;
        colourBy.getSelectionModel().select(vm.selectedExpertProperty().get() + 1);
        syncing = false;
    }

    private void refreshCompare() { whenShown(compareTab); }

    private void refreshCompareNow() {
        RoutingTrace a = vm.currentTraceProperty().get();
        String other = vm.compareTaskProperty().get();
        RoutingTrace b = other == null ? null : vm.tracesProperty().get().get(other);
        syncing = true;
        compareChoice.setValue(other);
        compare.show(a, b, input.get(), a == null ? 0 : layerPos(a));
        syncing = false;
    }
}
