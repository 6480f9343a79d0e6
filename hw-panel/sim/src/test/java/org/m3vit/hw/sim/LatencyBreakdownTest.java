package org.m3vit.hw.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.m3vit.hw.sim.SimTestSupport.TINY;

class LatencyBreakdownTest {

    @Test
    void rowsSumToEachInferencesLatencyAndToTheTotal() {
        for (HardwareConfig hw : SimTestSupport.BOTH) for (Schedule s : Schedule.values()) {
            SimResult r = SimTestSupport.run(hw, TINY, s, SyntheticRouting.Kind.SKEWED, "semseg", "depth", "semseg");
            for (InferenceSummary inf : r.inferences()) {
                assertThat(LatencyBreakdown.totalMs(LatencyBreakdown.of(r, inf.index()))).as("%s %s #%d", hw.name(), s, inf.index())
                        .isCloseTo(inf.latencyMs(), within(1e-9));
            }
            assertThat(LatencyBreakdown.totalMs(LatencyBreakdown.ofAll(r))).isCloseTo(r.totals().ms(), within(1e-9));
        }
    }

    @Test
    void asBuiltTheDenseWeightLoadsAreOnTheCriticalPathIdealisedTheyHide() {
        SimResult board = SimTestSupport.run(SimTestSupport.BOARD, TINY, Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg");
        SimResult ideal = SimTestSupport.run(SimTestSupport.ZCU102, TINY, Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg");
        // as built, K's load follows Q's computation: all of its 4,760 cycles (BoardOperationCyclesTest) are waited for
        assertThat(row(LatencyBreakdown.of(board, 0), "block 3", "k (weights)").cycles()).isCloseTo(4_760, within(1e-6));
        // idealised, K's load runs while Q computes: it never holds the timeline
        assertThat(LatencyBreakdown.of(ideal, 0)).noneMatch(r -> r.layer().equals("block 3") && r.op().equals("k (weights)"));
        assertThat(LatencyBreakdown.msByOpClass(LatencyBreakdown.of(ideal, 0))).containsKey("qk^T+softmax"); // heads merged
    }

    private static BreakdownRow row(List<BreakdownRow> rows, String layer, String op) {
        return rows.stream().filter(r -> r.layer().equals(layer) && r.op().equals(op)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + layer + " " + op));
    }
}
