package org.m3vit.app.teach;

/**
 * One rendered picture of a clip: {@code width x height} pixels as 0xAARRGGBB, row by row.
 *
 * @param width  pixels per row
 * @param height rows
 * @param argb   the pixels, {@code width * height} of them
 */
public record Frame(int width, int height, int[] argb) {

    public Frame {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " needs " + (long) width * height + " pixels, has " + argb.length);
        }
    }

    /** The pixel at (x, y) as 0xAARRGGBB. */
    public int at(int x, int y) { return argb[y * width + x]; }
}
