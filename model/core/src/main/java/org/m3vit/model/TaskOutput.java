package org.m3vit.model;

/**
 * The raw output of one task head at the model's resolution, C x H x W floats in row-major
 * order, before post-processing; plus the post-processing of the reference (argmax, unit
 * normals, sigmoid).
 */
public record TaskOutput(TaskSpec task, int channels, int height, int width, float[] data) {

    public TaskOutput {
        if (data.length != (long) channels * height * width) {
            throw new IllegalArgumentException("task " + task.name() + ": " + data.length + " values for "
                    + channels + "x" + height + "x" + width);
        }
    }

    /** Raw value of channel c at pixel (y, x). */
    public float value(int c, int y, int x) { return data[(c * height + y) * width + x]; }

    /** Per-pixel argmax over channels (segmentation classes), row-major H x W. */
    public int[] classMap() {
        int plane = height * width;
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float bestV = data[i];
            for (int c = 1; c < channels; c++) {
                float v = data[c * plane + i];
                if (v > bestV) { bestV = v; best = c; }
            }
            out[i] = best;
        }
        return out;
    }

    /** Channel {@code c} as an H x W plane (e.g. depth in metres, or one class's logits). */
    public float[] plane(int c) {
        int plane = height * width;
        float[] out = new float[plane];
        System.arraycopy(data, c * plane, out, 0, plane);
        return out;
    }

    /** Sigmoid of channel 0 (edge and saliency tasks). */
    public float[] probabilities() {
        float[] p = plane(0);
        for (int i = 0; i < p.length; i++) p[i] = (float) (1.0 / (1.0 + Math.exp(-p[i])));
        return p;
    }

    /** Unit normals, 3 x H x W, each pixel's vector L2-normalised (zero vectors stay zero). */
    public float[] unitNormals() {
        int plane = height * width;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            double x = data[i], y = data[plane + i], z = data[2 * plane + i];
            double n = Math.sqrt(x * x + y * y + z * z);
            double s = n > 1e-12 ? 1.0 / n : 0.0;
            out[i] = (float) (x * s);
            out[plane + i] = (float) (y * s);
            out[2 * plane + i] = (float) (z * s);
        }
        return out;
    }
}
