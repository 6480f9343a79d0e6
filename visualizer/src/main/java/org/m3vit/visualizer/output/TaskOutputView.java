package org.m3vit.visualizer.output;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.legend.BarChart;
import org.m3vit.visualizer.view.ImageCanvas;
import org.m3vit.visualizer.view.PictureGrid;
import org.m3vit.visualizer.view.PixelPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The view of one task's output: the prediction, and where ground truth exists the truth and an
 * error map beside it, a legend, a readout of the value under the cursor and per-image metrics.
 * Subclasses decide the colouring, the legend and the readout.
 */
public abstract class TaskOutputView extends VBox {

    protected final TaskSpec task;
    protected final ImageCanvas prediction = new ImageCanvas();
    protected final ImageCanvas truth = new ImageCanvas();
    protected final ImageCanvas error = new ImageCanvas();
    protected final Label readout = new Label(" ");
    protected final Label metrics = new Label();
    protected final FlowPane controls = new FlowPane(8, 4);
    private final VBox predBox;
    private final VBox truthBox;
    private final GridPane pictures = new GridPane();
    private int arrangedColumns = -1;
    private boolean truthShown;
    private boolean compact;
    private final VBox errorBox;
    protected final Label errorCaption = new Label("error");
    /** The fourth picture beside the error map: a per-class or per-error-range breakdown of this image. */
    protected final BarChart breakdown = new BarChart();
    protected final Label breakdownCaption = new Label("breakdown");
    private final VBox breakdownBox;
    private final Label title = new Label();
    private final String subtitle;
    protected TaskOutput output;
    protected Image input;
    protected GroundTruth groundTruth;

    protected TaskOutputView(TaskSpec task, String subtitle) {
        super(6);
        this.task = task;
        setId("output-" + task.name());
        getStyleClass().add("task-output");
        setPadding(new Insets(6));
        this.subtitle = subtitle;
        title.setText(task.name() + "  ·  " + subtitle);
        title.setId("title-" + task.name());
        title.getStyleClass().add("view-title");
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPrefWrapLength(180);
        readout.setId("readout-" + task.name());
        readout.getStyleClass().add("readout");
        readout.setWrapText(true);
        readout.setMinHeight(Region.USE_PREF_SIZE);
        setMinWidth(0);
        metrics.setId("metrics-" + task.name());
        metrics.setWrapText(true);
        predBox = captioned("prediction", prediction);
        truthBox = captioned("ground truth", truth);
        errorBox = captioned(null, error);
        errorBox.getChildren().add(0, errorCaption);
        breakdownBox = new VBox(2, breakdownCaption, breakdown);
        VBox.setVgrow(breakdown, Priority.ALWAYS);
        GridPane.setHgrow(breakdownBox, Priority.ALWAYS);
        GridPane.setVgrow(breakdownBox, Priority.ALWAYS);
        breakdown.setId("breakdown-" + task.name());
        for (Label l : new Label[] {errorCaption, breakdownCaption}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        pictures.setHgap(8);
        pictures.setVgap(6);
        VBox.setVgrow(pictures, Priority.ALWAYS);
        widthProperty().addListener(o -> arrange());
        heightProperty().addListener(o -> arrange());
        widthProperty().addListener(o -> fitRows());
        heightProperty().addListener(o -> fitRows());
        prediction.imageProperty().addListener(o -> fitRows());
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        controls.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(title, controls, readout, pictures);
        for (ImageCanvas c : new ImageCanvas[] {prediction, truth, error}) {
            c.smoothBaseProperty().set(false);
            c.hoveredProperty().addListener((o, a, p) -> onHover(p));
        }
        setGroundTruthVisible(false);
    }

    private static VBox captioned(String caption, ImageCanvas canvas) {
        VBox box = new VBox(2);
        if (caption != null) box.getChildren().add(new Label(caption));
        box.getChildren().add(canvas);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        GridPane.setHgrow(box, Priority.ALWAYS);
        GridPane.setVgrow(box, Priority.ALWAYS);
        canvas.setMinSize(40, 40);
        canvas.setPrefSize(160, 128);
        canvas.setAlignTop(true);
        return box;
    }

    /**
     * With several pictures, each row is as tall as a picture of the column's width needs (plus
     * its caption), at most its share of the height: the spare height goes below the pictures
     * instead of between their rows.
     */
    private void fitRows() {
        List<RowConstraints> rows = pictures.getRowConstraints();
        if (!(truthShown && !compact) || rows.isEmpty()) {
            pictures.setMaxHeight(Double.MAX_VALUE);
            return;
        }
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        if (width <= 0) return;
        double columnWidth = (width - pictures.getHgap() * (arrangedColumns - 1)) / arrangedColumns;
        double share = (heightForPictures(width) - pictures.getVgap() * (rows.size() - 1)) / rows.size();
        double height = Math.max(40, Math.min(share, captionHeight() + columnWidth * pictureAspect()));
        for (RowConstraints rc : rows) {
            if (Math.abs(rc.getPrefHeight() - height) > 0.5) {
                rc.setPrefHeight(height);
                rc.setMaxHeight(height);
            }
        }
        // no taller than its rows: the legend and metrics follow right under the pictures
        pictures.setMaxHeight(rows.size() * height + pictures.getVgap() * (rows.size() - 1));
    }

    /** The height the other rows of the view leave for the pictures at {@code width}. */
    private double heightForPictures(double width) {
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        for (javafx.scene.Node n : getChildren()) {
            if (n != pictures && n.isManaged()) height -= n.prefHeight(width) + getSpacing();
        }
        return height;
    }

    private double pictureAspect() {
        Image shown = prediction.imageProperty().get();
        return shown == null || shown.getWidth() <= 0 ? 0.8 : shown.getHeight() / shown.getWidth();
    }

    private double captionHeight() {
        return Math.max(18, predBox.getChildren().get(0).getLayoutBounds().getHeight() + predBox.getSpacing());
    }

    /** The columns that draw the four pictures largest in the space the other rows leave (2 x 2, a row of 4, or a column). */
    private int bestColumns() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = heightForPictures(width);
        if (width <= 0 || height <= 0) return 2;
        return PictureGrid.best(4, width, height, pictureAspect(), captionHeight(), pictures.getHgap(), pictures.getVgap(), 2, 4, 1).columns();
    }

