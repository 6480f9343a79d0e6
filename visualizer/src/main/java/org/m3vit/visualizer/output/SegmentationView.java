package org.m3vit.visualizer.output;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.metrics.SegmentationMetrics;
import org.m3vit.visualizer.legend.BarChart;
import org.m3vit.visualizer.ClassPalette;
import org.m3vit.visualizer.legend.ClassLegend;
import org.m3vit.visualizer.render.OutputImages;
import org.m3vit.visualizer.view.PixelPoint;
import org.m3vit.visualizer.view.Pixels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Semantic segmentation: class colours over the image (opacity slider), legend with class names, class under the cursor. */
public class SegmentationView extends TaskOutputView {

    private final ClassPalette palette;
    private final List<String> names = new ArrayList<>();
    private final ClassLegend legend = new ClassLegend();
    private final Slider opacity = new Slider(0, 1, 0.7);
    private int[] classes;

    /** A view for segmentation task {@code task}. */
    public SegmentationView(TaskSpec task) {
        super(task, "semantic segmentation: the class of every pixel");
        palette = ClassPalette.forTask(task);
        List<Color> colors = new ArrayList<>();
        for (int k = 0; k < palette.size(); k++) {
            Color c = palette.color(k);
            colors.add(c);
            names.add(task.labels().isEmpty() ? "class " + k : task.labels().get(k));
        }
        legend.setClasses(names, colors);
        opacity.setId("seg-opacity-" + task.name());
        opacity.setPrefWidth(120);
        opacity.setTooltip(new Tooltip("Opacity of the class colours over the image (0 = image only)"));
        prediction.overlayOpacityProperty().bind(opacity.valueProperty());
        truth.overlayOpacityProperty().bind(opacity.valueProperty());
        Label opacityValue = new Label();
        opacityValue.setId("seg-opacity-value-" + task.name());
        opacityValue.setMinWidth(Region.USE_PREF_SIZE);
        opacityValue.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> Math.round(100 * opacity.getValue()) + " %", opacity.valueProperty()));
        controls.getChildren().addAll(new Label("opacity"), opacity, opacityValue);
        errorCaption.setText("error: red = wrong class, green = right");
        breakdownCaption.setText("IoU per class on this image (classes in truth or prediction)");
        getChildren().addAll(legend, metrics);
    }

    /** The overlay opacity slider. */
    public Slider opacitySlider() { return opacity; }

    @Override
    protected boolean hasTruth(GroundTruth gt) { return gt.classes() != null; }

    @Override
    protected void render() {
        int w = output.width(), h = output.height();
        classes = output.classMap();
        prediction.imageProperty().set(input);
        prediction.overlayProperty().set(Pixels.toImage(OutputImages.segmentationArgb(classes, w, h, task), w, h));
        if (showsTruth()) {
            truth.imageProperty().set(input);
            truth.overlayProperty().set(Pixels.toImage(OutputImages.segmentationArgb(groundTruth.classes(), w, h, task), w, h));
            error.imageProperty().set(Pixels.toImage(ErrorMaps.classErrorPixels(classes, groundTruth.classes()), w, h));
            showClassIoU();
        }
    }

    /** One bar per class present in truth or prediction: its IoU on this image (as in the metrics line). */
    private void showClassIoU() {
        SegmentationMetrics m = new SegmentationMetrics(output.channels(), -1);
        m.add(classes, groundTruth.classes());
        double[] iou = m.classIoU();
        List<BarChart.Bar> bars = new ArrayList<>();
        for (int k = 0; k < iou.length; k++) {
            if (!Double.isNaN(iou[k])) bars.add(new BarChart.Bar(name(k), iou[k], String.format(Locale.ROOT, "%.2f", iou[k]), palette.color(k)));
        }
        breakdown.set(bars, 1);
    }

    @Override
    protected String describe(PixelPoint p) {
        int k = classes[index(p)];
        legend.highlight(k);
        String s = "class " + name(k);
        if (showsTruth()) s += "   (ground truth: " + name(groundTruth.classes()[index(p)]) + ")";
        return s;
    }

    private String name(int k) { return k >= 0 && k < names.size() ? names.get(k) : "unlabelled"; }

    @Override
    protected void onHover(PixelPoint p) {
        if (p == null) legend.highlight(-1);
        super.onHover(p);
    }
}
