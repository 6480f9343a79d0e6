package org.m3vit.visualizer.routing;

import javafx.scene.paint.Color;

/**
 * Distinct colours for expert ids: the Tableau 10 set's first eight, then eight picked from an HSV
 * grid (lightness L* 40..85, readable on the dark flow view and over images) each as far in CIELAB
 * from all before it as possible, so that no two of the sixteen are closer than Delta E 30; beyond
 * sixteen, golden-angle hues.
 */
public final class ExpertColors {

    private static final String[] FIRST = {
            "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7",
            "#f22424", "#8c584d", "#f2bc85", "#8c6515", "#89bf1d", "#47f224", "#24f28b", "#248bf2"};

    /** {@link #FIRST} parsed once: the flow animation asks for hundreds of colours per frame. */
    private static final Color[] PARSED = java.util.Arrays.stream(FIRST).map(Color::web).toArray(Color[]::new);

    private ExpertColors() { }

    /** The colour of expert {@code e}. */
    public static Color of(int e) {
        if (e >= 0 && e < PARSED.length) return PARSED[e];
        return Color.hsb((e * 137.50776) % 360, 0.6, e % 2 == 0 ? 0.9 : 0.7);
    }

    /** 0xAARRGGBB of expert {@code e}. */
    public static int argb(int e) {
        Color c = of(e);
        return 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    /** Black or white, whichever reads better on the expert's colour. */
    public static Color textOn(int e) {
        Color c = of(e);
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() > 0.55 ? Color.BLACK : Color.WHITE;
    }
}
