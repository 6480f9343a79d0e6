package org.m3vit.visualizer;

import javafx.scene.paint.Color;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;

/**
 * Colours of segmentation classes: the synthetic scenes' own colours when the task's labels are
 * the scene classes, otherwise well-separated hues from the golden-angle sequence.
 */
public final class ClassPalette {

    private final Color[] colors;

    private ClassPalette(Color[] colors) {
        this.colors = colors;
    }

    /** The palette for a segmentation task. */
    public static ClassPalette forTask(TaskSpec task) {
        Color[] c = new Color[task.channels()];
        boolean scene = task.labels().equals(SceneClass.labels());
        for (int i = 0; i < c.length; i++) {
            if (scene) {
                int rgb = SceneClass.values()[i].rgb();
                c[i] = Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
            } else {
                double hue = (i * 137.50776) % 360.0;
                c[i] = Color.hsb(hue, 0.65, i % 2 == 0 ? 0.95 : 0.75);
            }
        }
        return new ClassPalette(c);
    }

    /** Colour of class {@code k}. */
    public Color color(int k) { return colors[k]; }

    /** Number of classes. */
    public int size() { return colors.length; }
}
