package org.m3vit.model.metrics;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap over scenes, for metrics that are not means of per-scene values (mIoU of a
 * pooled confusion matrix, a pooled median, a pooled RMSE): draw n scenes with replacement, recompute
 * the pooled metric, repeat, and take the (1 - level) / 2 and (1 + level) / 2 percentiles (R-7,
 * linear between order statistics) of the recomputed values. Deterministic: every call starts a
 * Mersenne Twister from the same seed, so every metric sees the same resamples.
 */
public final class SceneBootstrap {

    /** Resamples of the eval JSON's intervals. */
    public static final int RESAMPLES = 1000;

    /** Seed of the eval JSON's intervals. */
    public static final long SEED = 20_140_606L;

    private final int resamples;
    private final long seed;
    private final double level;

    /** A bootstrap of {@code resamples} draws from {@code seed}, for intervals of the given level (0.95 for 95%). */
    public SceneBootstrap(int resamples, long seed, double level) {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must lie in (0, 1), was " + level);
        this.resamples = resamples;
        this.seed = seed;
        this.level = level;
    }

    /** The eval JSON's bootstrap: {@link #RESAMPLES} draws from {@link #SEED}, 95% intervals. */
    public static SceneBootstrap standard() { return new SceneBootstrap(RESAMPLES, SEED, 0.95); }

    /** Draws per bootstrap. */
    public int resamples() { return resamples; }

    /** Seed of the draws. */
    public long seed() { return seed; }

    /** Coverage of the intervals, e.g. 0.95. */
    public double level() { return level; }

    /**
     * Interval of a pooled metric of {@code scenes} scenes. {@code metric} receives how many times
     * each scene was drawn (an array of {@code scenes} counts that sum to {@code scenes}; all ones is
     * the original data) and returns the metric of that resample; NaN results are left out. Undefined
     * for fewer than two scenes.
     */
    public Interval interval(int scenes, ToDoubleFunction<int[]> metric) {
        if (scenes < 2) return Interval.UNDEFINED;
        MersenneTwister random = new MersenneTwister(seed);
        double[] values = new double[resamples];
        int kept = 0;
        int[] times = new int[scenes];
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(times, 0);
            for (int i = 0; i < scenes; i++) times[random.nextInt(scenes)]++;
            double v = metric.applyAsDouble(times);
            if (!Double.isNaN(v)) values[kept++] = v;
        }
        if (kept == 0) return Interval.UNDEFINED;
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(Arrays.copyOf(values, kept));
        return new Interval(percentile.evaluate(50 * (1 - level)), percentile.evaluate(50 * (1 + level)));
    }

    /**
     * The pooled ratio of resamples of {@code scenes}: the returned function maps the draw counts
     * {@code times} to sum of times * pixels * value / sum of times * pixels over the scenes (NaN
     * without pixels). The per-scene values are computed once, here.
     */
    public static <S> ToDoubleFunction<int[]> pixelWeighted(List<S> scenes, ToDoubleFunction<S> value, ToDoubleFunction<S> pixels) {
        double[] v = new double[scenes.size()], w = new double[scenes.size()];
        for (int s = 0; s < v.length; s++) {
            w[s] = pixels.applyAsDouble(scenes.get(s));
            v[s] = w[s] == 0 ? 0 : value.applyAsDouble(scenes.get(s));
        }
        return times -> {
            double sum = 0, weight = 0;
            for (int s = 0; s < times.length; s++) {
                sum += times[s] * w[s] * v[s];
                weight += times[s] * w[s];
            }
            return weight == 0 ? Double.NaN : sum / weight;
        };
    }
}
