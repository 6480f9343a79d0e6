package org.m3vit.model.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * An image ready for the network: where it came from, the picture as loaded, the picture
 * resized to the model's input size (what the network sees, 8-bit sRGB) and its normalised
 * 3 x H x W floats (channels R, G, B; row-major); how it was fitted to the input's shape and
 * where it landed.
 */
public record PreparedImage(Path source, BufferedImage original, BufferedImage resized, float[] chw,
                            ImageFit fit, ImageFit.Placement placement) {

    public PreparedImage {
        long expected = 3L * resized.getWidth() * resized.getHeight();
        if (chw.length != expected) {
            throw new IllegalArgumentException(source + ": " + chw.length + " input values for a "
                    + resized.getWidth() + " x " + resized.getHeight() + " image (expected " + expected + ")");
        }
    }

    /** Model input height. */
    public int height() { return resized.getHeight(); }

    /** Model input width. */
    public int width() { return resized.getWidth(); }
}
