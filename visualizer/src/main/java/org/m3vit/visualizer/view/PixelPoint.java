package org.m3vit.visualizer.view;

/** A pixel position in an image's own coordinates (column x, row y). */
public record PixelPoint(int x, int y) {

    /** The 16x16 (or {@code patch}-sized) patch row of this pixel. */
    public int patchRow(int patch) { return y / patch; }

    /** The patch column of this pixel. */
    public int patchColumn(int patch) { return x / patch; }
}
