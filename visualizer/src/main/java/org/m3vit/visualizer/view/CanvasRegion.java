package org.m3vit.visualizer.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A region that is one canvas filling it, redrawn whenever its size changes; subclasses draw in
 * layout pixels ({@link #getWidth()} x {@link #getHeight()}), whatever the {@link PixelDensity}.
 */
public abstract class CanvasRegion extends Region implements PixelDensity {

    protected final Canvas canvas = new Canvas();
    private final CanvasDensity density = new CanvasDensity(canvas);

    protected CanvasRegion() {
        getChildren().add(canvas);
    }

    @Override
    public void setPixelDensity(double d) {
        if (density.set(d)) layoutChildren();
    }

    @Override
    protected void layoutChildren() {
        density.size(getWidth(), getHeight());
        draw();
    }

    // the canvas is as large as the region, times the density: without these the region's preferred size would grow with it
    @Override
    protected double computePrefWidth(double height) { return snappedLeftInset() + canvas.getWidth() / density.get() + snappedRightInset(); }

    @Override
    protected double computePrefHeight(double width) { return snappedTopInset() + canvas.getHeight() / density.get() + snappedBottomInset(); }

    /** Draws everything for the current size and data. */
    protected abstract void draw();
}
