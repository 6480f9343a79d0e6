package org.m3vit.hw.sim;

import java.util.List;

/**
 * Figures of a whole simulated sequence, with the bounds the timeline must respect.
 *
 * @param cycles                  end of the last event
 * @param computeBoundCycles      compute units' minimum busy time at full rate (they run one at a time)
 * @param bandwidthBoundCycles    max(all DDR bytes / DDR rate, weight bytes / weight-port rate)
 * @param serialUpperBoundCycles  sum of all op durations: no overlap at all
 * @param onChipBudgetBytes       the device's on-chip RAM
 * @param fitsOnChip              peak on-chip bytes within the budget
 * @param capacityWarnings        where the model needs larger static buffers (gate, queues) than the
 *                                hardware config was built with; the simulation assumes them resized
 */
public record SimTotals(
        double cycles,
        double ms,
        long ddrWeightBytes,
        long ddrActivationBytes,
        long peakOnChipBytes,
        long peakWeightBytes,
        long macs,
        EnergyBreakdown energy,
        double computeBoundCycles,
        double bandwidthBoundCycles,
        double serialUpperBoundCycles,
        long onChipBudgetBytes,
        boolean fitsOnChip,
        List<String> capacityWarnings) {

    public SimTotals {
        capacityWarnings = List.copyOf(capacityWarnings);
    }

    /** All DDR bytes. */
    public long ddrBytes() { return ddrWeightBytes + ddrActivationBytes; }

    /** Total energy. */
    public double energyMj() { return energy.totalMj(); }

    /** The roofline lower bound: max of compute-bound and bandwidth-bound cycles. */
    public double rooflineLowerBoundCycles() { return Math.max(computeBoundCycles, bandwidthBoundCycles); }
}
