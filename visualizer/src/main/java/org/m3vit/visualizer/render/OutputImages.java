package org.m3vit.visualizer.render;

import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.visualizer.color.ClassColors;
import org.m3vit.visualizer.color.ColorMap;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pictures of task outputs as AWT images, for files and the command line (no JavaFX):
 * segmentation in the class colours, depth through a colour map over a range, unit normals as
 * RGB = (n + 1) / 2 * 255, probabilities as grey; and a PNG writer. The {@code *Argb} methods give
 * the same pictures as opaque row-major 0xAARRGGBB pixels, for views that show them without AWT.
 */
public final class OutputImages {

    /** Colour of a label outside the palette, and of a pixel without a value (NaN). */
    public static final int MISSING = 0xFF000000;

    private OutputImages() { }

    /** The picture of a raw head output, post-processed as the reference does; depth uses [min, max] of the output. */
    public static BufferedImage render(TaskOutput output, ColorMap depthMap) {
        int w = output.width(), h = output.height();
        return switch (output.task().kind()) {
            case SEGMENTATION -> segmentation(output.classMap(), w, h, output.task());
            case DEPTH -> {
                float[] d = output.plane(0);
                double[] range = finiteRange(d);
                yield scalar(d, w, h, depthMap, range[0], range[1]);
            }
            case NORMALS -> normals(output.unitNormals(), w, h);
            case PROBABILITY -> probability(output.probabilities(), w, h);
        };
    }

    /** Class labels (row-major) in the task's class colours; labels outside 0..C-1 are black. */
    public static BufferedImage segmentation(int[] classMap, int width, int height, TaskSpec task) {
        return image(segmentationArgb(classMap, width, height, task), width, height);
    }

    /** {@link #segmentation} as pixels. */
    public static int[] segmentationArgb(int[] classMap, int width, int height, TaskSpec task) {
        int[] palette = ClassColors.argb(task);
        int[] px = new int[checked(classMap.length, width, height)];
        for (int i = 0; i < px.length; i++) {
            int k = classMap[i];
            px[i] = k >= 0 && k < palette.length ? 0xFF000000 | palette[k] : MISSING;
        }
        return px;
    }

    /** A scalar plane (depth in metres, ...) through {@code map}, [lo, hi] stretched over the map; NaN is black. */
    public static BufferedImage scalar(float[] values, int width, int height, ColorMap map, double lo, double hi) {
        return image(scalarArgb(values, width, height, map, lo, hi), width, height);
    }

    /** {@link #scalar} as pixels. */
    public static int[] scalarArgb(float[] values, int width, int height, ColorMap map, double lo, double hi) {
        checked(values.length, width, height);
        int[] px = map.apply(values, lo, hi);
        for (int i = 0; i < px.length; i++) px[i] = Float.isNaN(values[i]) ? MISSING : 0xFF000000 | px[i];
        return px;
    }

    /** Unit normals (x plane, y plane, z plane) as RGB = round((n + 1) / 2 * 255), clamped. */
    public static BufferedImage normals(float[] unitNormalsChw, int width, int height) {
        return image(normalsArgb(unitNormalsChw, width, height), width, height);
    }

    /** {@link #normals} as pixels. */
    public static int[] normalsArgb(float[] unitNormalsChw, int width, int height) {
        int plane = checked(unitNormalsChw.length / 3, width, height);
        if (unitNormalsChw.length != 3 * plane) throw new IllegalArgumentException(unitNormalsChw.length + " values are not 3 x " + height + " x " + width);
        int[] px = new int[plane];
        for (int i = 0; i < plane; i++) {
            px[i] = 0xFF000000 | (normalChannel(unitNormalsChw[i]) << 16)
                    | (normalChannel(unitNormalsChw[plane + i]) << 8) | normalChannel(unitNormalsChw[2 * plane + i]);
        }
        return px;
    }

    /** Probabilities in [0, 1] as grey levels 0..255. */
    public static BufferedImage probability(float[] p, int width, int height) {
        return scalar(p, width, height, ColorMap.GREY, 0, 1);
    }

    /** One normal component in [-1, 1] as a 0..255 channel. */
    public static int normalChannel(double v) {
        if (Double.isNaN(v)) return 0;
        return (int) Math.round(Math.max(0, Math.min(1, (v + 1) / 2)) * 255);
    }

    /** Finite minimum and maximum of a plane; {0, 1} if there is none, widened when flat. */
    public static double[] finiteRange(float[] values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new double[] {0, 1};
        if (hi - lo < 1e-6) hi = lo + 1e-6;
        return new double[] {lo, hi};
    }

    /** Writes {@code image} as PNG (parent folders are created); errors name the file. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.writePng(file, image);
    }

    private static int checked(int values, int width, int height) {
        if (values != width * height) throw new IllegalArgumentException(values + " pixels for a " + width + " x " + height + " image");
        return values;
    }

    private static BufferedImage image(int[] argb, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }
}
