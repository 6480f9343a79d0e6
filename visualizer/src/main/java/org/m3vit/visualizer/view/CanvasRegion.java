package org.m3vit.visualizer.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A region that is one canvas filling it, redrawn whenever its size changes; subclasses draw in
 * layout pixels ({@link #getWidth()} x {@link #getHeight()}), whatever the {@link PixelDensity}.
 * A change of the data asks for {@link #requestDraw()}: the drawing happens once, in the next layout
 * pass (or snapshot), however many changes came before it.
 */
public abstract class CanvasRegion extends Region implements PixelDensity {

    protected final Canvas canvas = new Canvas();
    private final CanvasDensity density = new CanvasDensity(canvas);
    private final java.util.List<CanvasDensity> layers = new java.util.ArrayList<>();
    private boolean drawPending = true;
    private int draws;

    private final javafx.collections.MapChangeListener<Object, Object> scaleListener = c -> {
        if (TextScale.KEY.equals(c.getKey())) {
            requestLayout();
            requestDraw();
        }
    };

    protected CanvasRegion() {
        getChildren().add(canvas);
        // redraw when the window's text scale changes (presentation mode), in whichever scene the region is
        sceneProperty().addListener((o, was, now) -> {
            if (was != null && was.getRoot() != null) was.getRoot().getProperties().removeListener(scaleListener);
            if (now != null && now.getRoot() != null) now.getRoot().getProperties().addListener(scaleListener);
        });
    }

    /** The font of {@code size} px at the window's text scale ({@link TextScale}). */
    protected javafx.scene.text.Font font(double size) {
        return javafx.scene.text.Font.font(size * TextScale.of(this));
    }

    /** A font of {@code weight} and {@code size} px at the window's text scale. */
    protected javafx.scene.text.Font font(javafx.scene.text.FontWeight weight, double size) {
        return javafx.scene.text.Font.font(null, weight, size * TextScale.of(this));
    }

    /**
     * A further transparent canvas over the first, the same size and density (for a picture whose
     * moving part is redrawn alone over a still one).
     */
    protected final Canvas addLayer() {
        Canvas c = new Canvas();
        CanvasDensity d = new CanvasDensity(c);
        d.set(density.get());
        layers.add(d);
        c.setMouseTransparent(true);
        getChildren().add(c);
        return c;
    }

    @Override
    public void setPixelDensity(double d) {
        boolean changed = density.set(d);
        for (CanvasDensity l : layers) l.set(d);
        if (changed) layoutChildren();
    }

    @Override
    protected void layoutChildren() {
        boolean resized = density.size(getWidth(), getHeight());
        for (CanvasDensity l : layers) l.size(getWidth(), getHeight());
        if (resized || drawPending) drawNow();
    }

    /**
     * Draws again in the next layout pass: the data changed. Only this region is laid out again (its
     * size does not depend on the drawing); several requests before that pass draw once.
     */
    protected final void requestDraw() {
        if (drawPending) return;
        drawPending = true;
        setNeedsLayout(true);
    }

    /** Draws now (benchmarks, and subclasses that must have the picture at once). */
    protected final void drawNow() {
        drawPending = false;
        draws++;
        draw();
    }

    /** How many times this region has drawn itself (tests check that a change draws once, not per property). */
    public int drawCount() { return draws; }

    // the canvas is as large as the region, times the density: without these the region's preferred size would grow with it
    @Override
    protected double computePrefWidth(double height) { return snappedLeftInset() + canvas.getWidth() / density.get() + snappedRightInset(); }

    @Override
    protected double computePrefHeight(double width) { return snappedTopInset() + canvas.getHeight() / density.get() + snappedBottomInset(); }

    /** Draws everything for the current size and data. */
    protected abstract void draw();
}
