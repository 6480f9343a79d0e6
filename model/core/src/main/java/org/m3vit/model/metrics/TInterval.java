package org.m3vit.model.metrics;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Student-t confidence intervals over scenes (n - 1 degrees of freedom): of the plain mean of
 * per-scene values, and of a pooled ratio such as "correct pixels / pixels", whose per-scene
 * values are weighted by their pixel counts.
 */
public final class TInterval {

    private TInterval() { }

    /** mean ± t(level, n - 1) · s / √n of the values (undefined for fewer than two). */
    public static Interval ofMean(double[] values, double level) {
        double[] ones = new double[values.length];
        Arrays.fill(ones, 1);
        return ofWeightedMean(values, ones, level);
    }

    /**
     * {@link #ofWeightedMean} of one value per scene weighted by the scene's valid pixels (a scene
     * without any does not count, whatever its value).
     */
    public static <S> Interval ofPixelWeighted(List<S> scenes, ToDoubleFunction<S> value, ToDoubleFunction<S> pixels, double level) {
        double[] values = new double[scenes.size()];
        double[] weights = new double[scenes.size()];
        for (int s = 0; s < values.length; s++) {
            weights[s] = pixels.applyAsDouble(scenes.get(s));
            values[s] = weights[s] == 0 ? 0 : value.applyAsDouble(scenes.get(s));
        }
        return ofWeightedMean(values, weights, level);
    }

    /**
     * Interval of the pooled ratio R = Σ w·v / Σ w (v a scene's value, w its count of valid
     * pixels): R ± t(level, n - 1) · s / √n, s the sample standard deviation of the per-scene
     * residuals (w / mean w)·(v - R), the usual linearisation of a ratio over clusters. With equal
     * weights this is the plain t-interval of the mean. Scenes of weight 0 do not count.
     */
    public static Interval ofWeightedMean(double[] values, double[] weights, double level) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values for " + weights.length + " weights");
        }
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must lie in (0, 1), was " + level);
        int n = 0;
        double sumW = 0, sumWv = 0;
        for (int s = 0; s < values.length; s++) {
            if (weights[s] == 0) continue;
            n++;
            sumW += weights[s];
            sumWv += weights[s] * values[s];
        }
        if (n < 2) return Interval.UNDEFINED;
        double ratio = sumWv / sumW;
        double meanW = sumW / n;
        double sumSquares = 0;
        for (int s = 0; s < values.length; s++) {
            if (weights[s] == 0) continue;
            double residual = weights[s] / meanW * (values[s] - ratio);
            sumSquares += residual * residual;
        }
        double standardError = Math.sqrt(sumSquares / (n - 1) / n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + level / 2);
        double half = t * standardError;
        if (!Double.isFinite(ratio) || !Double.isFinite(half)) return Interval.UNDEFINED;
        return new Interval(ratio - half, ratio + half);
    }
}
