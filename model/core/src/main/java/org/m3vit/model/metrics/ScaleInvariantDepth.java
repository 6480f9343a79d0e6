package org.m3vit.model.metrics;

import java.util.Arrays;

/**
 * Depth errors that ignore the global scale of a prediction, computed per image over its valid
 * pixels (ground truth finite and &gt; 0) and averaged over images: absRel after median scaling
 * (the prediction times median(truth) / median(prediction)) and the scale-invariant log error of
 * Eigen et al. 2014, √(mean(d²) - mean(d)²) with d = ln p - ln g (not x 100). Predictions are
 * clamped to &gt;= {@link #MIN_PREDICTION} m first, so that the median and the log are defined; a
 * prediction that is NaN makes its image's scores NaN. Images without a valid pixel do not count.
 */
public final class ScaleInvariantDepth {

    /** Floor of the predicted depth, metres. */
    public static final double MIN_PREDICTION = 1e-3;

    private double[] medianScaledAbsRel = new double[16];
    private double[] siLog = new double[16];
    private int images;

    /** Adds one image: predicted and ground-truth depth (metres) of the same pixels. */
    public void add(float[] predicted, float[] groundTruth) {
        if (predicted.length != groundTruth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted depths for " + groundTruth.length + " ground-truth depths");
        }
        int n = 0;
        double[] p = new double[predicted.length];
        double[] g = new double[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            double truth = groundTruth[i];
            if (!(truth > 0) || Double.isInfinite(truth)) continue;
            p[n] = Math.max(predicted[i], MIN_PREDICTION);
            g[n++] = truth;
        }
        if (n == 0) return;
        if (images == siLog.length) {
            medianScaledAbsRel = Arrays.copyOf(medianScaledAbsRel, images * 2);
            siLog = Arrays.copyOf(siLog, images * 2);
        }
        medianScaledAbsRel[images] = medianScaledAbsRel(p, g, n);
        siLog[images++] = siLog(p, g, n);
    }

    /** Images counted (those with at least one valid pixel). */
    public int images() { return images; }

    /** Mean over images of the median-scaled absRel. */
    public double medianScaledAbsRel() { return mean(medianScaledAbsRel); }

    /** Mean over images of the scale-invariant log error. */
    public double siLog() { return mean(siLog); }

    /** Median-scaled absRel of each image, in the order added. */
    public double[] perImageMedianScaledAbsRel() { return Arrays.copyOf(medianScaledAbsRel, images); }

    /** Scale-invariant log error of each image, in the order added. */
    public double[] perImageSiLog() { return Arrays.copyOf(siLog, images); }

    private double mean(double[] perImage) {
        if (images == 0) return Double.NaN;
        double s = 0;
        for (int i = 0; i < images; i++) s += perImage[i];
        return s / images;
    }

    private static double medianScaledAbsRel(double[] p, double[] g, int n) {
        double scale = median(Arrays.copyOf(g, n)) / median(Arrays.copyOf(p, n));
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs(p[i] * scale - g[i]) / g[i];
        return s / n;
    }

    private static double siLog(double[] p, double[] g, int n) {
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = Math.log(p[i]) - Math.log(g[i]);
            mean += d[i];
        }
        mean /= n;
        // mean(d²) - mean(d)² as the mean squared deviation: the same number, without the cancellation
        double variance = 0;
        for (int i = 0; i < n; i++) variance += (d[i] - mean) * (d[i] - mean);
        return Math.sqrt(variance / n);
    }

    /** Median, sorting {@code v} in place (mean of the two middle values for an even count). */
    private static double median(double[] v) {
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
