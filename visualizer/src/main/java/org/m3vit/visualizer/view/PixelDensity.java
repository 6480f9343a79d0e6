package org.m3vit.visualizer.view;

import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * A view drawn on a canvas that can draw more pixels than its layout size. A canvas is a bitmap, so
 * a snapshot taken at 2x would only enlarge it (blurred); set to density 2 first, the view draws
 * twice the pixels in the same layout and the 2x picture stays as sharp as the text around it.
 */
public interface PixelDensity {

    /** Draws {@code density} canvas pixels per layout pixel from now on (1 on screen). */
    void setPixelDensity(double density);

    /** Sets {@code density} on every such view in the scene graph under {@code root} (skins included). */
    static void applyTo(Node root, double density) {
        if (root instanceof PixelDensity v) v.setPixelDensity(density);
        if (root instanceof Parent p) for (Node n : p.getChildrenUnmodifiable()) applyTo(n, density);
    }
}
