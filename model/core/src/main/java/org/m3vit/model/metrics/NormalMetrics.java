package org.m3vit.model.metrics;

import java.util.Arrays;

/**
 * Surface-normal scores accumulated over many images: the angle in degrees between the
 * predicted normal (L2-normalised first) and the ground truth at each valid pixel (ground
 * truth finite and not the zero vector); mean, median, and the share of pixels below 11.25°,
 * 22.5° and 30°. A zero predicted vector has no direction and counts as 90°.
 */
public final class NormalMetrics {

    private double[] angles = new double[1024];
    private int count;

    /** Adds one image: predicted and ground-truth normals, each 3 x N (x plane, y plane, z plane). */
    public void add(float[] predictedChw, float[] groundTruthChw) {
        if (predictedChw.length != groundTruthChw.length || predictedChw.length % 3 != 0) {
            throw new IllegalArgumentException(predictedChw.length + " predicted and " + groundTruthChw.length
                    + " ground-truth values are not two 3 x N arrays of the same N");
        }
        int n = predictedChw.length / 3;
        for (int i = 0; i < n; i++) {
            double gx = groundTruthChw[i], gy = groundTruthChw[n + i], gz = groundTruthChw[2 * n + i];
            double gn = Math.sqrt(gx * gx + gy * gy + gz * gz);
            if (!(gn > 0) || !Double.isFinite(gn)) continue;
            double px = predictedChw[i], py = predictedChw[n + i], pz = predictedChw[2 * n + i];
            double pn = Math.sqrt(px * px + py * py + pz * pz);
            double angle;
            if (!(pn > 0) || !Double.isFinite(pn)) {
                angle = 90;
            } else {
                double cos = (px * gx + py * gy + pz * gz) / (pn * gn);
                angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
            }
            if (count == angles.length) angles = Arrays.copyOf(angles, count * 2);
            angles[count++] = angle;
        }
    }

    /** Adds the pixels another score counted (e.g. one scene's), after this score's, in their order. */
    public void addAll(NormalMetrics other) {
        if (count + other.count > angles.length) angles = Arrays.copyOf(angles, Math.max(angles.length * 2, count + other.count));
        System.arraycopy(other.angles, 0, angles, count, other.count);
        count += other.count;
    }

    /** Valid pixels counted. */
    public long pixels() { return count; }

    /** The angular error of every valid pixel counted, in degrees, in the order added. */
    public double[] anglesDegrees() { return Arrays.copyOf(angles, count); }

    /** Mean angular error in degrees. */
    public double meanDegrees() {
        if (count == 0) return Double.NaN;
        double s = 0;
        for (int i = 0; i < count; i++) s += angles[i];
        return s / count;
    }

    /** Median angular error in degrees (mean of the two middle values for an even count). */
    public double medianDegrees() {
        if (count == 0) return Double.NaN;
        double[] sorted = Arrays.copyOf(angles, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Percentage of pixels whose error is below {@code degrees}. */
    public double percentWithin(double degrees) {
        if (count == 0) return Double.NaN;
        int n = 0;
        for (int i = 0; i < count; i++) if (angles[i] < degrees) n++;
        return 100.0 * n / count;
    }

    /** Percentage below 11.25°. */
    public double within11() { return percentWithin(11.25); }

    /** Percentage below 22.5°. */
    public double within22() { return percentWithin(22.5); }

    /** Percentage below 30°. */
    public double within30() { return percentWithin(30); }
}
