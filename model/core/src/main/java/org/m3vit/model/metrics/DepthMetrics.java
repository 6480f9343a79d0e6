package org.m3vit.model.metrics;

/**
 * Depth scores accumulated over the valid pixels of many images (ground truth finite and
 * &gt; 0): RMSE, mean absolute relative error |p - g| / g, and the share of pixels with
 * max(p / g, g / p) below 1.25, 1.25² and 1.25³. A prediction &lt;= 0 (or not finite) never
 * meets a δ threshold but counts in RMSE and absRel with its value.
 */
public final class DepthMetrics {

    private long pixels;
    private double sumSquared;
    private double sumAbsRel;
    private final long[] withinDelta = new long[3];

    /** Adds one image: predicted and ground-truth depth (metres) of the same pixels. */
    public void add(float[] predicted, float[] groundTruth) {
        if (predicted.length != groundTruth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted depths for " + groundTruth.length + " ground-truth depths");
        }
        for (int i = 0; i < predicted.length; i++) {
            double g = groundTruth[i];
            if (!(g > 0) || Double.isInfinite(g)) continue;
            double p = predicted[i];
            double d = p - g;
            pixels++;
            sumSquared += d * d;
            sumAbsRel += Math.abs(d) / g;
            if (p > 0 && Double.isFinite(p)) {
                double ratio = Math.max(p / g, g / p);
                double threshold = 1.25;
                for (int k = 0; k < 3; k++, threshold *= 1.25) if (ratio < threshold) withinDelta[k]++;
            }
        }
    }

    /** Valid pixels counted. */
    public long pixels() { return pixels; }

    /** Root mean squared error in metres. */
    public double rmse() { return pixels == 0 ? Double.NaN : Math.sqrt(sumSquared / pixels); }

    /** Mean |p - g| / g. */
    public double absRel() { return pixels == 0 ? Double.NaN : sumAbsRel / pixels; }

    /** Share of pixels with max(p/g, g/p) &lt; 1.25. */
    public double delta1() { return delta(1); }

    /** Share with ratio &lt; 1.25². */
    public double delta2() { return delta(2); }

    /** Share with ratio &lt; 1.25³. */
    public double delta3() { return delta(3); }

    private double delta(int power) { return pixels == 0 ? Double.NaN : (double) withinDelta[power - 1] / pixels; }
}
