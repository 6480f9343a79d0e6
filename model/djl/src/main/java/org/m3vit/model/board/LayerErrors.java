package org.m3vit.model.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per backbone layer, how far one arithmetic's residual stream lies from a reference's over many
 * passes: the largest and the mean absolute difference, the reference's RMS (for scale) and the
 * values that wrapped around in the compared arithmetic.
 */
public final class LayerErrors {

    /** One layer's row of the report. */
    public record Row(String layer, double maxAbsError, double meanAbsError, double referenceRms, long wraps) { }

    private static final class Sums {
        double max;
        double abs;
        double squares;
        long values;
        long wraps;
    }

    private final Map<String, Sums> layers = new LinkedHashMap<>();

    /** Adds one pass: {@code run}'s layers against {@code reference}'s (the same structure, so the same layers in the same order). */
    public void add(BackboneRun reference, BackboneRun run) {
        if (reference.layers().size() != run.layers().size()) throw new IllegalArgumentException("the runs have different layers");
        for (int l = 0; l < run.layers().size(); l++) {
            BackboneRun.Layer a = reference.layers().get(l), b = run.layers().get(l);
            if (!a.name().equals(b.name())) throw new IllegalArgumentException("layer " + a.name() + " compared with " + b.name());
            Sums s = layers.computeIfAbsent(a.name(), k -> new Sums());
            double[] x = a.values().values(), y = b.values().values();
            for (int i = 0; i < x.length; i++) {
                double e = Math.abs(x[i] - y[i]);
                s.max = Math.max(s.max, e);
                s.abs += e;
                s.squares += x[i] * x[i];
            }
            s.values += x.length;
            s.wraps += b.wraps();
        }
    }

    /** One row per layer, in network order. */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        layers.forEach((name, s) -> out.add(new Row(name, s.max, s.abs / s.values, Math.sqrt(s.squares / s.values), s.wraps)));
        return out;
    }
}
