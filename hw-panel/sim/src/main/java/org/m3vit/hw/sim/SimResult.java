package org.m3vit.hw.sim;

import java.util.List;

/**
 * Everything one simulation produced: the events on their lanes, each buffer's occupancy
 * curve, the total and weight-only on-chip curves, per-inference figures, totals with their
 * bounds, and the task switches of the sequence.
 */
public record SimResult(
        String model,
        HardwareConfig hardware,
        Schedule schedule,
        boolean includeHeads,
        List<SimEvent> events,
        List<MemoryCurve> buffers,
        MemoryCurve onChipTotal,
        MemoryCurve weightsOnChip,
        List<InferenceSummary> inferences,
        SimTotals totals,
        List<TaskSwitch> taskSwitches) {

    public SimResult {
        events = List.copyOf(events);
        buffers = List.copyOf(buffers);
        inferences = List.copyOf(inferences);
        taskSwitches = List.copyOf(taskSwitches);
    }

    /** The events of one lane, in time order. */
    public List<SimEvent> eventsOn(Lane lane) {
        return events.stream().filter(e -> e.lane() == lane)
                .sorted(java.util.Comparator.comparingDouble(SimEvent::startCycle)).toList();
    }

    /** The occupancy curve of the buffer called {@code name}. */
    public MemoryCurve buffer(String name) {
        for (MemoryCurve c : buffers) if (c.buffer().equals(name)) return c;
        throw new IllegalArgumentException("no buffer '" + name + "'; buffers: " + buffers.stream().map(MemoryCurve::buffer).toList());
    }

    /** Cycles a lane was busy. */
    public double busyCycles(Lane lane) {
        double sum = 0;
        for (SimEvent e : events) if (e.lane() == lane) sum += e.durationCycles();
        return sum;
    }

    /** DDR bandwidth over time in {@code bins} equal bins. */
    public BandwidthCurve bandwidth(int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        double span = Math.max(1, totals.cycles());
        double width = span / bins;
        double[] w = new double[bins];
        double[] a = new double[bins];
        for (SimEvent e : events) {
            if (e.ddrBytes() == 0) continue;
            double dur = Math.max(e.durationCycles(), 1e-9);
            int first = (int) Math.min(bins - 1, Math.floor(e.startCycle() / width));
            int last = (int) Math.min(bins - 1, Math.floor(e.endCycle() / width));
            for (int i = first; i <= last; i++) {
                double lo = Math.max(e.startCycle(), i * width);
                double hi = Math.min(e.endCycle(), (i + 1) * width);
                double share = e.durationCycles() == 0 ? 1 : Math.max(0, hi - lo) / dur;
                w[i] += e.weightBytes() * share;
                a[i] += e.activationBytes() * share;
            }
        }
        double binSeconds = width / (hardware.clockMhz() * 1e6);
        for (int i = 0; i < bins; i++) {
            w[i] = w[i] / binSeconds / 1e9;
            a[i] = a[i] / binSeconds / 1e9;
        }
        return new BandwidthCurve(width, hardware.cyclesToUs(width), w, a);
    }
}
