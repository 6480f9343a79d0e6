package org.m3vit.visualizer.view;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * How much larger than normal a window draws its canvas text (1 normally; presentation mode sets
 * it on the scene's root, as CSS sets its type larger): canvases cannot follow a CSS font size, so
 * {@link CanvasRegion#font} multiplies by this.
 */
public final class TextScale {

    /** Key of the scale in the scene root's properties. */
    public static final String KEY = "m3vit.textScale";

    private TextScale() { }

    /** The scale of the scene {@code node} is in; 1 outside a scene or when none is set. */
    public static double of(Node node) {
        Scene s = node.getScene();
        if (s == null || s.getRoot() == null) return 1;
        return s.getRoot().getProperties().get(KEY) instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : 1;
    }

    /** Sets the scale of the scene whose root is {@code root}; its canvases redraw. */
    public static void set(Parent root, double scale) {
        root.getProperties().put(KEY, scale);
    }
}
