package org.m3vit.visualizer.output;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.legend.ColorBar;
import org.m3vit.visualizer.legend.NormalSphereKey;
import org.m3vit.visualizer.render.OutputImages;
import org.m3vit.visualizer.view.PixelPoint;
import org.m3vit.visualizer.view.Pixels;

import java.util.Locale;

/** Surface normals as RGB = (n + 1) / 2, with a sphere key and the vector under the cursor. */
public class NormalsView extends TaskOutputView {

    private final NormalSphereKey key = new NormalSphereKey(72);
    private final ColorBar errorBar = new ColorBar();
    private float[] normals;
    private float[] angles;
    /** The usual thresholds of surface-normal evaluation (11.25°, 22.5°, 30°), then coarser. */
    private static final double[] ANGLE_EDGES = {0, 11.25, 22.5, 30, 45, 90, 180};

    /** A view for normals task {@code task}. */
    public NormalsView(TaskSpec task) {
        super(task, "surface normals in the camera frame");
        errorCaption.setText("angle error in degrees (bar below)");
        breakdownCaption.setText("share of pixels by angle error");
        Label keyCaption = new Label("Sphere key (camera frame x right, y down, z forward): red = x, green = y,"
                + " blue = z; a surface facing the camera has z < 0.");
        keyCaption.setWrapText(true);
        keyCaption.setStyle("-fx-text-fill: #555;");
        keyCaption.setMinHeight(Region.USE_PREF_SIZE);
        // beside the key when there is room, else below it at the view's width (never cut off)
        keyCaption.prefWidthProperty().bind(Bindings.min(230, widthProperty().subtract(20)));
        FlowPane keyRow = new FlowPane(10, 4, key, keyCaption);
        getChildren().addAll(keyRow, errorBar, metrics);
        errorBar.setManaged(false);
        errorBar.setVisible(false);
    }

    @Override
    protected boolean hasTruth(GroundTruth gt) { return gt.normals() != null; }

    @Override
    protected void render() {
        int w = output.width(), h = output.height(), plane = w * h;
        normals = output.unitNormals();
        prediction.imageProperty().set(Pixels.toImage(OutputImages.normalsArgb(normals, w, h), w, h));
        boolean gt = showsTruth();
        errorBar.setVisible(gt);
        errorBar.setManaged(gt);
        if (gt) {
            truth.imageProperty().set(Pixels.toImage(OutputImages.normalsArgb(groundTruth.normals(), w, h), w, h));
            angles = ErrorMaps.angularErrorDegrees(normals, groundTruth.normals(), plane);
            error.imageProperty().set(Pixels.toImage(OutputImages.scalarArgb(angles, w, h, ColorMap.MAGMA, 0, 90), w, h));
            errorBar.set(ColorMap.MAGMA, 0, 90, "degrees");
            showErrorHistogram(angles, ANGLE_EDGES, "°", ColorMap.MAGMA, 90);
        }
    }

    @Override
    protected String describe(PixelPoint p) {
        int i = index(p), plane = output.width() * output.height();
        double x = normals[i], y = normals[plane + i], z = normals[2 * plane + i];
        key.mark(new double[] {x, y, z});
        String s = String.format(Locale.ROOT, "n = (%+.2f, %+.2f, %+.2f)", x, y, z);
        if (showsTruth()) {
            float[] g = groundTruth.normals();
            s += String.format(Locale.ROOT, "   (ground truth (%+.2f, %+.2f, %+.2f), %.0f° off)",
                    g[i], g[plane + i], g[2 * plane + i], angles[i]);
        }
        return s;
    }

    @Override
    protected void onHover(PixelPoint p) {
        if (p == null) key.mark(null);
        super.onHover(p);
    }
}
