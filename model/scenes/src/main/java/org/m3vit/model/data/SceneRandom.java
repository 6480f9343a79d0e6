package org.m3vit.model.data;

import java.util.List;

/**
 * The scene generator's random source: SplitMix64, fully specified here so that a seed gives the
 * same scene on every JVM and platform (unlike {@code Math.random} or shared generators).
 */
public final class SceneRandom {

    private long state;

    /** A generator whose whole sequence is fixed by {@code seed}. */
    public SceneRandom(long seed) {
        this.state = seed;
    }

    /** Next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, n). */
    public int nextInt(int n) {
        if (n <= 0) throw new IllegalArgumentException("bound must be positive, got " + n);
        return (int) ((nextLong() >>> 1) % n);
    }

    /** Uniform integer in [lo, hi] (both inclusive). */
    public int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** One element of a non-empty list, uniformly. */
    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    /** An independent generator seeded from this one (consumes one value). */
    public SceneRandom fork() {
        return new SceneRandom(nextLong());
    }
}
