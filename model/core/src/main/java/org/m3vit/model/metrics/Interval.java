package org.m3vit.model.metrics;

/** A two-sided confidence interval [lo, hi] of a metric; both bounds NaN when there is too little data for one. */
public record Interval(double lo, double hi) {

    /** The interval of a metric that has fewer than two scenes (or no finite value) to go on. */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    /** Whether {@code value} lies in [lo, hi] (false for an undefined interval). */
    public boolean contains(double value) { return lo <= value && value <= hi; }

    /** {lo, hi}, the eval JSON's form. */
    public double[] bounds() { return new double[] {lo, hi}; }
}
