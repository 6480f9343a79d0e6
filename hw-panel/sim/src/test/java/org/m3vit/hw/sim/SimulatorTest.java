package org.m3vit.hw.sim;

import org.junit.jupiter.api.Test;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.m3vit.hw.sim.SimTestSupport.TINY;
import static org.m3vit.hw.sim.SimTestSupport.ZCU102;
import static org.m3vit.hw.sim.SimTestSupport.expertBytes;
import static org.m3vit.hw.sim.SimTestSupport.run;
import static org.m3vit.hw.sim.SimTestSupport.withImage;

class SimulatorTest {

    @Test
    void reorderedPeakWeightMemoryDoesNotDependOnExpertsOrTokens() {
        for (HardwareConfig board : SimTestSupport.BOTH) {
            Set<Long> peaks = new HashSet<>();
            for (int e : new int[] {4, 16, 64, 128}) {
                peaks.add(run(board, TINY.withExperts(e, 2), Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg").totals().peakWeightBytes());
            }
            for (int[] hw : new int[][] {{64, 64}, {128, 256}, {256, 256}}) {
                peaks.add(run(board, withImage(TINY, hw[0], hw[1]), Schedule.REORDERED, SyntheticRouting.Kind.SKEWED, "depth").totals().peakWeightBytes());
            }
            assertThat(peaks).as(board.name()).hasSize(1);
        }
    }

    @Test
    void naiveResidentWeightMemoryGrowsLinearlyWithExperts() {
        long[] resident = new long[4];
        long[] weights = new long[4];
        int[] es = {4, 8, 16, 32};
        for (int i = 0; i < es.length; i++) {
            SimResult r = run(TINY.withExperts(es[i], 2), Schedule.NAIVE_RESIDENT, SyntheticRouting.Kind.UNIFORM, "semseg");
            resident[i] = r.buffer("resident experts").peak();
            weights[i] = r.totals().peakWeightBytes();
        }
        for (int i = 0; i < es.length; i++) {
            assertThat(resident[i]).isEqualTo(es[i] * expertBytes(TINY));
            long pingPong = 2L * (768 * 192 * 2 + 768 * 2) + 2 * 192 * 2;
            assertThat(weights[i]).isBetween(resident[i], resident[i] + pingPong);
        }
        assertThat(weights[3] - weights[2]).isGreaterThanOrEqualTo(16 * expertBytes(TINY) - 2L * 768 * 192 * 2);
    }

    @Test
    void naiveRefetchWeightTrafficIsTokensTimesK() {
        for (int[] size : new int[][] {{64, 128}, {128, 256}}) {
            for (int k : new int[] {1, 2, 4}) {
                ModelConfig m = withImage(TINY, size[0], size[1]).withExperts(16, k);
                SimResult r = run(m, Schedule.NAIVE_REFETCH, SyntheticRouting.Kind.UNIFORM, "semseg");
                long expertTraffic = r.events().stream().filter(e -> e.lane() == Lane.WEIGHT_DDR && e.expert() >= 0)
                        .mapToLong(SimEvent::weightBytes).sum();
                assertThat(expertTraffic).as("%dx%d k=%d", size[0], size[1], k)
                        .isEqualTo((long) m.numTokens() * k * expertBytes(m) * m.moeBlocks().size());
            }
        }
    }

    @Test
    void reorderedLoadsEachActiveExpertOnceAndEmptyExpertsNever() {
        ModelConfig m = TINY.withExperts(64, 2);
        RoutingTrace trace = SyntheticRouting.trace(m, "semseg", SyntheticRouting.Kind.SKEWED, 3);
        SimResult r = Simulator.run(m, List.of(trace, trace), ZCU102, Schedule.REORDERED, false);
        Map<String, Integer> loads = new HashMap<>();
        for (SimEvent e : r.events()) {
            if (e.lane() == Lane.WEIGHT_DDR && e.expert() >= 0) loads.merge(e.inference() + "/" + e.layer() + "/" + e.op() + "/" + e.expert(), 1, Integer::sum);
        }
        assertThat(loads.values()).containsOnly(1);
        int empty = 0;
        for (int inf = 0; inf < 2; inf++) {
            for (int b : m.moeBlocks()) {
                int[] counts = trace.layerForBlock(b).tokensPerExpert();
                for (int e = 0; e < counts.length; e++) {
                    boolean loaded = loads.containsKey(inf + "/block " + b + "/expert fc1+gelu/" + e);
                    assertThat(loaded).as("block %d expert %d with %d tokens", b, e, counts[e]).isEqualTo(counts[e] > 0);
                    if (counts[e] == 0) empty++;
                }
            }
        }
        assertThat(empty).as("skewed routing over 64 experts leaves some empty").isPositive();
    }

    @Test
    void noTwoEventsOverlapOnOneLane() {
        for (HardwareConfig hw : SimTestSupport.BOTH) for (Schedule s : Schedule.values()) {
            SimResult r = run(hw, TINY, s, SyntheticRouting.Kind.UNIFORM, "semseg", "depth");
            for (Lane lane : Lane.values()) {
                // as built, the activation "lane" is five bundles: their streams may overlap (zero_output beside gating)
                if (lane == Lane.ACTIVATION_DDR && hw.modelsTheBoard()) continue;
                List<SimEvent> list = r.eventsOn(lane);
                for (int i = 1; i < list.size(); i++) {
                    assertThat(list.get(i).startCycle()).as("%s %s after %s", s, list.get(i).label(), list.get(i - 1).label())
                            .isGreaterThanOrEqualTo(list.get(i - 1).endCycle());
                }
            }
        }
    }

    @Test
    void everyComputationStartsAfterItsWeightsArrive() {
        for (HardwareConfig hw : SimTestSupport.BOTH) for (Schedule s : Schedule.values()) {
            SimResult r = run(hw, TINY, s, SyntheticRouting.Kind.SKEWED, "depth");
            int checked = 0;
            for (SimEvent e : r.events()) {
                if (e.lane() == Lane.LINEAR || e.lane() == Lane.GATING) {
                    assertThat(e.waitsFor()).as("%s needs weights", e.label()).isNotEmpty();
                }
                for (int w : e.waitsFor()) {
                    SimEvent load = r.events().get(w);
                    assertThat(load.lane()).isEqualTo(Lane.WEIGHT_DDR);
                    assertThat(load.expert()).isEqualTo(e.expert());
                    assertThat(load.layer()).isEqualTo(e.layer());
                    assertThat(e.startCycle()).as("%s vs %s", e.label(), load.label()).isGreaterThanOrEqualTo(load.endCycle());
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(100);
        }
    }

    @Test
    void totalCyclesLieBetweenRooflineAndSerialSum() {
        for (HardwareConfig hw : SimTestSupport.BOTH) for (Schedule s : Schedule.values()) {
            for (boolean heads : new boolean[] {false, true}) {
                ModelConfig m = heads ? withImage(TINY, 64, 64) : TINY;
                SimResult r = Simulator.run(m, SyntheticRouting.sequence(m, List.of("semseg", "depth"), SyntheticRouting.Kind.UNIFORM, 1),
                        hw, s, heads);
                SimTotals t = r.totals();
                assertThat(t.cycles()).as("%s heads=%s", s, heads).isGreaterThanOrEqualTo(t.rooflineLowerBoundCycles())
                        .isLessThanOrEqualTo(t.serialUpperBoundCycles());
                // the bound is not vacuous: overlap of loads and computation must show
                assertThat(t.cycles()).isLessThan(t.serialUpperBoundCycles());
            }
        }
    }

    @Test
    void oneLinearLayerMatchesHandComputation() {
        SimResult r = run(TINY, Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg");
        SimEvent q = find(r, Lane.LINEAR, "block 0", "q");
        // N = 128 patches + cls = 129 tokens; 192x192 weights on a 16x16 array:
        // (192/16) x (192/16) = 144 tiles per token -> 129 x 144 = 18,576 cycles, plus the 64-cycle m_axi latency.
        assertThat(q.durationCycles()).isEqualTo(64 + 129 * 144);
        assertThat(q.macs()).isEqualTo(129L * 192 * 192);
        SimEvent qAct = find(r, Lane.ACTIVATION_DDR, "block 0", "q");
        // reads 129 x 192 activations and writes 129 x 192, 4 bytes each
        assertThat(qAct.activationBytes()).isEqualTo(2L * 129 * 192 * 4);
        SimEvent qLoad = find(r, Lane.WEIGHT_DDR, "block 0", "q");
        // 192x192 16-bit weights + 192 16-bit biases = 74,112 B through one 256-bit port (32 B/cycle) = 2,316 cycles + 64
        assertThat(qLoad.weightBytes()).isEqualTo(74_112);
        assertThat(qLoad.durationCycles()).isCloseTo(64 + 74_112 / 32.0, within(1e-6));
    }

    @Test
    void attentionReadsKeysOncePerBatchOfQueryRows() {
        SimResult r = run(TINY, Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg");
        SimEvent qk = find(r, Lane.ACTIVATION_DDR, "block 0", "qk^T+softmax h0");
        int n = 129, dh = 64, p = 4;
        long batches = (n + p - 1) / p; // 33
        // N query rows + 33 x N key rows of 64 values, then N x N scores written, 4 bytes each
        assertThat(qk.activationBytes()).isEqualTo((n + batches * n) * dh * 4 + (long) n * n * 4);
        SimEvent qkUnit = find(r, Lane.ATTENTION, "block 0", "qk^T+softmax h0");
        // 33 batches x 129 keys x (64 / 8) feature blocks, plus the latency
        assertThat(qkUnit.durationCycles()).isEqualTo(64 + batches * n * 8);
    }

    @Test
    void reorderedTaskSwitchCostsTheSameAsRepeatingWithEqualExpertSets() {
        RoutingTrace semseg = SyntheticRouting.trace(TINY, "semseg", SyntheticRouting.Kind.DISJOINT, 5);
        RoutingTrace depthSameSizes = relabel(semseg, "depth", 1, 1);
        SimResult switched = Simulator.run(TINY, List.of(semseg, depthSameSizes), ZCU102, Schedule.REORDERED, false);
        SimResult repeated = Simulator.run(TINY, List.of(semseg, semseg), ZCU102, Schedule.REORDERED, false);
        InferenceSummary a = switched.inferences().get(1);
        InferenceSummary b = repeated.inferences().get(1);
        assertThat(a.intervalCycles()).isEqualTo(b.intervalCycles());
        assertThat(a.ddrBytes()).isEqualTo(b.ddrBytes());
        assertThat(a.peakOnChipBytes()).isEqualTo(b.peakOnChipBytes());
        assertThat(a.energyMj()).isCloseTo(b.energyMj(), within(1e-12));
        TaskSwitch sw = switched.taskSwitches().get(0);
        assertThat(sw.gateChanged()).isTrue();
        assertThat(sw.extraCycles()).isZero();
        // what changed: every MoE block uses a disjoint set of experts of equal size
        for (ExpertSetChange c : sw.experts()) {
            assertThat(c.added()).isEqualTo(c.after().length).isEqualTo(c.before().length);
            assertThat(c.removed()).isEqualTo(c.before().length);
        }
        // and the gate loaded after the switch is the other task's, of the same size
        List<SimEvent> gates = switched.events().stream().filter(e -> e.op().startsWith("gate load") && e.inference() == 1).toList();
        assertThat(gates).allSatisfy(e -> assertThat(e.op()).contains("depth"));
        assertThat(gates).allSatisfy(e -> assertThat(e.weightBytes()).isEqualTo(16L * 192 * 2));
    }

    @Test
    void firstInferenceIsIndependentOfWhatFollows() {
        SimResult one = run(TINY, Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg");
        SimResult three = run(TINY, Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg", "depth", "semseg");
        assertThat(three.inferences().get(0).ddrBytes()).isEqualTo(one.inferences().get(0).ddrBytes());
        assertThat(three.inferences().get(2).ddrBytes()).isEqualTo(one.inferences().get(0).ddrBytes());
        assertThat(three.totals().cycles()).isGreaterThan(2.5 * one.totals().cycles());
    }

    @Test
    void rejectsATraceOfAnotherConfig() {
        RoutingTrace t = SyntheticRouting.trace(TINY.withExperts(8, 2), "semseg", SyntheticRouting.Kind.UNIFORM, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Simulator.run(TINY, List.of(t), ZCU102, Schedule.REORDERED, false))
                .hasMessageContaining("8 experts, the model has 16");
    }

    /** The trace with every expert id e mapped to e + shift (mod E) and another task: same queue sizes in the same order. */
    static RoutingTrace relabel(RoutingTrace t, String task, int taskIndex, int shift) {
        List<LayerRouting> layers = new ArrayList<>();
        for (LayerRouting l : t.layers()) {
            int e = l.numExperts();
            int[][] ex = new int[l.numTokens()][];
            float[][] pr = new float[l.numTokens()][e];
            for (int i = 0; i < ex.length; i++) {
                ex[i] = l.experts()[i].clone();
                for (int j = 0; j < ex[i].length; j++) ex[i][j] = (ex[i][j] + shift) % e;
                for (int x = 0; x < e; x++) pr[i][(x + shift) % e] = l.probabilities()[i][x];
            }
            layers.add(new LayerRouting(l.block(), ex, l.weights(), pr));
        }
        return new RoutingTrace(t.model(), task, taskIndex, t.gridHeight(), t.gridWidth(), t.numExperts(), t.topK(), layers, t.macs());
    }

    private static SimEvent find(SimResult r, Lane lane, String layer, String op) {
        return r.events().stream().filter(e -> e.lane() == lane && e.layer().equals(layer) && e.op().equals(op))
                .min(Comparator.comparingDouble(SimEvent::startCycle))
                .orElseThrow(() -> new AssertionError("no " + lane + " event " + layer + " " + op));
    }
}
