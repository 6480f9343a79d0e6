package org.m3vit.app.service;

import org.m3vit.model.data.SceneClass;
import org.m3vit.model.image.ImageLoader;
import org.m3vit.visualizer.output.GroundTruth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.m3vit.model.image.ImageFit;
import java.util.Arrays;
import org.m3vit.model.io.Npy;

/**
 * Reads the ground truth beside a sample image at the model's output size: class images hold
 * the label id as a grey value (r = g = b; 255 = unlabelled) or the class colour of
 * {@link SceneClass}; depth is an H x W float32 {@code .npy} in metres; normals a 3 x H x W
 * float32 {@code .npy}. Files of another size are sampled by nearest neighbour. Errors name the file.
 */
public final class GroundTruthReader {

    private GroundTruthReader() { }

    /** The ground truth of {@code sample} at width x height, or null when it has none. */
    public static GroundTruth read(SampleGallery.Sample sample, int width, int height) throws IOException {
        return read(sample, ImageFit.STRETCH.place(width, height, width, height));
    }

    /**
     * The ground truth of {@code sample} placed in the model's input as its image was (letterbox
     * padding has no truth: class -1, depth and normals NaN), or null when it has none.
     */
    public static GroundTruth read(SampleGallery.Sample sample, ImageFit.Placement placement) throws IOException {
        if (!sample.hasTruth()) return null;
        int width = placement.width(), height = placement.height();
        int[] classes = sample.classes() == null ? null : classes(ImageLoader.load(sample.classes()), placement);
        float[] depth = sample.depth() == null ? null : planes(sample.depth(), 1, placement);
        float[] normals = sample.normals() == null ? null : planes(sample.normals(), 3, placement);
        return new GroundTruth(width, height, classes, depth, normals);
    }

    /** The pixel at {@code fraction} (0..1) across a truth file {@code size} pixels wide or high. */
    private static int sourceIndex(double fraction, int size) {
        return Math.min(size - 1, Math.max(0, (int) (fraction * size)));
    }

    /** A {@code channels} x H x W (or H x W for one channel) float array, sampled where the placement puts each input pixel. */
    static float[] planes(Path file, int channels, ImageFit.Placement placement) throws IOException {
        int width = placement.width(), height = placement.height();
        Npy.Array a = Npy.read(file);
        int[] s = a.shape();
        boolean ok = channels == 1 ? (s.length == 2 || (s.length == 3 && s[0] == 1)) : (s.length == 3 && s[0] == channels);
        if (!ok) {
            throw new IOException(file + ": expected " + (channels == 1 ? "H x W" : channels + " x H x W") + " floats, found shape "
                    + Arrays.toString(s));
        }
        int ih = s[s.length - 2], iw = s[s.length - 1];
        float[] out = new float[channels * width * height];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int sy = sourceIndex(placement.imageFractionY(y), ih);
                for (int x = 0; x < width; x++) {
                    int sx = sourceIndex(placement.imageFractionX(x), iw);
                    out[(c * height + y) * width + x] = placement.isPadding(x, y) ? Float.NaN : a.data()[(c * ih + sy) * iw + sx];
                }
            }
        }
        return out;
    }

    /** Label ids of a class image, sampled where the placement puts each input pixel (-1 = unlabelled or padding). */
    static int[] classes(BufferedImage img, ImageFit.Placement placement) {
        int width = placement.width(), height = placement.height();
        int[] out = new int[width * height];
        boolean grey = true;
        int iw = img.getWidth(), ih = img.getHeight();
        int[] src = img.getRGB(0, 0, iw, ih, null, 0, iw);
        for (int v : src) {
            if (((v >> 16) & 0xFF) != (v & 0xFF) || ((v >> 8) & 0xFF) != (v & 0xFF)) { grey = false; break; }
        }
        for (int y = 0; y < height; y++) {
            int sy = sourceIndex(placement.imageFractionY(y), ih);
            for (int x = 0; x < width; x++) {
                int sx = sourceIndex(placement.imageFractionX(x), iw);
                int v = src[sy * iw + sx] & 0xFFFFFF;
                out[y * width + x] = placement.isPadding(x, y) ? -1 : grey ? ((v & 0xFF) == 255 ? -1 : v & 0xFF) : byColour(v);
            }
        }
        return out;
    }

    private static int byColour(int rgb) {
        for (SceneClass c : SceneClass.values()) if (c.rgb() == rgb) return c.ordinal();
        return -1;
    }
}
