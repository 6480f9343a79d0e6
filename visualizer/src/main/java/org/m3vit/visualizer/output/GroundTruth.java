package org.m3vit.visualizer.output;

/**
 * Ground truth of one image at the model's output resolution, any part may be null: class ids
 * (row-major), depth in metres, unit normals (3 planes). Comes from files beside a sample image.
 */
public record GroundTruth(int width, int height, int[] classes, float[] depth, float[] normals) {

    public GroundTruth {
        int plane = width * height;
        if (classes != null && classes.length != plane) throw new IllegalArgumentException("class map has " + classes.length + " pixels, expected " + plane);
        if (depth != null && depth.length != plane) throw new IllegalArgumentException("depth map has " + depth.length + " pixels, expected " + plane);
        if (normals != null && normals.length != 3 * plane) throw new IllegalArgumentException("normal map has " + normals.length + " values, expected " + 3 * plane);
    }

    /** True when no part is present. */
    public boolean isEmpty() { return classes == null && depth == null && normals == null; }
}
