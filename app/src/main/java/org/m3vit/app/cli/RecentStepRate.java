package org.m3vit.app.cli;

import java.util.ArrayDeque;

/**
 * Seconds per training step over the last few logged points of this process: the rate the ETA
 * should use. The run's lifetime average would mix in earlier sessions, possibly on another
 * machine or under another load.
 */
final class RecentStepRate {

    private final int window;
    private final ArrayDeque<double[]> points = new ArrayDeque<>();

    /** A rate over the last {@code window} logged points (at least 2). */
    RecentStepRate(int window) {
        if (window < 2) throw new IllegalArgumentException("window must be at least 2 points, got " + window);
        this.window = window;
    }

    /** Records that {@code steps} steps of the run were done after {@code seconds} of its training time. */
    void add(long steps, double seconds) {
        points.addLast(new double[] {steps, seconds});
        while (points.size() > window) points.removeFirst();
    }

    /** Seconds per step between the oldest and the newest point kept, or NaN before two points with steps between them. */
    double secondsPerStep() {
        if (points.size() < 2) return Double.NaN;
        double[] first = points.peekFirst(), last = points.peekLast();
        double steps = last[0] - first[0];
        return steps > 0 ? (last[1] - first[1]) / steps : Double.NaN;
    }
}
