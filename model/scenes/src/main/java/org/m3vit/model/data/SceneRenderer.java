package org.m3vit.model.data;

/**
 * Renders synthetic indoor scenes with exact per-pixel labels: RGB, class, metric z-depth and
 * camera-frame normals (conventions in {@link RenderedScene}). {@link #render(long, int, int)} is a
 * pure function of its arguments: the same seed and size always give identical arrays, on any
 * thread and JVM, and different seeds give different rooms, furniture, materials, lights and views.
 * An instance holds no mutable state and may be shared between threads.
 */
public final class SceneRenderer {

    /** Version of the renderer's output; bump when the same seed starts to give different images. */
    public static final String VERSION = "2";

    private static final double[][] SUBPIXELS = {{-0.25, -0.25}, {0.25, -0.25}, {-0.25, 0.25}, {0.25, 0.25}};
    private static final float[] SRGB = srgbTable(4096);

    /** Side of the screen tiles that share one list of candidate objects, in pixels. */
    private static final int TILE = 8;

    private final boolean antiAlias;

    /** A renderer with anti-aliasing of object edges on. */
    public SceneRenderer() {
        this(true);
    }

    /**
     * @param antiAlias if true, RGB pixels on object boundaries are the mean of 4 sub-pixel samples;
     *                  labels, depth and normals always come from the pixel centre
     */
    public SceneRenderer(boolean antiAlias) {
        this.antiAlias = antiAlias;
    }

    /** The scene of {@code seed} (see {@link SceneGenerator}), rendered at height x width pixels. */
    public RenderedScene render(long seed, int height, int width) {
        return render(SceneGenerator.generate(seed), height, width);
    }

    /** Renders a given scene at height x width pixels. */
    public RenderedScene render(Scene scene, int height, int width) {
        if (height <= 0 || width <= 0) throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        int np = height * width;
        RayCaster rc = new RayCaster(scene);
        double[] r = rc.right(), dn = rc.down(), f = rc.forward();
        double focal = scene.camera().focalPixels(width);
        rc.prepareCamera(width, height, focal, TILE);
        double cx = width / 2.0, cy = height / 2.0;
        int[] labels = new int[np];
        int[] ids = new int[np];
        float[] depth = new float[np];
        float[] normals = new float[3 * np];
        float[] linear = new float[3 * np];
        double[] c = new double[3];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5 - cy) / focal;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5 - cx) / focal;
                // forward component 1: the ray parameter t is the z-depth
                double dx = f[0] + u * r[0] + v * dn[0];
                double dy = f[1] + u * r[1] + v * dn[1];
                double dz = f[2] + u * r[2] + v * dn[2];
                rc.trace(dx, dy, dz, rc.tileOf(x, y));
                int i = y * width + x;
                labels[i] = rc.hitClass.ordinal();
                ids[i] = rc.hitId;
                depth[i] = (float) rc.hitT;
                normals[i] = (float) (rc.hnx * r[0] + rc.hny * r[1] + rc.hnz * r[2]);
                normals[np + i] = (float) (rc.hnx * dn[0] + rc.hny * dn[1] + rc.hnz * dn[2]);
                normals[2 * np + i] = (float) (rc.hnx * f[0] + rc.hny * f[1] + rc.hnz * f[2]);
                rc.shade(dx, dy, dz, c);
                linear[3 * i] = (float) c[0];
                linear[3 * i + 1] = (float) c[1];
                linear[3 * i + 2] = (float) c[2];
            }
        }
        if (antiAlias) smoothEdges(rc, ids, linear, height, width, focal, r, dn, f);
        return new RenderedScene(height, width, toneMap(linear, np), labels, depth, normals, scene);
    }

    /**
     * Replaces the colour of pixels whose 4-neighbours show another surface by the mean of 4
     * sub-pixel samples; samples that land on the centre's surface reuse the centre's colour.
     */
    private static void smoothEdges(RayCaster rc, int[] ids, float[] linear, int height, int width, double focal,
                                    double[] r, double[] dn, double[] f) {
        double cx = width / 2.0, cy = height / 2.0;
        double[] c = new double[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x, id = ids[i];
                boolean edge = (x > 0 && ids[i - 1] != id) || (x + 1 < width && ids[i + 1] != id)
                        || (y > 0 && ids[i - width] != id) || (y + 1 < height && ids[i + width] != id);
                if (!edge) continue;
                double sr = 0, sg = 0, sb = 0;
                for (double[] s : SUBPIXELS) {
                    double u = (x + 0.5 + s[0] - cx) / focal, v = (y + 0.5 + s[1] - cy) / focal;
                    double dx = f[0] + u * r[0] + v * dn[0];
                    double dy = f[1] + u * r[1] + v * dn[1];
                    double dz = f[2] + u * r[2] + v * dn[2];
                    rc.trace(dx, dy, dz, rc.tileOf(x, y));
                    if (rc.hitId == id) {
                        // same surface as the centre: its colour differs only by texture detail
                        sr += linear[3 * i]; sg += linear[3 * i + 1]; sb += linear[3 * i + 2];
                        continue;
                    }
                    rc.shade(dx, dy, dz, c);
                    sr += c[0]; sg += c[1]; sb += c[2];
                }
                linear[3 * i] = (float) (sr / 4);
                linear[3 * i + 1] = (float) (sg / 4);
                linear[3 * i + 2] = (float) (sb / 4);
            }
        }
    }

    /**
     * Exposure so that the mean luminance lands at mid-grey, a soft shoulder for highlights, then
     * the sRGB transfer curve and 8-bit quantisation.
     */
    private static int[] toneMap(float[] linear, int np) {
        double sum = 0;
        for (int i = 0; i < np; i++) {
            sum += 0.2126 * linear[3 * i] + 0.7152 * linear[3 * i + 1] + 0.0722 * linear[3 * i + 2];
        }
        double mean = Math.max(sum / np, 1e-6);
        double exposure = 0.3 / mean;
        int[] rgb = new int[np];
        for (int i = 0; i < np; i++) {
            int pr = encode(linear[3 * i] * exposure);
            int pg = encode(linear[3 * i + 1] * exposure);
            int pb = encode(linear[3 * i + 2] * exposure);
            rgb[i] = 0xFF000000 | (pr << 16) | (pg << 8) | pb;
        }
        return rgb;
    }

    private static int encode(double x) {
        double y = x * (1 + x / 4) / (1 + x);
        int k = (int) (Math.min(Math.max(y, 0), 1) * (SRGB.length - 1) + 0.5);
        return (int) (SRGB[k] * 255 + 0.5);
    }

    private static float[] srgbTable(int n) {
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            double v = i / (double) (n - 1);
            t[i] = (float) (v <= 0.0031308 ? 12.92 * v : 1.055 * StrictMath.pow(v, 1 / 2.4) - 0.055);
        }
        return t;
    }
}
