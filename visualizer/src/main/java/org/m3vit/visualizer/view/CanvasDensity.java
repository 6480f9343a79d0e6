package org.m3vit.visualizer.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.transform.Scale;

/** The {@link PixelDensity} of one canvas: it is sized in canvas pixels, draws in layout pixels, and is shown shrunk to its layout size. */
final class CanvasDensity {

    private final Canvas canvas;
    private final Scale shrink = new Scale(1, 1, 0, 0);
    private double density = 1;

    CanvasDensity(Canvas canvas) {
        this.canvas = canvas;
        canvas.getTransforms().add(shrink);
    }

    /** Canvas pixels per layout pixel. */
    double get() { return density; }

    /** Sets the density; true when it changed (the owner then lays out and draws again). */
    boolean set(double d) {
        if (d == density || !(d > 0)) return false;
        density = d;
        shrink.setX(1 / d);
        shrink.setY(1 / d);
        return true;
    }

    /** Gives the canvas {@code width x height} layout pixels at the density; true when its size changed. */
    boolean size(double width, double height) {
        double w = Math.max(0, width * density), h = Math.max(0, height * density);
        boolean changed = canvas.getWidth() != w || canvas.getHeight() != h;
        canvas.setWidth(w);
        canvas.setHeight(h);
        scaleDrawing();
        return changed;
    }

    /** Makes the canvas' drawing commands take layout pixels. */
    void scaleDrawing() { canvas.getGraphicsContext2D().setTransform(density, 0, 0, density, 0, 0); }
}
