package org.m3vit.visualizer.output;

import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.legend.ColorBar;
import org.m3vit.visualizer.render.OutputImages;
import org.m3vit.visualizer.view.PixelPoint;
import org.m3vit.visualizer.view.Pixels;

import java.util.Locale;

/** Depth in metres through a chosen colour map, with a colour bar in metres and the depth under the cursor. */
public class DepthView extends TaskOutputView {

    private final ComboBox<ColorMap> mapChoice = new ComboBox<>(FXCollections.observableArrayList(ColorMap.values()));
    private final ColorBar bar = new ColorBar();
    private final ColorBar errorBar = new ColorBar();
    private final Label errorBarCaption = new Label("|error| in metres, the colours of the error map");
    private float[] depth;
    private float[] err;

    /** A view for depth task {@code task}. */
    public DepthView(TaskSpec task) {
        super(task, "depth in metres");
        mapChoice.setId("depth-map-" + task.name());
        mapChoice.setValue(ColorMap.VIRIDIS);
        mapChoice.setTooltip(new Tooltip("Colour map of the depth picture"));
        mapChoice.valueProperty().addListener(o -> { if (output != null) render(); });
        controls.getChildren().addAll(new Label("colours"), mapChoice);
        errorCaption.setText("|error| in metres (bar below)");
        breakdownCaption.setText("share of pixels by |error|");
        Label barCaption = new Label("depth in metres (near = dark, except grey and turbo)");
        barCaption.setWrapText(true);
        barCaption.setStyle("-fx-text-fill: #555;");
        errorBarCaption.setStyle("-fx-text-fill: #555;");
        getChildren().addAll(bar, barCaption, errorBar, errorBarCaption, metrics);
        for (javafx.scene.Node n : new javafx.scene.Node[] {errorBar, errorBarCaption}) {
            n.setManaged(false);
            n.setVisible(false);
        }
    }

    /** The colour map chooser. */
    public ComboBox<ColorMap> mapChoice() { return mapChoice; }

    @Override
    protected boolean hasTruth(GroundTruth gt) { return gt.depth() != null; }

    @Override
    protected void render() {
        int w = output.width(), h = output.height();
        depth = output.plane(0);
        double[] r = OutputImages.finiteRange(depth);
        if (showsTruth()) {
            double[] t = OutputImages.finiteRange(groundTruth.depth());
            r = new double[] {Math.min(r[0], t[0]), Math.max(r[1], t[1])};
        }
        ColorMap map = mapChoice.getValue();
        prediction.imageProperty().set(Pixels.toImage(OutputImages.scalarArgb(depth, w, h, map, r[0], r[1]), w, h));
        bar.set(map, r[0], r[1], "m");
        boolean gt = showsTruth();
        for (javafx.scene.Node n : new javafx.scene.Node[] {errorBar, errorBarCaption}) {
            n.setVisible(gt);
            n.setManaged(gt);
        }
        if (gt) {
            truth.imageProperty().set(Pixels.toImage(OutputImages.scalarArgb(groundTruth.depth(), w, h, map, r[0], r[1]), w, h));
            err = ErrorMaps.absoluteDepthError(depth, groundTruth.depth());
            double[] er = OutputImages.finiteRange(err);
            error.imageProperty().set(Pixels.toImage(OutputImages.scalarArgb(err, w, h, ColorMap.INFERNO, 0, er[1]), w, h));
            errorBar.set(ColorMap.INFERNO, 0, er[1], "m |error|");
            showErrorHistogram(err, ErrorMaps.niceEdges(er[1], 6), " m", ColorMap.INFERNO, er[1]);
        }
    }

    @Override
    protected String describe(PixelPoint p) {
        float d = depth[index(p)];
        bar.mark(d);
        String s = String.format(Locale.ROOT, "depth %.2f m", d);
        if (showsTruth()) {
            s += String.format(Locale.ROOT, "   (ground truth %.2f m, error %.2f m)", groundTruth.depth()[index(p)], err[index(p)]);
        }
        return s;
    }

    @Override
    protected void onHover(PixelPoint p) {
        if (p == null) bar.mark(Double.NaN);
        super.onHover(p);
    }
}
