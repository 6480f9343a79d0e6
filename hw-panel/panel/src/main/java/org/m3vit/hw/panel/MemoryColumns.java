package org.m3vit.hw.panel;

import org.m3vit.hw.sim.MemoryCurve;

/** A step curve reduced to pixel columns: the largest occupancy within each column of the visible range. */
public final class MemoryColumns {

    private MemoryColumns() { }

    /** Peak bytes of {@code c} within each of {@code columns} equal slices of [from, to]; one pass over the curve. */
    public static long[] peaks(MemoryCurve c, double from, double to, int columns) {
        long[] out = new long[columns];
        double[] cyc = c.cycles();
        long[] by = c.bytes();
        double width = (to - from) / columns;
        int i = 0;
        long current = 0;
        while (i < cyc.length && cyc[i] <= from) current = by[i++];
        for (int col = 0; col < columns; col++) {
            double hi = from + (col + 1) * width;
            long peak = current;
            while (i < cyc.length && cyc[i] <= hi) {
                current = by[i++];
                peak = Math.max(peak, current);
            }
            out[col] = peak;
        }
        return out;
    }
}
