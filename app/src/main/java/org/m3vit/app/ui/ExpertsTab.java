package org.m3vit.app.ui;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.app.viewmodel.SpecialisationViewModel;
import org.m3vit.app.viewmodel.SpecialisationViewModel.Property;
import org.m3vit.app.viewmodel.SpecialisationViewModel.Source;
import org.m3vit.model.metrics.ExpertSpecialisation;
import org.m3vit.visualizer.routing.SpecialisationHeatmap;

import java.util.Locale;

/**
 * The Experts tab: what each expert of the selected task's gates has come to stand for, as an
 * expert x class (or depth range, or normal direction) heatmap of token counts at the selected
 * MoE layer, surveyed over this image, the sample images or rendered held-out scenes.
 */
final class ExpertsTab extends Tab {

    private final ExplorerViewModel vm;
    private final SpecialisationViewModel survey;
    private final SpecialisationHeatmap heatmap = new SpecialisationHeatmap();
    private final Label summary = new Label();
    private final Label hover = new Label(" ");
    private final Label message = new Label();

    ExpertsTab(ExplorerViewModel vm, SpecialisationViewModel survey) {
        super("Experts");
        this.vm = vm;
        this.survey = survey;
        setId("routing-experts-tab");
        setTooltip(new Tooltip("What each expert's tokens cover: classes, depth ranges and surface directions"));

        // the controls are built when the tab is first shown (they cost the window's start)
        selectedProperty().addListener((o, a, on) -> { if (on && getContent() == null) build(); });

        survey.surveyProperty().addListener(o -> refresh());
        survey.propertyProperty().addListener(o -> refresh());
        survey.messageProperty().addListener((o, a, m) -> message.setText(m));
        vm.selectedTaskProperty().addListener(o -> refresh());
        vm.selectedLayerProperty().addListener(o -> refresh());
        selectedProperty().addListener((o, a, on) -> {
            if (on && stale) refreshNow();
            if (on && survey.surveyProperty().get() == null && !survey.runningProperty().get()
                    && vm.modelProperty().get() != null) survey.compute();
        });
        message.setText("Compute the tables to see what the experts' tokens cover.");
        refresh();
    }

    private void build() {
        ComboBox<Source> source = new ComboBox<>(FXCollections.observableArrayList(Source.values()));
        source.setId("experts-source");
        source.valueProperty().bindBidirectional(survey.sourceProperty());
        source.setTooltip(new Tooltip("Images whose tokens are counted; ground truth where they have it, else the model's own predictions"));
        Spinner<Integer> scenes = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                SpecialisationViewModel.MAX_SCENES, survey.sceneCountProperty().get(), 50));
        scenes.setId("experts-scenes");
        scenes.setEditable(true);
        scenes.setPrefWidth(90);
        scenes.getValueFactory().valueProperty().addListener((o, a, v) -> survey.sceneCountProperty().set(v));
        scenes.setTooltip(new Tooltip("Held-out scenes to render (seeds from 0, never used in training)"));
        HBox sceneBox = new HBox(6, scenes, new Label("scenes"));
        sceneBox.setAlignment(Pos.CENTER_LEFT);
        sceneBox.visibleProperty().bind(survey.sourceProperty().isEqualTo(Source.RENDERED_SCENES));
        sceneBox.managedProperty().bind(sceneBox.visibleProperty());
        Button compute = new Button("Compute");
        compute.setId("experts-compute");
        compute.setOnAction(e -> survey.compute());
        compute.disableProperty().bind(survey.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("experts-cancel");
        cancel.setOnAction(e -> survey.cancel());
        cancel.visibleProperty().bind(survey.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        ComboBox<Property> property = new ComboBox<>(FXCollections.observableArrayList(Property.values()));
        property.setId("experts-property");
        property.valueProperty().bindBidirectional(survey.propertyProperty());
        property.setTooltip(new Tooltip("The table shown: classes, depth ranges or normal directions of the tokens"));

        FlowPane controls = new FlowPane(8, 4, row(new Label("over"), source), sceneBox, row(compute, cancel),
                row(new Label("show"), property));
        controls.setAlignment(Pos.CENTER_LEFT);
        heatmap.setId("experts-heatmap");
        heatmap.hoveredProperty().addListener((o, a, c) -> describe(c));
        summary.setId("experts-summary");
        message.setId("experts-message");
        hover.setId("experts-hover");
        for (Label l : new Label[] {summary, message}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.managedProperty());
        }
        Label caption = new Label("Rows: experts; columns: what their tokens cover (a patch's majority class, its mean"
                + " depth, the direction its mean normal faces). Cell colour: share of the expert's tokens; number: token"
                + " count (blank: none) (each token counts for each of its top-k experts); frame: the expert's most frequent value;"
                + " right: the entropy of its row (0 = one value only).");
        caption.setWrapText(true);
        caption.getStyleClass().add("caption");
        caption.setMinHeight(Region.USE_PREF_SIZE);
        VBox inner = new VBox(6, caption, controls, message, summary, heatmap, hover);
        inner.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(inner);
        scroll.setFitToWidth(true);
        setContent(scroll);
        refreshNow();
    }

    /** The survey state behind this tab. */
    SpecialisationViewModel survey() { return survey; }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox b = new HBox(6, nodes);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private boolean stale;

    /** Updates the table now when the tab is shown, else when it is next selected. */
    private void refresh() {
        if (isSelected()) vm.switchTimer().time("routing tabs: experts", this::refreshNow);
        else stale = true;
    }

    /** True when the table waits for the tab to be shown. */
    boolean isStale() { return stale; }

    private void refreshNow() {
        stale = false;
        String task = vm.selectedTaskProperty().get();
        int layer = vm.selectedLayerProperty().get();
        heatmap.setTable(survey.table(task, layer));
        summary.setText(survey.summary(task, layer));
        hover.setText(" ");
    }

    private void describe(SpecialisationHeatmap.Cell c) {
        ExpertSpecialisation.Table t = heatmap.table();
        if (c == null || t == null) {
            hover.setText(" ");
            return;
        }
        hover.setText(String.format(Locale.ROOT, "E%d, %s: %d token%s = %.1f%% of E%d's tokens (%.2fx the layer's average share)",
                c.expert(), t.labels().get(c.value()), c.tokens(), c.tokens() == 1 ? "" : "s", 100 * c.share(), c.expert(), c.lift()));
    }
}
