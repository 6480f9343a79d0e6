package org.m3vit.hw.panel;

import org.m3vit.hw.sim.LatencyBreakdown;
import org.m3vit.hw.sim.SimResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latency of one simulated input per operation class, on the board as built next to the
 * idealised design: what each class costs in both and what the board loses there.
 *
 * @param asBuiltName  hardware config of the as-built run
 * @param idealName    hardware config of the idealised run
 * @param rows         one per operation class, largest as-built time first
 */
public record BreakdownRows(String asBuiltName, String idealName, double asBuiltMs, double idealMs, List<Row> rows) {

    /** One operation class: its milliseconds as built and idealised (0 where the class does not occur). */
    public record Row(String op, double asBuiltMs, double idealMs) {
        /** Milliseconds the board as built spends beyond the idealised design (negative: it is faster there). */
        public double lostMs() { return asBuiltMs - idealMs; }
    }

    public BreakdownRows {
        rows = List.copyOf(rows);
    }

    /** The comparison of two runs of the same input (whole sequences). */
    public static BreakdownRows of(SimResult asBuilt, SimResult ideal) {
        Map<String, Double> a = LatencyBreakdown.msByOpClass(LatencyBreakdown.ofAll(asBuilt));
        Map<String, Double> i = LatencyBreakdown.msByOpClass(LatencyBreakdown.ofAll(ideal));
        Set<String> ops = new LinkedHashSet<>(a.keySet());
        ops.addAll(i.keySet());
        List<Row> rows = new ArrayList<>();
        for (String op : ops) rows.add(new Row(op, a.getOrDefault(op, 0.0), i.getOrDefault(op, 0.0)));
        rows.sort((x, y) -> Double.compare(y.asBuiltMs(), x.asBuiltMs()));
        return new BreakdownRows(asBuilt.hardware().name(), ideal.hardware().name(), asBuilt.totals().ms(), ideal.totals().ms(), rows);
    }
}
