package org.m3vit.hw.panel;

import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.visualizer.render.OutputImages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The "Hardware" tab: the accelerator simulator on the explorer's routing. A toolbar (schedule,
 * compare mode, heads, export), and three inner tabs: Timeline (Gantt lanes, memory and DDR chart
 * on one zoomable axis, summary), Sweep (memory and latency against E or top-k), Setup (task-switch
 * sequence, hardware property sheet). Takes plain inputs through {@link #model()}.
 */
public final class HardwarePanel extends BorderPane {

    /** The statement shown under every figure. */
    public static final String ASSUMPTIONS = "All numbers come from our event-level simulator of the Edge-MoE / M3ViT accelerator "
            + "with the hardware config shown under Setup "
            + "(DDR at the stated efficiency, loads overlapping compute only where the preset allows it: the as-built design in the expert loop, the idealised one everywhere; no host or "
            + "driver overhead, our own model of the task heads); they are not measurements on a board.";

    private final HardwarePanelModel model;
    private final TimeAxis axis = new TimeAxis();
    private final VBox tracks = new VBox(2);
    private final GridPane summary = new GridPane();
    private SweepView sweepView;
    private final TabPane inner = new TabPane();
    private final Tab sweepTab;
    private final List<Track> shown = new ArrayList<>();
    private final Label status = new Label();
    private final FlowPane toolbar = new FlowPane(6, 4);
    private final javafx.beans.property.BooleanProperty showing = new javafx.beans.property.SimpleBooleanProperty(this, "showing", true);
    private boolean stale;
    private javafx.beans.binding.BooleanBinding sweepShown;

    /** One schedule's title, timeline and memory chart (the timeline holds the result it shows). */
    private record Track(Schedule schedule, Label title, TimelineView timeline, MemoryChartView memory) { }

    /** A panel with its own background thread; {@code tasks} are the model's task names (for the sequence editor). */
    public HardwarePanel(ObservableList<String> tasks) {
        this(new HardwarePanelModel(daemonExecutor(), Platform::runLater), tasks);
    }

    /** A panel on {@code model} (tests pass one with direct executors). */
    public HardwarePanel(HardwarePanelModel model, ObservableList<String> tasks) {
        this.model = model;
        setId("hardware-panel");
        setTop(toolbar());
        ScrollPane timelineScroll = new ScrollPane(timelineContent());
        timelineScroll.setFitToWidth(true);
        Tab timelineTab = new Tab("Timeline", timelineScroll);
        // the other inner tabs are built when first shown: charts, a table and a form of text fields cost the window's start
        sweepTab = lazyTab("Sweep", this::sweepContent);
        Tab setupTab = lazyTab("Setup", () -> {
            ScrollPane setup = new ScrollPane(setupContent(tasks));
            setup.setFitToWidth(true);
            return setup;
        });
        Tab breakdownTab = lazyTab("As built vs ideal", () -> new BreakdownView(model.breakdown()));
        model.breakdown().activeProperty().bind(showing.and(breakdownTab.selectedProperty()));
        inner.getTabs().addAll(timelineTab, sweepTab, breakdownTab, setupTab);
        inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inner.setId("hw-tabs");
        setCenter(inner);
        // a field: a binding that only a listener refers to is collected, and its listener goes quiet
        sweepShown = showing.and(sweepTab.selectedProperty());
        sweepShown.addListener((o, a, on) -> { if (on) model.requestSweep(); else model.pauseSweep(); });
        model.sweepProperty().addListener((o, a, d) -> { if (sweepView != null) sweepView.setData(d); });
        model.runsProperty().addListener((o, a, r) -> rebuildIfShowing());
        model.compareProperty().addListener(o -> rebuildIfShowing());
        model.cursorProperty().addListener(o -> { if (showing.get()) moveCursor(); });
        model.animationPositionProperty().addListener(o -> { if (showing.get()) moveCursor(); });
        showing.addListener((o, was, on) -> { if (on && stale) rebuild(); });
        // the status line and the busy spinner change only while the panel is shown: a hidden panel's toolbar that
        // re-wraps with each new status text lays out the whole panel (its charts and tables) in the task switch's frame
        model.statusProperty().addListener((o, was, now) -> { if (showing.get()) status.setText(now); });
        showing.addListener((o, was, on) -> { if (on) status.setText(model.statusProperty().get()); });
        status.setText(model.statusProperty().get());
        rebuild();
    }

    private static ExecutorService daemonExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "m3vit-hw-sim");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * True while the panel is on screen (its host sets it, e.g. from its tab's selection; true by
     * default). While false, new runs do not rebuild the timeline, memory charts and summary, the
     * animation cursor does not move, and the comparison and sweep are not computed: the panel catches
     * up when it is shown again.
     */
    public javafx.beans.property.BooleanProperty showingProperty() { return showing; }

    private void rebuildIfShowing() {
        if (showing.get()) rebuild();
        else stale = true;
    }

    /** Adds a control to the panel's toolbar, before the status line (the host's own actions, e.g. pop out). */
    public void addToolbarItem(Node node) { toolbar.getChildren().add(toolbar.getChildren().indexOf(status) - 1, node); }

    /** The state behind the panel. */
    public HardwarePanelModel model() { return model; }

    /** The shared time axis (zoom and pan). */
    public TimeAxis axis() { return axis; }

    /** The inner tabs (Timeline, Sweep, Setup). */
    public TabPane innerTabs() { return inner; }

    /** The timelines on screen, top to bottom (one, or one per schedule in compare mode). */
    public List<TimelineView> timelines() { return shown.stream().map(Track::timeline).toList(); }

    /** The memory charts on screen. */
    public List<MemoryChartView> memoryCharts() { return shown.stream().map(Track::memory).toList(); }

    /** The summary rows as shown. */
    public List<SummaryText.Row> summaryRows() {
        SimRuns r = model.runsProperty().get();
        return r == null ? List.of() : SummaryText.rows(r);
    }

    /** The sweep charts. */
    public SweepView sweepView() {
        if (sweepView == null) {
            sweepView = new SweepView();
            if (model.sweepProperty().get() != null) sweepView.setData(model.sweepProperty().get());
        }
        return sweepView;
    }

    /** A tab whose content is made when it is first selected. */
    private static Tab lazyTab(String title, java.util.function.Supplier<Node> content) {
        Tab t = new Tab(title);
        t.selectedProperty().addListener((o, was, on) -> { if (on && t.getContent() == null) t.setContent(content.get()); });
        return t;
    }

    private Node toolbar() {
        ChoiceBox<Schedule> schedule = new ChoiceBox<>();
        schedule.getItems().setAll(Schedule.values());
        schedule.setId("hw-schedule");
        schedule.setConverter(new StringConverter<>() {
            @Override public String toString(Schedule s) { return s == null ? "" : s.cliName(); }
            @Override public Schedule fromString(String s) { return Schedule.fromName(s); }
        });
        schedule.valueProperty().bindBidirectional(model.scheduleProperty());
        schedule.setTooltip(new Tooltip("How the MoE layers run: reordered = expert by expert over token queues (M3ViT); "
                + "naive-resident = token order with every expert on chip; naive-refetch = token order, experts re-loaded per token"));
        ToggleButton compare = new ToggleButton("Compare schedules");
        compare.setId("hw-compare");
        compare.selectedProperty().bindBidirectional(model.compareProperty());
        compare.setTooltip(new Tooltip("Show every schedule one above the other, on the same time and memory scale"));
        CheckBox heads = new CheckBox("Task heads");
        heads.selectedProperty().bindBidirectional(model.includeHeadsProperty());
        heads.setTooltip(new Tooltip("Also simulate each task's head (our own conv-as-linear model; Edge-MoE does not describe heads)"));
        CheckBox sequence = new CheckBox("Task-switch sequence");
        sequence.setId("hw-sequence-toggle");
        sequence.selectedProperty().bindBidirectional(model.useSequenceProperty());
        sequence.setTooltip(new Tooltip("Simulate the sequence built under Setup (e.g. semseg -> depth -> normals -> semseg) instead of the explorer's task alone"));
        Button reset = new Button("Zoom to fit");
        reset.setOnAction(e -> axis.reset(axis.totalProperty().get()));
        Button export = new Button("Export...");
        export.setId("hw-export");
        export.setTooltip(new Tooltip("Events CSV, summary JSON, memory and bandwidth CSV, Chrome trace (Perfetto) and a PNG, into a folder"));
        export.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Export the hardware simulation to a folder");
            java.io.File dir = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir == null) return;
            try {
                List<Path> files = exportTo(dir.toPath(), "hardware");
                model.showStatus("wrote " + files.size() + " files to " + dir);
            } catch (IOException | RuntimeException ex) {
                model.showStatus("export failed: " + ex.getMessage());
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty().and(showing));
        status.setId("hw-status");
        toolbar.getChildren().addAll(new Label("Schedule"), schedule, compare, sequence, heads, reset, export, busy, status);
        toolbar.setPadding(new Insets(4));
        return toolbar;
    }

    private Node timelineContent() {
        Label caption = caption("Each lane is one unit of the accelerator; a bar is one operation on it (hover for cycles, bytes, "
                + "tokens; Ctrl+wheel zooms, drag pans). Weight DDR loads weights into the two on-chip ping-pong buffers while the "
                + "linear unit computes from the other one. Expert work has the expert's colour, as in the routing views. Thin "
                + "lines mark transformer blocks, orange lines task switches, the red line the routing animation's MoE layer "
                + "(white outlines: the expert loading and the expert computing there). Below: on-chip memory stacked by buffer, "
                + "and DDR bandwidth against its ceiling. Reordered keeps memory flat because only two experts' weights are on "
                + "chip at any time, whatever E; a task switch only loads another gate matrix.");
        Label assumptions = caption(ASSUMPTIONS);
        summary.setHgap(10);
        summary.setVgap(2);
        summary.setId("hw-summary");
        // the timeline first: on a 700 px high screen the explanation would push it out of sight
        Label hint = caption("Hover a bar for cycles, bytes and tokens; Ctrl+wheel zooms, drag pans. How to read the lanes: below the summary.");
        VBox box = new VBox(6, hint, tracks, summary, caption, assumptions);
        box.setPadding(new Insets(4));
        return box;
    }

    private Node sweepContent() {
        ChoiceBox<HardwarePanelModel.SweepAxis> vary = new ChoiceBox<>();
        vary.getItems().setAll(HardwarePanelModel.SweepAxis.values());
        vary.setId("hw-sweep-axis");
        vary.setConverter(new StringConverter<>() {
            @Override public String toString(HardwarePanelModel.SweepAxis a) {
                return a == null ? "" : a == HardwarePanelModel.SweepAxis.EXPERTS ? "experts E (4 .. 128)" : "top-k (1 .. 8)";
            }
            @Override public HardwarePanelModel.SweepAxis fromString(String s) { return null; }
        });
        vary.valueProperty().bindBidirectional(model.sweepAxisProperty());
        VBox box = new VBox(4, new FlowPane(6, 4, new Label("Vary"), vary), sweepView());
        VBox.setVgrow(sweepView(), Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private Node setupContent(ObservableList<String> tasks) {
        SequenceEditor seq = new SequenceEditor(model, tasks);
        HardwareSheet sheet = new HardwareSheet(model);
        sheet.setPrefHeight(520);
        VBox box = new VBox(10, new Label("Task-switch sequence"), seq, new Label("Hardware"), sheet);
        box.setPadding(new Insets(4));
        return box;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hw-caption");
        l.setTextFill(Color.web("#444"));
        return l;
    }

    private void rebuild() {
        stale = false;
        SimRuns r = model.runsProperty().get();
        if (r == null) {
            tracks.getChildren().clear();
            shown.clear();
            summary.getChildren().clear();
            tracks.getChildren().add(new Label("No simulation yet: " + model.statusProperty().get()));
            return;
        }
        double total = model.compareProperty().get() ? r.maxCycles() : r.primary().totals().cycles();
        if (Math.abs(axis.totalProperty().get() - total) > 0.5) axis.resize(total);
        List<Schedule> order = new ArrayList<>();
        if (model.compareProperty().get()) {
            for (Schedule s : Schedule.values()) if (r.results().containsKey(s)) order.add(s);
        } else {
            order.add(r.selected());
        }
        long scale = model.compareProperty().get() ? r.maxPeakOnChip() : 0;
        // the same schedules as on screen (a task switch, another image): the views take the new results in place, so
        // that no node is made and styled anew in the switch's frame
        if (!shown.stream().map(Track::schedule).toList().equals(order)) {
            tracks.getChildren().clear();
            shown.clear();
            for (Schedule s : order) shown.add(newTrack(s, order.size() > 1));
        }
        for (Track t : shown) {
            SimResult res = r.results().get(t.schedule());
            t.timeline().setResult(res);
            t.memory().setResult(res, scale);
            t.title().setText(t.schedule().cliName() + (t.schedule() == r.selected() ? "  (selected)" : "") + ": "
                    + TimeFormat.us(res.hardware().cyclesToUs(res.totals().cycles())) + ", peak on-chip "
                    + TimeFormat.bytes(res.totals().peakOnChipBytes()));
        }
        moveCursor();
        fillSummary(r);
    }

    /** A schedule's title, timeline and memory chart, added to the tracks; {@code stacked}: one of several one above the other. */
    private Track newTrack(Schedule s, boolean stacked) {
        Label title = new Label();
        title.setStyle("-fx-font-weight: bold");
        TimelineView tl = new TimelineView(axis);
        MemoryChartView mem = new MemoryChartView(axis);
        if (stacked) { // three schedules one above the other fit a 900 px window without scrolling
            tl.setPrefHeight(112);
            mem.setPrefHeight(76);
        }
        tracks.getChildren().addAll(title, tl, mem);
        return new Track(s, title, tl, mem);
    }

    private void moveCursor() {
        for (Track t : shown) t.timeline().setCursor(model.cursorFor(t.timeline().result()));
    }

    private void fillSummary(SimRuns r) {
        List<SummaryText.Row> rows = SummaryText.rows(r);
        List<Node> cells = summary.getChildren();
        boolean sameRows = cells.size() == 2 * rows.size();
        for (int i = 0; sameRows && i < rows.size(); i++) sameRows = ((Label) cells.get(2 * i)).getText().equals(rows.get(i).label());
        if (sameRows) { // only the values changed: set them in place instead of making and styling new labels
            for (int i = 0; i < rows.size(); i++) ((Label) cells.get(2 * i + 1)).setText(rows.get(i).value());
            return;
        }
        cells.clear();
        int row = 0;
        for (SummaryText.Row line : rows) {
            Label k = new Label(line.label());
            k.setStyle("-fx-font-weight: bold");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label v = new Label(line.value());
            v.setWrapText(true);
            GridPane.setHgrow(v, Priority.ALWAYS);
            summary.addRow(row++, k, v);
        }
    }

    /**
     * Writes the selected schedule's simulation (events CSV, summary JSON, memory and bandwidth CSV,
     * Chrome trace) and a PNG of the timeline tab into {@code dir}; returns the files. Call on the FX thread.
     */
    public List<Path> exportTo(Path dir, String base) throws IOException {
        SimRuns r = model.runsProperty().get();
        if (r == null) throw new IOException("nothing to export: no simulation yet (" + model.statusProperty().get() + ")");
        if (stale) rebuild();
        List<Path> files = new ArrayList<>(PanelExport.writeAll(r.primary(), dir, base + "-" + r.selected().cliName()));
        Path png = dir.resolve(base + "-" + r.selected().cliName() + ".png");
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        for (Track t : shown) t.timeline().setCursorHidden(true); // the file shows the schedule, not where the animation happened to be
        WritableImage img;
        try {
            img = tracks.snapshot(p, null);
        } finally {
            for (Track t : shown) t.timeline().setCursorHidden(false);
        }
        OutputImages.writePng(SwingFXUtils.fromFXImage(img, null), png);
        files.add(png);
        return files;
    }
}
