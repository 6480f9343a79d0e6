package org.m3vit.hw.sim;

/**
 * Occupancy of one on-chip buffer (or of their sum) over time as a step curve: from
 * {@code cycles[i]} on, the buffer holds {@code bytes[i]} bytes until the next step.
 */
public record MemoryCurve(String buffer, boolean holdsWeights, double[] cycles, long[] bytes) {

    public MemoryCurve {
        if (cycles.length != bytes.length) throw new IllegalArgumentException(buffer + ": cycles and bytes differ in length");
    }

    /** Largest occupancy. */
    public long peak() {
        long p = 0;
        for (long b : bytes) p = Math.max(p, b);
        return p;
    }

    /** Largest occupancy within [from, to] (the value holding at {@code from} counts). */
    public long peakBetween(double from, double to) {
        long p = 0;
        long current = 0;
        for (int i = 0; i < cycles.length; i++) {
            if (cycles[i] <= from) current = bytes[i];
            else if (cycles[i] <= to) p = Math.max(p, bytes[i]);
        }
        return Math.max(p, current);
    }

    /** Number of steps. */
    public int size() { return cycles.length; }
}
