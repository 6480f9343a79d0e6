package org.m3vit.visualizer.output;

/** Per-pixel errors between a prediction and its ground truth, for the error-map views. */
public final class ErrorMaps {

    private ErrorMaps() { }

    /** |predicted - truth| per pixel; NaN where the truth is NaN or not positive (no depth). */
    public static float[] absoluteDepthError(float[] predicted, float[] truth) {
        float[] out = new float[predicted.length];
        for (int i = 0; i < out.length; i++) {
            float t = truth[i];
            out[i] = Float.isNaN(t) || t <= 0 ? Float.NaN : Math.abs(predicted[i] - t);
        }
        return out;
    }

    /** Wrong pixels in red, right ones dark green, unlabelled (negative truth) black, as ARGB. */
    public static int[] classErrorPixels(int[] predicted, int[] truth) {
        int[] out = new int[predicted.length];
        for (int i = 0; i < out.length; i++) {
            if (truth[i] < 0) out[i] = 0xFF000000;
            else out[i] = predicted[i] == truth[i] ? 0xFF1E4D2B : 0xFFE53935;
        }
        return out;
    }

    /** Angle in degrees between two unit-normal maps (3 planes each); NaN where the truth is zero. */
    public static float[] angularErrorDegrees(float[] predicted, float[] truth, int plane) {
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            double tx = truth[i], ty = truth[plane + i], tz = truth[2 * plane + i];
            double tn = Math.sqrt(tx * tx + ty * ty + tz * tz);
            double px = predicted[i], py = predicted[plane + i], pz = predicted[2 * plane + i];
            double pn = Math.sqrt(px * px + py * py + pz * pz);
            if (tn < 1e-9 || pn < 1e-9 || Double.isNaN(tn)) { out[i] = Float.NaN; continue; }
            double cos = (tx * px + ty * py + tz * pz) / (tn * pn);
            out[i] = (float) Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
        }
        return out;
    }

    /**
     * Share of the finite {@code values} in each bin {@code [edges[k], edges[k+1])}; the last bin
     * also takes everything at or above its lower edge. NaN values are not counted; all zeros if none is finite.
     */
    public static double[] histogram(float[] values, double[] edges) {
        int bins = edges.length - 1;
        double[] share = new double[bins];
        long n = 0;
        for (float v : values) {
            if (Float.isNaN(v) || Float.isInfinite(v)) continue;
            int k = bins - 1;
            while (k > 0 && v < edges[k]) k--;
            share[k]++;
            n++;
        }
        if (n > 0) for (int k = 0; k < bins; k++) share[k] /= n;
        return share;
    }

    /**
     * {@code bins + 1} edges from 0 in equal steps of 1, 2 or 5 times a power of ten, the smallest
     * such step whose last edge reaches {@code max} (e.g. max 1.7, 4 bins: 0, 0.5, 1, 1.5, 2).
     */
    public static double[] niceEdges(double max, int bins) {
        double raw = max > 0 && Double.isFinite(max) ? max / bins : 1.0 / bins;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * pow;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= raw * (1 - 1e-12)) { step = m * pow; break; }
        }
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) edges[k] = k * step;
        return edges;
    }
}
