package org.m3vit.model.data;

/** Running class statistics over rendered scenes: pixel counts and the number of scenes showing each class. */
public final class ClassFrequency {

    private final long[] pixels = new long[SceneClass.values().length];
    private final int[] scenesWith = new int[SceneClass.values().length];
    private long totalPixels;
    private int scenes;

    /** Adds one scene. */
    public void add(RenderedScene s) {
        int[] h = s.classHistogram();
        for (int k = 0; k < h.length; k++) {
            pixels[k] += h[k];
            if (h[k] > 0) scenesWith[k]++;
        }
        totalPixels += s.labels().length;
        scenes++;
    }

    /** Share of all pixels that belong to class k, in [0, 1]. */
    public double pixelShare(SceneClass k) {
        return totalPixels == 0 ? 0 : pixels[k.ordinal()] / (double) totalPixels;
    }

    /** Number of scenes in which class k covers at least one pixel. */
    public int scenesWith(SceneClass k) {
        return scenesWith[k.ordinal()];
    }

    /** Number of scenes added. */
    public int scenes() {
        return scenes;
    }

    /** A text table: class, pixel share and scenes showing it. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format("%-3s %-8s %9s %14s%n", "id", "class", "pixels %", "in scenes"));
        for (SceneClass c : SceneClass.values()) {
            b.append(String.format("%-3d %-8s %9.2f %8d / %d%n", c.ordinal(), c.label(), 100 * pixelShare(c), scenesWith(c), scenes));
        }
        return b.toString();
    }
}
