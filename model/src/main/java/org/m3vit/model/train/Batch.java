package org.m3vit.model.train;

/**
 * One training batch of synthetic scenes at the model's size: normalised images (B,3,H,W),
 * class labels (B,H,W), depth in metres (B,1,H,W) and unit normals (B,3,H,W), all row-major.
 */
public record Batch(int size, int height, int width, float[] images, int[] labels, float[] depth, float[] normals) {

    public Batch {
        int plane = height * width;
        if (images.length != size * 3 * plane || labels.length != size * plane
                || depth.length != size * plane || normals.length != size * 3 * plane) {
            throw new IllegalArgumentException("batch arrays do not match " + size + "x" + height + "x" + width);
        }
    }
}
