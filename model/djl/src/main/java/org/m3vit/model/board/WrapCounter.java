package org.m3vit.model.board;

/**
 * Counts the results that left the activation format's range [-512, 512) and wrapped around
 * (AP_WRAP), so a report can say where the board's formats are too narrow for a model. Storing
 * through {@link #store} gives the value the board keeps: the low 32 bits of the exact result.
 */
public final class WrapCounter {

    private long wraps;

    /** The exact raw result {@code exact} (22 fractional bits) stored into {@code fm_t}: wrapped, and counted when it had to wrap. */
    public int store(long exact) {
        int kept = (int) exact;
        if (kept != exact) wraps++;
        return kept;
    }

    /** Counts one event that the board computes outside its formats (e.g. a square root of a non-positive variance). */
    public void count() { wraps++; }

    /** Events counted so far. */
    public long wraps() { return wraps; }
}
