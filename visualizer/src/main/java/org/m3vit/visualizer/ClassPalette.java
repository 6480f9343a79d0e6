package org.m3vit.visualizer;

import javafx.scene.paint.Color;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.color.ClassColors;

/**
 * Colours of segmentation classes: the synthetic scenes' own colours when the task's labels are
 * the scene classes, otherwise well-separated hues from the golden-angle sequence
 * (see {@link ClassColors}, which the PNG writer shares).
 */
public final class ClassPalette {

    private final Color[] colors;

    private ClassPalette(Color[] colors) {
        this.colors = colors;
    }

    /** The palette for a segmentation task. */
    public static ClassPalette forTask(TaskSpec task) {
        int[] argb = ClassColors.argb(task);
        Color[] c = new Color[argb.length];
        for (int i = 0; i < c.length; i++) c[i] = Color.rgb((argb[i] >> 16) & 0xFF, (argb[i] >> 8) & 0xFF, argb[i] & 0xFF);
        return new ClassPalette(c);
    }

    /** Colour of class {@code k}. */
    public Color color(int k) { return colors[k]; }

    /** Number of classes. */
    public int size() { return colors.length; }
}
