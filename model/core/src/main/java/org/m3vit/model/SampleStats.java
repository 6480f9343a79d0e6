package org.m3vit.model;

import java.util.Arrays;
import java.util.List;

/** Order statistics of measured samples, as the benchmarks report them: median and nearest-rank percentile. */
public final class SampleStats {

    private SampleStats() { }

    /** The median of {@code v} (the mean of the middle two for an even count; NaN when empty); {@code v} is not changed. */
    public static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The median of {@code v}, as {@link #median(double[])}. */
    public static double median(List<Double> v) {
        return median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The {@code q} quantile (0 < q <= 1) of {@code sorted} by nearest rank: the smallest value with at least q of the samples at or below it. */
    public static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
