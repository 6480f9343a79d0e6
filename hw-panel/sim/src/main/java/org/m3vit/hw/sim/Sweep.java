package org.m3vit.hw.sim;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;

/** Runs the simulator over a grid of expert counts and top-k values with synthetic routing (for the panel's sweep chart). */
public final class Sweep {

    /** One grid point's figures (of the first inference; the sequence totals where named). */
    public record Point(int experts, int topK, double latencyMs, double fps, long ddrBytes, long ddrWeightBytes,
                        long peakOnChipBytes, long peakWeightBytes, double energyMj, boolean fitsOnChip, int expertLoads) { }

    private Sweep() { }

    /**
     * Simulates every (E, k) with k <= E; other combinations are skipped.
     *
     * @param tasks the task sequence of each run (e.g. one task, or a switch sequence)
     */
    public static List<Point> run(ModelConfig base, HardwareConfig hw, Schedule schedule, List<Integer> experts,
                                  List<Integer> topKs, SyntheticRouting.Kind routing, long seed, List<String> tasks,
                                  boolean includeHeads) {
        List<Point> points = new ArrayList<>();
        for (int e : experts) {
            for (int k : topKs) {
                if (k > e) continue;
                ModelConfig m = base.withExperts(e, k);
                List<RoutingTrace> traces = SyntheticRouting.sequence(m, tasks, routing, seed);
                SimResult r = Simulator.simulate(m, traces, hw, schedule, includeHeads);
                InferenceSummary first = r.inferences().get(0);
                points.add(new Point(e, k, first.latencyMs(), first.fps(), first.ddrBytes(), first.ddrWeightBytes(),
                        first.peakOnChipBytes(), first.peakWeightBytes(), first.energyMj(), r.totals().fitsOnChip(),
                        first.expertLoads()));
            }
        }
        return points;
    }
}
