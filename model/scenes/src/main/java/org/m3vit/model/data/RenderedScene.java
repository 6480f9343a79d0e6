package org.m3vit.model.data;

/**
 * One rendered image with exact ground truth for every pixel, all row-major (index y * width + x):
 * <ul>
 *   <li>{@code rgb}: 0xFFRRGGBB per pixel (sRGB, 8 bits per channel);</li>
 *   <li>{@code labels}: the {@link SceneClass} ordinal of the surface seen through the pixel centre;</li>
 *   <li>{@code depth}: z-depth in metres, the distance along the camera's forward axis (as NYUD depth,
 *       not the length of the ray);</li>
 *   <li>{@code normals}: unit surface normals in the camera frame (x right, y down, z forward), stored
 *       channel-major (3 x H x W: all x, then all y, then all z), pointing to the camera side
 *       (n · ray &lt; 0, so a wall straight ahead has (0, 0, -1));</li>
 *   <li>{@code scene}: the description it was rendered from.</li>
 * </ul>
 * The arrays are owned by the record; callers must not change them.
 */
public record RenderedScene(int height, int width, int[] rgb, int[] labels, float[] depth, float[] normals, Scene scene) {

    public RenderedScene {
        int n = height * width;
        if (rgb.length != n || labels.length != n || depth.length != n || normals.length != 3 * n) {
            throw new IllegalArgumentException("rendered arrays do not match " + height + "x" + width);
        }
    }

    /** Class label at pixel (x, y). */
    public int label(int x, int y) { return labels[y * width + x]; }

    /** Depth in metres at pixel (x, y). */
    public float depth(int x, int y) { return depth[y * width + x]; }

    /** Component {@code c} (0 = x right, 1 = y down, 2 = z forward) of the normal at pixel (x, y). */
    public float normal(int c, int x, int y) { return normals[(c * height + y) * width + x]; }

    /** Packed 0xFFRRGGBB colour at pixel (x, y). */
    public int rgb(int x, int y) { return rgb[y * width + x]; }

    /** Number of pixels of each class, indexed by label. */
    public int[] classHistogram() {
        int[] h = new int[SceneClass.values().length];
        for (int l : labels) h[l]++;
        return h;
    }
}
