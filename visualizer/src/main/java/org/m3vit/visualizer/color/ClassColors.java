package org.m3vit.visualizer.color;

import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;

/**
 * Colours of segmentation classes as 0xAARRGGBB, shared by the JavaFX palette and the PNG
 * writer: the synthetic scenes' own colours when the task's labels are the scene classes,
 * otherwise hues stepped by the golden angle (137.508°) at saturation 0.65, brightness
 * alternating 0.95 / 0.75, so neighbouring labels never look alike.
 */
public final class ClassColors {

    private ClassColors() { }

    /** One opaque ARGB colour per class of {@code task}. */
    public static int[] argb(TaskSpec task) {
        int[] c = new int[task.channels()];
        boolean scene = task.labels().equals(SceneClass.labels());
        for (int k = 0; k < c.length; k++) c[k] = scene ? 0xFF000000 | SceneClass.values()[k].rgb() : goldenAngle(k);
        return c;
    }

    /** The golden-angle colour of class {@code k}. */
    public static int goldenAngle(int k) {
        double hue = (k * 137.50776) % 360.0;
        return 0xFF000000 | java.awt.Color.HSBtoRGB((float) (hue / 360.0), 0.65f, k % 2 == 0 ? 0.95f : 0.75f);
    }
}
