package org.m3vit.visualizer.legend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick values for an axis or colour bar: steps of 1, 2 or 5 x 10^n inside [lo, hi], at most
 * a given number of them, each label written with as many decimals as the step needs (so two
 * ticks never read the same).
 */
public final class NiceTicks {

    private NiceTicks() { }

    /** Tick values and their labels. */
    public record Ticks(List<Double> values, List<String> labels) { }

    /** At most {@code maxTicks} (at least 2) round ticks in [lo, hi]; a degenerate range gives its one value. */
    public static Ticks of(double lo, double hi, int maxTicks) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            double v = Double.isFinite(lo) ? lo : 0;
            return new Ticks(List.of(v), List.of(format(v, 2)));
        }
        int max = Math.max(2, maxTicks);
        double step = niceStep((hi - lo) / (max - 1));
        List<Double> values = ticks(lo, hi, step);
        while (values.size() > max) {
            step = niceStep(step * 1.5);
            values = ticks(lo, hi, step);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<String> labels = new ArrayList<>();
        for (double v : values) labels.add(format(v, decimals));
        return new Ticks(values, labels);
    }

    /** The smallest of 1, 2, 5 x 10^n that is at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw * (1 - 1e-9)) return m * p;
        return 10 * p;
    }

    private static List<Double> ticks(double lo, double hi, double step) {
        List<Double> out = new ArrayList<>();
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (int k = 0; first + k * step <= hi + step * 1e-9; k++) {
            double v = first + k * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return out;
    }

    private static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
