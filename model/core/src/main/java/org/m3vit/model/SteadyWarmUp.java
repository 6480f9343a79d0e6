package org.m3vit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * When a benchmark's timings have settled (the JIT compiled, caches and allocator warm): passes
 * are taken in windows of {@value #WINDOW}; the warm-up ends when a window's median is within
 * {@value #TOLERANCE_PERCENT}% of the window before it, after at least {@value #MIN_PASSES}
 * passes, and gives up (not steady) after {@value #MAX_PASSES} passes or {@value #MAX_SECONDS} s.
 */
public final class SteadyWarmUp {

    /** Passes per window. */
    public static final int WINDOW = 5;
    /** Largest change between two windows' medians that counts as steady, in percent. */
    public static final int TOLERANCE_PERCENT = 5;
    /** Fewest warm-up passes. */
    public static final int MIN_PASSES = 10;
    /** Most warm-up passes. */
    public static final int MAX_PASSES = 300;
    /** Most warm-up seconds. */
    public static final int MAX_SECONDS = 60;

    /** How a warm-up ended: passes taken, seconds spent, and whether the timings settled. */
    public record Outcome(int passes, double seconds, boolean steady) { }

    private final List<Double> ms = new ArrayList<>();
    private double seconds;

    /** Records one warm-up pass of {@code millis}; true when the warm-up is over (steady or given up). */
    public boolean add(double millis) {
        ms.add(millis);
        seconds += millis / 1000;
        return steady() || ms.size() >= MAX_PASSES || seconds >= MAX_SECONDS;
    }

    /** True when the last two windows' medians agree within the tolerance (and enough passes were taken). */
    public boolean steady() {
        int n = ms.size();
        if (n < Math.max(MIN_PASSES, 2 * WINDOW)) return false;
        double last = median(ms.subList(n - WINDOW, n));
        double before = median(ms.subList(n - 2 * WINDOW, n - WINDOW));
        return Math.abs(last - before) <= before * TOLERANCE_PERCENT / 100.0;
    }

    /** The outcome so far. */
    public Outcome outcome() { return new Outcome(ms.size(), seconds, steady()); }

    /** The rule in words, for reports. */
    public static String rule() {
        return "warm-up until two consecutive windows of " + WINDOW + " passes have medians within " + TOLERANCE_PERCENT
                + "% (at least " + MIN_PASSES + " passes; at most " + MAX_PASSES + " passes or " + MAX_SECONDS + " s)";
    }

    static double median(List<Double> v) {
        return SampleStats.median(v);
    }

    /** The median of {@code v}, as {@link SampleStats#median(double[])}. */
    static double median(double[] v) {
        return SampleStats.median(v);
    }
}
