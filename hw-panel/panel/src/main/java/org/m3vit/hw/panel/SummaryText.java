package org.m3vit.hw.panel;

import org.m3vit.hw.sim.EnergyBreakdown;
import org.m3vit.hw.sim.InferenceSummary;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.SimTotals;
import org.m3vit.hw.sim.TaskSwitch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary's rows as text (label, value): per-image figures, energy split, task-switch costs and ratios between schedules. */
public final class SummaryText {

    /** One row of the summary table. */
    public record Row(String label, String value) { }

    private SummaryText() { }

    /** Rows for the selected schedule of {@code runs}. */
    public static List<Row> rows(SimRuns runs) {
        List<Row> rows = new ArrayList<>();
        SimResult r = runs.primary();
        SimTotals t = r.totals();
        int n = r.inferences().size();
        rows.add(new Row("simulated", String.join(" -> ", runs.tasks()) + "  (" + runs.source() + ", schedule "
                + r.schedule().cliName() + ", hardware " + r.hardware().name() + (r.includeHeads() ? ", with task heads" : "") + ")"));
        double msPerImage = t.ms() / n;
        rows.add(new Row("latency", String.format(Locale.ROOT, "%.3f ms for %d inference%s (%.3f ms per image, %.1f FPS)",
                t.ms(), n, n > 1 ? "s" : "", msPerImage, 1000.0 / msPerImage)));
        rows.add(new Row("DDR traffic", String.format(Locale.ROOT, "%s per image (weights %s, activations %s)",
                TimeFormat.bytes(t.ddrBytes() / (double) n), TimeFormat.bytes(t.ddrWeightBytes() / (double) n),
                TimeFormat.bytes(t.ddrActivationBytes() / (double) n))));
        rows.add(new Row("peak on-chip memory", String.format(Locale.ROOT, "%s (weights %s) of %s on the device: %s",
                TimeFormat.bytes(t.peakOnChipBytes()), TimeFormat.bytes(t.peakWeightBytes()), TimeFormat.bytes(t.onChipBudgetBytes()),
                t.fitsOnChip() ? "fits" : "DOES NOT FIT")));
        EnergyBreakdown e = t.energy();
        rows.add(new Row("energy per image", String.format(Locale.ROOT, "%.2f mJ: DDR %.2f, on-chip RAM %.2f, MACs %.2f, static %.2f",
                e.totalMj() / n, e.ddrMj() / n, e.onChipMj() / n, e.macMj() / n, e.staticMj() / n)));
        for (InferenceSummary s : n > 1 ? r.inferences() : List.<InferenceSummary>of()) {
            rows.add(new Row("  inference " + (s.index() + 1) + " " + s.task(), String.format(Locale.ROOT,
                    "%.3f ms, DDR %s, %d expert matrices loaded, %.2f mJ", s.intervalMs(), TimeFormat.bytes(s.ddrBytes()),
                    s.expertLoads(), s.energyMj())));
        }
        for (TaskSwitch sw : r.taskSwitches()) {
            rows.add(new Row("  switch " + sw.fromTask() + " -> " + sw.toTask(), String.format(Locale.ROOT,
                    "%.3f ms vs %.3f ms repeating %s (%+.3f ms), experts %s; no extra step: only the gate matrix differs",
                    r.hardware().cyclesToMs(sw.switchCycles()), r.hardware().cyclesToMs(sw.repeatCycles()), sw.fromTask(),
                    r.hardware().cyclesToMs(sw.extraCycles()), swapped(sw))));
        }
        for (Schedule s : Schedule.values()) {
            if (s == runs.selected() || !runs.results().containsKey(s)) continue;
            SimTotals o = runs.results().get(s).totals();
            rows.add(new Row(s.cliName() + " / " + runs.selected().cliName(), String.format(Locale.ROOT,
                    "latency %s, DDR %s, peak on-chip %s, energy %s", TimeFormat.ratio(o.cycles() / t.cycles()),
                    TimeFormat.ratio((double) o.ddrBytes() / t.ddrBytes()), TimeFormat.ratio((double) o.peakOnChipBytes() / t.peakOnChipBytes()),
                    TimeFormat.ratio(o.energyMj() / t.energyMj()))));
        }
        if (!t.capacityWarnings().isEmpty()) rows.add(new Row("note", String.join("; ", t.capacityWarnings())));
        return rows;
    }

    private static String swapped(TaskSwitch sw) {
        int added = 0, removed = 0;
        for (var c : sw.experts()) {
            added += c.added();
            removed += c.removed();
        }
        return "+" + added + "/-" + removed;
    }
}
