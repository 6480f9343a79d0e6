package org.m3vit.model.board;

import java.util.ArrayList;
import java.util.List;

/**
 * Which weights a quantising arithmetic converted into which format, and how many of them lay
 * outside the format's range (and so wrapped around: a weight of 2.3 in ap_fixed&lt;16,2&gt; becomes
 * -1.7). Filled while the weights are prepared.
 */
public final class WeightReport {

    /** One converted tensor (or a part of one, e.g. the q rows of qkv). */
    public record Entry(String tensor, String format, int values, int outOfRange, double maxAbs, double formatMax) { }

    private final List<Entry> entries = new ArrayList<>();

    /** Records that {@code values} of {@code tensor} were converted to {@code format}. */
    public void add(String tensor, FixedFormat format, double[] values) {
        int out = 0;
        double maxAbs = 0;
        for (double v : values) {
            if (!format.fits(v)) out++;
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        entries.add(new Entry(tensor, format.name(), values.length, out, maxAbs, format.max()));
    }

    /** Every converted tensor, in preparation order. */
    public List<Entry> entries() { return List.copyOf(entries); }

    /** The tensors with at least one value out of range. */
    public List<Entry> outOfRange() { return entries.stream().filter(e -> e.outOfRange() > 0).toList(); }

    /** Values converted in all. */
    public long values() { return entries.stream().mapToLong(Entry::values).sum(); }
}
