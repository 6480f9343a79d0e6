package org.m3vit.app.service;

import org.m3vit.visualizer.output.GroundTruth;

import java.nio.file.Path;

/**
 * An image ready for the model: its file, a cache key (path + modification time), its original
 * size, the pixels the model sees (resized to the model's size, ARGB, for display), the
 * normalised CHW floats, its ground truth at the model size (null when none), and how its shape
 * was fitted to the model's input (e.g. "480x1200 letterboxed: scaled to 51x128, padded to 160x128";
 * {@code reshaped} when the model does not see it as it is: letterboxed, cropped, stretched or
 * enlarged more than 2x).
 */
public record LoadedImage(Path file, String key, int originalWidth, int originalHeight,
                          int width, int height, int[] argb, float[] chw, GroundTruth truth, String fitDescription, boolean reshaped) {

    /** The file name, for titles. */
    public String name() { return file.getFileName().toString(); }

    /** True when some ground truth was found beside the image. */
    public boolean hasTruth() { return truth != null && !truth.isEmpty(); }
}
