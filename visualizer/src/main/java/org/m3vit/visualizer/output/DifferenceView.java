package org.m3vit.visualizer.output;

import javafx.scene.image.Image;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.m3vit.model.TaskKind;
import org.m3vit.model.metrics.OutputDifference;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.legend.ColorBar;
import org.m3vit.visualizer.view.ImageCanvas;
import org.m3vit.visualizer.view.Pixels;

/**
 * Where an output changed: for segmentation the pixels whose class changed in red over the dimmed
 * image; for depth, normals and probabilities the size of the change (|delta| in metres, the angle
 * in degrees) in a colour map from 0 to the largest change, with its colour bar.
 */
public class DifferenceView extends VBox {

    /** A changed class over the image. */
    public static final int CHANGED = 0xF0E53935;
    private static final int UNCHANGED = 0x8C000000;

    private final ImageCanvas canvas = new ImageCanvas();
    private final ColorBar bar = new ColorBar();

    /** An empty view. */
    public DifferenceView() {
        super(4);
        canvas.smoothBaseProperty().set(false);
        canvas.setPrefHeight(180);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        bar.setVisible(false);
        bar.setManaged(false);
        getChildren().addAll(canvas, bar);
    }

    /** The picture (tests read its pixels through {@link #pixels}). */
    public ImageCanvas canvas() { return canvas; }

    /** Shows {@code d} ({@code input} is the image at model size, under a segmentation's changes); null clears it. */
    public void show(OutputDifference d, Image input) {
        if (d == null) {
            canvas.imageProperty().set(null);
            canvas.overlayProperty().set(null);
            bar.setVisible(false);
            bar.setManaged(false);
            return;
        }
        int[] px = pixels(d);
        boolean classes = d.kind() == TaskKind.SEGMENTATION;
        if (classes) {
            canvas.imageProperty().set(input);
            canvas.overlayProperty().set(Pixels.toImage(px, d.width(), d.height()));
        } else {
            canvas.imageProperty().set(Pixels.toImage(px, d.width(), d.height()));
            canvas.overlayProperty().set(null);
            bar.set(ColorMap.INFERNO, 0, d.max() > 0 ? d.max() : 1, switch (d.kind()) {
                case DEPTH -> "|Δ depth| m";
                case NORMALS -> "angle °";
                default -> "|Δ p|";
            });
        }
        bar.setVisible(!classes);
        bar.setManaged(!classes);
    }

    /** The ARGB picture of {@code d}: changed classes red over a dimming veil, or the colour-mapped size of the change. */
    public static int[] pixels(OutputDifference d) {
        float[] v = d.perPixel();
        int[] px = new int[v.length];
        if (d.kind() == TaskKind.SEGMENTATION) {
            for (int i = 0; i < v.length; i++) px[i] = v[i] > 0 ? CHANGED : UNCHANGED;
            return px;
        }
        double hi = d.max() > 0 ? d.max() : 1;
        for (int i = 0; i < v.length; i++) px[i] = ColorMap.INFERNO.argb(Float.isNaN(v[i]) ? 0 : v[i] / hi);
        return px;
    }
}
