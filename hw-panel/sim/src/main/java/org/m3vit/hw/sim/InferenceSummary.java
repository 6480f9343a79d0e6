package org.m3vit.hw.sim;

import java.util.Map;

/**
 * Figures of one inference in a simulated sequence.
 *
 * @param startCycle       start of its first event
 * @param endCycle         end of its last event
 * @param latencyCycles    end - start
 * @param intervalCycles   end - previous inference's end (its share of the timeline; = latency for the first)
 * @param expertLoads      expert weight matrices (FC1 or FC2, whole) loaded from DDR
 * @param activeExperts    per MoE block, the number of experts with at least one token
 */
public record InferenceSummary(
        int index,
        String task,
        int taskIndex,
        double startCycle,
        double endCycle,
        double latencyCycles,
        double intervalCycles,
        double latencyMs,
        double intervalMs,
        long ddrWeightBytes,
        long ddrActivationBytes,
        long peakOnChipBytes,
        long peakWeightBytes,
        long macs,
        int expertLoads,
        Map<Integer, Integer> activeExperts,
        EnergyBreakdown energy) {

    /** All DDR bytes. */
    public long ddrBytes() { return ddrWeightBytes + ddrActivationBytes; }

    /** Total energy. */
    public double energyMj() { return energy.totalMj(); }

    /** Frames per second if inferences like this one follow each other (1 / interval). */
    public double fps() { return 1000.0 / intervalMs; }
}
