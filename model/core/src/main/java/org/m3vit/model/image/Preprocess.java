package org.m3vit.model.image;

import org.m3vit.model.ModelConfig;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The network's input pipeline (M3VIT-REFERENCE.md, Input): bicubic resize to the config's
 * H x W, scale to [0, 1], normalise with the ImageNet mean and std, channels R, G, B as
 * 3 x H x W floats; and the inverse for display.
 *
 * <p>The resize is the cubic convolution of Keys with a = -0.75 (the constant OpenCV's
 * INTER_CUBIC and PyTorch's bicubic mode use), separable (rows, then columns, in double
 * precision), sampling output pixel d at source position (d + 0.5) * in / out - 0.5
 * (half-pixel centres, align_corners = false), neighbours outside the image clamped to the
 * edge, no anti-aliasing when shrinking. The result is clamped to [0, 255] and rounded to
 * 8 bits, like resizing an 8-bit image with OpenCV, and the floats are computed from those
 * 8-bit values, so {@link PreparedImage#resized()} is exactly what the network sees.
 */
public final class Preprocess {

    /** ImageNet channel means (R, G, B) of [0, 1] values. */
    public static final double[] MEAN = {0.485, 0.456, 0.406};
    /** ImageNet channel standard deviations (R, G, B). */
    public static final double[] STD = {0.229, 0.224, 0.225};
    /** The cubic kernel's free parameter a. */
    public static final double CUBIC_A = -0.75;

    private Preprocess() { }

    /** The padding colour of a letterboxed input: the ImageNet mean, which normalises to (nearly) zero. */
    public static final int PAD_RGB = (int) Math.round(MEAN[0] * 255) << 16 | (int) Math.round(MEAN[1] * 255) << 8 | (int) Math.round(MEAN[2] * 255);

    /** Loads {@code file} and prepares it for a model of {@code config}'s input size, letterboxed if its shape differs. */
    public static PreparedImage prepare(Path file, ModelConfig config) throws ImageLoadException {
        return prepare(file, config, ImageFit.LETTERBOX);
    }

    /** Loads {@code file} and prepares it for a model of {@code config}'s input size, fitted by {@code fit}. */
    public static PreparedImage prepare(Path file, ModelConfig config, ImageFit fit) throws ImageLoadException {
        return prepare(file, ImageLoader.load(file), config.imageHeight(), config.imageWidth(), fit);
    }

    /** Prepares an already loaded 8-bit RGB image for an input of {@code height} x {@code width}, letterboxed. */
    public static PreparedImage prepare(Path source, BufferedImage original, int height, int width) {
        return prepare(source, original, height, width, ImageFit.LETTERBOX);
    }

    /**
     * Prepares an already loaded 8-bit RGB image for an input of {@code height} x {@code width}:
     * the part {@code fit} uses is resized (bicubic) into its place, the rest padded with {@link #PAD_RGB}.
     */
    public static PreparedImage prepare(Path source, BufferedImage original, int height, int width, ImageFit fit) {
        ImageFit.Placement p = fit.place(original.getWidth(), original.getHeight(), width, height);
        BufferedImage used = p.srcW() == original.getWidth() && p.srcH() == original.getHeight() ? original
                : original.getSubimage(p.srcX(), p.srcY(), p.srcW(), p.srcH());
        BufferedImage part = resizeBicubic(used, p.dstW(), p.dstH());
        BufferedImage input = part;
        if (p.dstW() != width || p.dstH() != height) {
            input = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] pad = new int[width * height];
            java.util.Arrays.fill(pad, PAD_RGB);
            input.setRGB(0, 0, width, height, pad, 0, width);
            input.setRGB(p.dstX(), p.dstY(), p.dstW(), p.dstH(), part.getRGB(0, 0, p.dstW(), p.dstH(), null, 0, p.dstW()), 0, p.dstW());
        }
        return new PreparedImage(source, original, input, toChw(input), fit, p);
    }

    /** Keys' cubic convolution kernel with a = {@link #CUBIC_A}. */
    public static double cubic(double x) {
        double ax = Math.abs(x);
        double a = CUBIC_A;
        if (ax <= 1) return ((a + 2) * ax - (a + 3)) * ax * ax + 1;
        if (ax < 2) return ((a * ax - 5 * a) * ax + 8 * a) * ax - 4 * a;
        return 0;
    }

    /** Bicubic resize of an RGB image to {@code width} x {@code height} (see the class comment). */
    public static BufferedImage resizeBicubic(BufferedImage src, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("target size " + width + " x " + height);
        int sw = src.getWidth();
        int sh = src.getHeight();
        int[] pixels = src.getRGB(0, 0, sw, sh, null, 0, sw);
        Taps tx = Taps.of(sw, width);
        Taps ty = Taps.of(sh, height);
        // rows first: sh x width x 3
        double[] horizontal = new double[sh * width * 3];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = pixels[y * sw + tx.index[x * 4 + k]];
                    double w = tx.weight[x * 4 + k];
                    r += w * ((p >> 16) & 0xFF);
                    g += w * ((p >> 8) & 0xFF);
                    b += w * (p & 0xFF);
                }
                int o = (y * width + x) * 3;
                horizontal[o] = r;
                horizontal[o + 1] = g;
                horizontal[o + 2] = b;
            }
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int o = (ty.index[y * 4 + k] * width + x) * 3;
                    double w = ty.weight[y * 4 + k];
                    r += w * horizontal[o];
                    g += w * horizontal[o + 1];
                    b += w * horizontal[o + 2];
                }
                out[y * width + x] = (to8(r) << 16) | (to8(g) << 8) | to8(b);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, out, 0, width);
        return img;
    }

    /** Normalised 3 x H x W floats (R plane, G plane, B plane) of an RGB image. */
    public static float[] toChw(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int plane = w * h;
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = pixels[i];
            chw[i] = normalise((p >> 16) & 0xFF, 0);
            chw[plane + i] = normalise((p >> 8) & 0xFF, 1);
            chw[2 * plane + i] = normalise(p & 0xFF, 2);
        }
        return chw;
    }

    /** The inverse of {@link #toChw}: un-normalises, scales to 0..255, clamps and rounds. */
    public static BufferedImage fromChw(float[] chw, int height, int width) {
        int plane = height * width;
        if (chw.length != 3 * plane) {
            throw new IllegalArgumentException(chw.length + " values are not 3 x " + height + " x " + width);
        }
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (to8(denormalise(chw[i], 0) * 255) << 16)
                    | (to8(denormalise(chw[plane + i], 1) * 255) << 8)
                    | to8(denormalise(chw[2 * plane + i], 2) * 255);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, out, 0, width);
        return img;
    }

    /** (v / 255 - mean[c]) / std[c]. */
    public static float normalise(int value8, int channel) {
        return (float) ((value8 / 255.0 - MEAN[channel]) / STD[channel]);
    }

    /** The [0, 1] value of a normalised input value. */
    public static double denormalise(float value, int channel) {
        return value * STD[channel] + MEAN[channel];
    }

    private static int to8(double v) {
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }

    /** For each output coordinate its four clamped source indices and cubic weights. */
    private record Taps(int[] index, double[] weight) {
        static Taps of(int in, int out) {
            int[] index = new int[out * 4];
            double[] weight = new double[out * 4];
            double scale = (double) in / out;
            for (int d = 0; d < out; d++) {
                double src = (d + 0.5) * scale - 0.5;
                int f = (int) Math.floor(src);
                double t = src - f;
                for (int k = 0; k < 4; k++) {
                    index[d * 4 + k] = Math.max(0, Math.min(in - 1, f - 1 + k));
                    weight[d * 4 + k] = cubic(t - (k - 1));
                }
            }
            return new Taps(index, weight);
        }
    }
}
