package org.m3vit.visualizer.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * A region that is one canvas filling it, redrawn whenever its size changes; subclasses draw in
 * layout pixels ({@link #getWidth()} x {@link #getHeight()}), whatever the {@link PixelDensity}.
 */
public abstract class CanvasRegion extends Region implements PixelDensity {

    protected final Canvas canvas = new Canvas();
    private final Scale shrink = new Scale(1, 1, 0, 0);
    private double density = 1;

    protected CanvasRegion() {
        getChildren().add(canvas);
        canvas.getTransforms().add(shrink);
    }

    @Override
    public void setPixelDensity(double d) {
        if (d == density || !(d > 0)) return;
        density = d;
        shrink.setX(1 / d);
        shrink.setY(1 / d);
        layoutChildren();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth() * density);
        canvas.setHeight(getHeight() * density);
        canvas.getGraphicsContext2D().setTransform(density, 0, 0, density, 0, 0);
        draw();
    }

    // the canvas is as large as the region, times the density: without these the region's preferred size would grow with it
    @Override
    protected double computePrefWidth(double height) { return snappedLeftInset() + canvas.getWidth() / density + snappedRightInset(); }

    @Override
    protected double computePrefHeight(double width) { return snappedTopInset() + canvas.getHeight() / density + snappedBottomInset(); }

    /** Draws everything for the current size and data. */
    protected abstract void draw();
}
