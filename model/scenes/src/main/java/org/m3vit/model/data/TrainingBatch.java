package org.m3vit.model.data;

/**
 * A batch of rendered scenes converted to model input and targets, each array batch-major:
 * {@code images} B x 3 x H x W normalised by {@link ImageNorm}; {@code labels} B x H x W class ids;
 * {@code depth} B x H x W metres; {@code normals} B x 3 x H x W unit camera-frame normals;
 * {@code seeds} the scene seed of each item.
 */
public record TrainingBatch(int size, int height, int width, long[] seeds, float[] images, int[] labels,
                            float[] depth, float[] normals) {

    public TrainingBatch {
        int n = height * width;
        if (seeds.length != size || images.length != 3 * size * n || labels.length != size * n
                || depth.length != size * n || normals.length != 3 * size * n) {
            throw new IllegalArgumentException("batch arrays do not match " + size + " x " + height + "x" + width);
        }
    }

    /** Packs rendered scenes (all of the same size) into one batch. */
    public static TrainingBatch of(long[] seeds, RenderedScene[] scenes) {
        if (scenes.length == 0 || seeds.length != scenes.length) {
            throw new IllegalArgumentException("need one seed per scene and at least one scene, got " + seeds.length + " seeds, " + scenes.length + " scenes");
        }
        int h = scenes[0].height(), w = scenes[0].width(), n = h * w, b = scenes.length;
        float[] images = new float[3 * b * n], depth = new float[b * n], normals = new float[3 * b * n];
        int[] labels = new int[b * n];
        for (int i = 0; i < b; i++) {
            RenderedScene s = scenes[i];
            if (s.height() != h || s.width() != w) throw new IllegalArgumentException("scene " + i + " is " + s.height() + "x" + s.width() + ", expected " + h + "x" + w);
            ImageNorm.normalise(s.rgb(), images, 3 * i * n);
            System.arraycopy(s.labels(), 0, labels, i * n, n);
            System.arraycopy(s.depth(), 0, depth, i * n, n);
            System.arraycopy(s.normals(), 0, normals, 3 * i * n, 3 * n);
        }
        return new TrainingBatch(b, h, w, seeds.clone(), images, labels, depth, normals);
    }

    /** The class ids as floats, the form the loss and the .npy export take. */
    public float[] labelsAsFloats() {
        float[] out = new float[labels.length];
        for (int i = 0; i < out.length; i++) out[i] = labels[i];
        return out;
    }
}
