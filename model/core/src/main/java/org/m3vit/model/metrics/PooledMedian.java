package org.m3vit.model.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Median of the pooled values of a selection of scenes in which each scene is taken a number of
 * times (a bootstrap resample), found without pooling: a binary search over the sorted values of
 * all scenes, counting per scene (itself sorted) how many values lie at or below a candidate.
 */
final class PooledMedian {

    private final double[][] sortedScenes;
    private final double[] sortedAll;

    /** The values of each scene (NaN-free); the arrays become this object's and are sorted in place. */
    PooledMedian(List<double[]> scenes) {
        sortedScenes = new double[scenes.size()][];
        int total = 0;
        for (int s = 0; s < sortedScenes.length; s++) {
            sortedScenes[s] = scenes.get(s);
            Arrays.sort(sortedScenes[s]);
            total += sortedScenes[s].length;
        }
        sortedAll = new double[total];
        int at = 0;
        for (double[] scene : sortedScenes) {
            System.arraycopy(scene, 0, sortedAll, at, scene.length);
            at += scene.length;
        }
        Arrays.sort(sortedAll);
    }

    /** Median of the multiset in which scene s appears {@code times[s]} times (mean of the two middle values for an even count; NaN if empty). */
    double median(int[] times) {
        if (times.length != sortedScenes.length) throw new IllegalArgumentException(times.length + " counts for " + sortedScenes.length + " scenes");
        long n = 0;
        for (int s = 0; s < times.length; s++) n += (long) times[s] * sortedScenes[s].length;
        if (n == 0) return Double.NaN;
        long mid = n / 2;
        double upper = smallest(mid, times);
        if (n % 2 == 1) return upper;
        // the value below the upper middle: itself if it repeats below mid, else the largest selected value under it
        return atOrBelow(Math.nextDown(upper), times) > mid - 1 ? (largestBelow(upper, times) + upper) / 2 : upper;
    }

    /** The k-th smallest (from 0): the first pooled value with more than k values at or below it. */
    private double smallest(long k, int[] times) {
        int lo = 0, hi = sortedAll.length - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (atOrBelow(sortedAll[m], times) > k) hi = m;
            else lo = m + 1;
        }
        return sortedAll[lo];
    }

    private long atOrBelow(double v, int[] times) {
        long count = 0;
        for (int s = 0; s < times.length; s++) if (times[s] > 0) count += (long) times[s] * countAtOrBelow(sortedScenes[s], v);
        return count;
    }

    /** The largest value of the selected scenes below {@code v}. */
    private double largestBelow(double v, int[] times) {
        double best = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < times.length; s++) {
            if (times[s] == 0) continue;
            int below = countAtOrBelow(sortedScenes[s], Math.nextDown(v));
            if (below > 0) best = Math.max(best, sortedScenes[s][below - 1]);
        }
        return best;
    }

    private static int countAtOrBelow(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (sorted[m] <= v) lo = m + 1;
            else hi = m;
        }
        return lo;
    }
}