    /**
     * Prediction alone; with ground truth, prediction, truth, error map and breakdown in the grid
     * ({@link PictureGrid}) that draws them largest: 2 x 2, a row of four on a wide panel, or a
     * column of four on a tall one.
     */
    private void arrange() {
        boolean withTruth = truthShown && !compact;
        int columns = withTruth ? bestColumns() : 1;
        if (columns == arrangedColumns) return;
        arrangedColumns = columns;
        pictures.getChildren().clear();
        pictures.getColumnConstraints().clear();
        pictures.getRowConstraints().clear();
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            pictures.getColumnConstraints().add(cc);
        }
        List<VBox> cells = withTruth ? List.of(predBox, truthBox, errorBox, breakdownBox) : List.of(predBox);
        int rows = (cells.size() + columns - 1) / columns;
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            if (!withTruth) rc.setPercentHeight(100);
            else rc.setMinHeight(40);
            pictures.getRowConstraints().add(rc);
        }
        fitRows();
        for (int i = 0; i < cells.size(); i++) pictures.add(cells.get(i), i % columns, i / columns);
    }

    /**
     * Fills the breakdown with the share of pixels whose error falls in each bin of {@code edges}
     * (labels like "0.5-1 m", the last "≥ 2 m"), each bar in the error map's colour at the bin's middle (at most 90 % up the map).
     */
    protected void showErrorHistogram(float[] errors, double[] edges, String unit, ColorMap map, double mapMax) {
        double[] share = ErrorMaps.histogram(errors, edges);
        List<BarChart.Bar> bars = new ArrayList<>();
        double max = 0;
        for (int k = 0; k < share.length; k++) {
            boolean last = k == share.length - 1;
            String label = last ? "≥ " + number(edges[k]) + unit : number(edges[k]) + "-" + number(edges[k + 1]) + unit;
            double mid = last ? edges[k] : (edges[k] + edges[k + 1]) / 2;
            int argb = map.argb(Math.min(0.9, mid / mapMax)); // the map's palest end would vanish on the grey track
            bars.add(new BarChart.Bar(label, share[k], String.format(Locale.ROOT, "%.1f %%", 100 * share[k]),
                    javafx.scene.paint.Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF)));
            max = Math.max(max, share[k]);
        }
        breakdown.set(bars, max);
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The breakdown chart beside the error map (tests read its bars). */
    public BarChart breakdownChart() { return breakdown; }

    private void setGroundTruthVisible(boolean visible) {
        // re-arranged only when it changes: arranging takes the pictures out of the grid and puts them back (styled again)
        if (visible != truthShown || arrangedColumns < 0) {
            truthShown = visible;
            arrangedColumns = -1;
            arrange();
        }
        for (VBox b : new VBox[] {truthBox, errorBox, breakdownBox}) {
            b.setVisible(visible);
            b.setManaged(visible);
        }
        metrics.setVisible(visible && !compact);
        metrics.setManaged(visible && !compact);
    }

    /**
     * Compact: the prediction only, without ground truth, error map and metrics (for "all tasks"
     * side by side, where space is short).
     */
    public void setCompact(boolean compact) {
        if (this.compact == compact) return;
        this.compact = compact;
        // side by side every column starts with a one-line title and its picture, so the pictures line up
        title.setText(compact ? task.name() : task.name() + "  ·  " + subtitle);
        title.setTooltip(compact ? new javafx.scene.control.Tooltip(subtitle) : null);
        title.setWrapText(!compact);
        controls.setVisible(!compact);
        controls.setManaged(!compact);
        arrangedColumns = -1; // compact or not: another grid
        setGroundTruthVisible(truthShown);
        fitPrediction();
        if (output != null) render();
    }

    /**
     * Compact: the prediction is exactly as high as the picture at the view's width, so the legend
     * follows right under it instead of at the bottom of a tall empty cell.
     */
    private void fitPrediction() {
        boolean fit = compact && output != null && output.width() > 0;
        VBox.setVgrow(pictures, fit ? Priority.NEVER : Priority.ALWAYS);
        prediction.prefHeightProperty().unbind();
        if (fit) {
            // from the view's own width (set by its column), not the canvas's, which lags one layout behind
            prediction.prefHeightProperty().bind(widthProperty().subtract(snappedLeftInset() + snappedRightInset())
                    .multiply((double) output.height() / output.width()));
        } else {
            prediction.setPrefHeight(128);
        }
    }

    /** True when the ground truth, error map and metrics are on screen (truth exists, not compact). */
    protected boolean showsTruth() { return groundTruth != null && !compact; }

    /** The task shown. */
    public TaskSpec task() { return task; }

    /** The prediction picture (for snapshots and tests). */
    public ImageCanvas predictionCanvas() { return prediction; }

    /** The text under the cursor, e.g. "depth 2.41 m". */
    public Label readout() { return readout; }

    /**
     * Shows {@code out} for the image {@code input} (at model size); {@code gt} and
     * {@code metricsText} may be null when there is no ground truth.
     */
    public void show(TaskOutput out, Image input, GroundTruth gt, String metricsText) {
        this.output = out;
        this.input = input;
        this.groundTruth = gt != null && hasTruth(gt) ? gt : null;
        setGroundTruthVisible(groundTruth != null);
        fitPrediction();
        metrics.setText(metricsText == null ? "" : metricsText);
        render();
        readout.setText(" ");
    }

    /** Draws the current output again (after a setting changed). */
    protected abstract void render();

    /** True when {@code gt} has the part this task needs. */
    protected abstract boolean hasTruth(GroundTruth gt);

    /** The readout text for pixel {@code p} of the output. */
    protected abstract String describe(PixelPoint p);

    /** Called with the hovered pixel (null when outside); updates the readout. */
    protected void onHover(PixelPoint p) {
        if (output == null) return;
        readout.setText(p == null ? " " : "x " + p.x() + ", y " + p.y() + ":  " + describe(p));
    }

    /** Row-major index of pixel p in the output. */
    protected int index(PixelPoint p) { return p.y() * output.width() + p.x(); }
}
