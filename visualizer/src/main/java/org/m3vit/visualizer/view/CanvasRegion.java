package org.m3vit.visualizer.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A region that is one canvas filling it, redrawn whenever its size changes; subclasses draw. */
public abstract class CanvasRegion extends Region {

    protected final Canvas canvas = new Canvas();

    protected CanvasRegion() {
        getChildren().add(canvas);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Draws everything for the current size and data. */
    protected abstract void draw();
}
