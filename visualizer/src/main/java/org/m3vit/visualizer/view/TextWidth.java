package org.m3vit.visualizer.view;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** The width a text takes in a font, for canvas drawings that choose labels and positions that fit. */
public final class TextWidth {

    private TextWidth() { }

    /** Width of {@code text} drawn in {@code font}, px. */
    public static double of(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
