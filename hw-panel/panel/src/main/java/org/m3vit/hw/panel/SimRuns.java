package org.m3vit.hw.panel;

import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.RoutingTrace;

import java.util.List;
import java.util.Map;

/**
 * One simulated input (a task sequence on one image's routing) under every schedule: the
 * result of the schedule the person picked and those of the others, for ratios and compare mode.
 *
 * @param source  where the routing came from, e.g. "routing of scene-1.png"
 */
public record SimRuns(String source, List<RoutingTrace> traces, Schedule selected, Map<Schedule, SimResult> results) {

    public SimRuns {
        traces = List.copyOf(traces);
        results = Map.copyOf(results);
        if (!results.containsKey(selected)) throw new IllegalArgumentException("no result for the selected schedule " + selected.cliName());
    }

    /** The selected schedule's result. */
    public SimResult primary() { return results.get(selected); }

    /** The tasks of the simulated sequence, in order. */
    public List<String> tasks() { return traces.stream().map(RoutingTrace::task).toList(); }

    /** Cycles of the longest run (the common time axis of compare mode). */
    public double maxCycles() {
        double m = 1;
        for (SimResult r : results.values()) m = Math.max(m, r.totals().cycles());
        return m;
    }

    /** Largest on-chip peak over all schedules (the common memory scale of compare mode). */
    public long maxPeakOnChip() {
        long m = 1;
        for (SimResult r : results.values()) m = Math.max(m, r.totals().peakOnChipBytes());
        return m;
    }
}
