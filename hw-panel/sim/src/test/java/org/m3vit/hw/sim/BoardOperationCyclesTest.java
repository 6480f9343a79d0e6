package org.m3vit.hw.sim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.m3vit.hw.sim.SimTestSupport.BOARD;
import static org.m3vit.hw.sim.SimTestSupport.TINY;

/**
 * Cycles of each operation class on the board as built (edge-moe-zcu102), against counts derived by
 * hand from the HLS loops of sharc-lab/Edge-MoE. Common facts, M3ViT-T: N = 129 tokens, D = 192, so a
 * token row is 24 beats of 32 B (FEATURE_BLOCK_SIZE 8 fm_t); every bundle's PS port moves 16 B per cycle
 * and direction (128 bits at pl_clk0), so one 32-B beat takes 2 port cycles; L = 64 (m_axi latency);
 * the DDR ceiling is 17.06e9 / 299.97e6 = 56.87 B/cycle. Routing: every token picks experts 0 and 5,
 * so in each MoE layer experts 0 and 5 have T = 129 tokens.
 */
class BoardOperationCyclesTest {

    private static final double DDR = 17.06e9 / 299.97e6;
    private static SimResult r;

    @BeforeAll
    static void simulate() {
        RoutingTrace t = routeAllTo(SyntheticRouting.trace(TINY, "semseg", SyntheticRouting.Kind.UNIFORM, 3), 0, 5);
        r = Simulator.run(TINY, List.of(t), BOARD, Schedule.REORDERED, false);
    }

    @Test
    void linearLayerLoadsThenComputesWithoutPrefetch() {
        // load_linear_weights: out x ceil(in/16) = 192 x 12 = 2,304 beats; load_linear_bias: ceil(192/16) = 12 beats;
        // two calls, each L: 2 x 64 + (2,304 + 12) x 32 B / 16 B = 128 + 4,632 = 4,760
        SimEvent load = find(Lane.WEIGHT_DDR, "block 0", "q", -1);
        assertThat(load.durationCycles()).isCloseTo(4_760, within(1e-6));
        // compute_linear: L + max(129 x ceil(192/16) x ceil(192/16) = 18,576 iterations at II=1,
        //                         read 129 x 24 beats x 2 = 6,192, write 6,192) + L (write response) = 18,704
        SimEvent q = find(Lane.LINEAR, "block 0", "q", -1);
        assertThat(q.durationCycles()).isCloseTo(18_704, within(1e-6));
        // the top level runs its steps in order: the load waits for LayerNorm, the computation for the load,
        // and K's load for Q's computation (no prefetch on the dense path)
        assertThat(load.startCycle()).isCloseTo(find(Lane.VECTOR, "block 0", "ln1", -1).endCycle(), within(1e-6));
        assertThat(q.startCycle()).isCloseTo(load.endCycle(), within(1e-6));
        assertThat(find(Lane.WEIGHT_DDR, "block 0", "k", -1).startCycle()).isCloseTo(q.endCycle(), within(1e-6));
    }

    @Test
    void queryTimesKeyReStreamsKForEveryBlockOfFourQueries() {
        // read_kv: ceil((129 + 3) / 4) = 33 query blocks x 129 keys x 24 beats = 102,168 beats of K on inout3,
        // the matmul one iteration per beat (II=1). Streams: Q 3,096 beats (inout2 read), K 102,168 beats
        // (inout3 read), scores 33 x 129 x 4 x 16 B = 272,448 B (inout1 write), statistics 129 x 32 B = 4,128 B
        // (inout4 write). All four at once want 64 B/cycle > DDR 56.87: each gets DDR/4 until the statistics
        // drain (4,128 / (DDR/4) = 290.3 cycles); then three streams at 16 B (48 < DDR). K then needs
        // (3,269,376 - 4,128) / 16 more cycles. Op = L + 290.3 + 204,078 + L.
        double phase1 = 4_128 / (DDR / 4);
        double expected = 64 + phase1 + (102_168.0 * 32 - 4_128) / 16 + 64;
        SimEvent qk = find(Lane.ATTENTION, "block 0", "qk^T+softmax", -1);
        assertThat(qk.durationCycles()).isCloseTo(expected, within(1e-3));
        assertThat(expected).isCloseTo(204_496.3, within(0.1));
        // Q·K^T comes before V's linear layer (ViT_compute.cpp lines 161-165)
        assertThat(find(Lane.WEIGHT_DDR, "block 0", "v", -1).startCycle()).isCloseTo(qk.endCycle(), within(1e-6));
    }

    @Test
    void attentionTimesValueReStreamsV() {
        // read_kv(V): 102,168 beats on inout2; read_attn 272,448 B on inout1 read; statistics 4,128 B on inout4
        // read; output 3,096 beats on inout1 write: the same four-stream start as Q·K^T, then V at 16 B/cycle.
        double expected = 64 + 4_128 / (DDR / 4) + (102_168.0 * 32 - 4_128) / 16 + 64;
        assertThat(find(Lane.ATTENTION, "block 0", "attn x v", -1).durationCycles()).isCloseTo(expected, within(1e-3));
    }

    @Test
    void layerNormPaysItsLatenciesOnEveryRow() {
        // per token (dataflow region, token loop not pipelined): read latency 64 + 24 beats x 2 = 48,
        // sqrt 27 + divide 32, 24 beats written x 2 = 48, write response 64: 283 cycles; 129 x 283 = 36,507
        assertThat(find(Lane.VECTOR, "block 0", "ln1", -1).durationCycles()).isCloseTo(36_507, within(1e-6));
        // load_norms: four loops of 24 reads of 16 B, each paying L: 4 x 64 + 1,536 B / 16 = 352
        assertThat(find(Lane.WEIGHT_DDR, "block 0", "norms", -1).durationCycles()).isCloseTo(352, within(1e-6));
    }

    @Test
    void gatingReadsTheGateStridedAndZeroesTheOutputBesideIt() {
        // load_w_gate: 16 experts x 24 reads of 16 B, expert innermost (stride 384 B): one request per read,
        // 16 outstanding, each answered after 64: 384 x 64 / 16 = 1,536 cycles (port time 384); + L = 1,600
        SimEvent gateLoad = find(Lane.WEIGHT_DDR, "block 1", "gate load (semseg)", -1);
        assertThat(gateLoad.durationCycles()).isCloseTo(1_600, within(1e-6));
        // compute_gating per token: 192 / 8 = 24 dot-product iterations (16 experts x 8 unrolled), 16 softmax
        // updates at II=3 = 48, 16 top-k iterations: 88; 129 x 88 = 11,352 > read 6,192; + L = 11,416
        SimEvent gating = find(Lane.GATING, "block 1", "gating", -1);
        assertThat(gating.durationCycles()).isCloseTo(11_416, within(1e-6));
        // zero_output: 129 x 24 writes, 2 port cycles each = 6,192, + write response 64 = 6,256; an independent
        // call beside load_w_gate and compute_gating, so it starts when LayerNorm 2 ends, with the gate load
        SimEvent zero = find(Lane.VECTOR, "block 1", "zero output", -1);
        assertThat(zero.durationCycles()).isCloseTo(6_256, within(1e-6));
        assertThat(zero.startCycle()).isCloseTo(gateLoad.startCycle(), within(1e-6));
        assertThat(gating.startCycle()).isCloseTo(gateLoad.endCycle(), within(1e-6));
    }

    @Test
    void expertFc1AndFc2GatherScatterAndOverlapTheNextLoad() {
        int t = 129;
        // FC1 load: 384 x 12 + 24 beats, 2 calls: 128 + 4,632 x 2 = 9,392; FC2 load: 192 x 24 + 12 beats: 128 + 9,240 = 9,368
        assertThat(find(Lane.WEIGHT_DDR, "block 1", "expert fc1+gelu", 0).durationCycles()).isCloseTo(9_392, within(1e-6));
        // FC1: L + max(T x 24 x 12 = 288 T, gather T x 24 beats x 2 = 48 T, write T x 48 beats x 2 = 96 T) + L
        SimEvent fc1 = find(Lane.LINEAR, "block 1", "expert fc1+gelu", 0);
        assertThat(fc1.durationCycles()).isCloseTo(288.0 * t + 128, within(1e-6));
        // FC2: L + max(288 T, gather tmp_hidden 96 T, read-modify-write of out 48 T + 48 T) + L
        SimEvent fc2 = find(Lane.LINEAR, "block 1", "expert fc2", 5);
        assertThat(fc2.durationCycles()).isCloseTo(288.0 * t + 128, within(1e-6));
        // the expert loop: the FC2 load starts with FC1's computation (independent calls in one block) ...
        SimEvent fc2Load = find(Lane.WEIGHT_DDR, "block 1", "expert fc2", 0);
        assertThat(fc2Load.startCycle()).isCloseTo(fc1.startCycle(), within(1e-6));
        assertThat(fc2Load.durationCycles()).isCloseTo(9_368, within(1e-6)); // 48 B/cycle in all: below the DDR ceiling
        // ... and the next expert's FC1 load starts with FC2's computation of expert 0
        SimEvent fc2e0 = find(Lane.LINEAR, "block 1", "expert fc2", 0);
        assertThat(find(Lane.WEIGHT_DDR, "block 1", "expert fc1+gelu", 5).startCycle()).isCloseTo(fc2e0.startCycle(), within(1e-6));
        // the prologue's FC1 load waits for gating and zero_output (its own if-block)
        SimEvent gating = find(Lane.GATING, "block 1", "gating", -1);
        assertThat(find(Lane.WEIGHT_DDR, "block 1", "expert fc1+gelu", 0).startCycle()).isCloseTo(gating.endCycle(), within(1e-6));
    }

    @Test
    void residualAddAndPatchEmbedding() {
        // compute_add: 3,096 iterations; x and tmp3 read, x written, 6,192 port cycles each (48 B/cycle < DDR): L + 6,192 + L
        assertThat(find(Lane.VECTOR, "block 0", "residual", -1).durationCycles()).isCloseTo(6_320, within(1e-6));
        // compute_patch_embed: 8 bands x (L + 3 x 16 x 8 x 24 = 9,216 accumulate iterations + L + 768 output
        // (384 beats of pos_embed in, 384 out, 2 port cycles each) + L) + cls (L + 48 + L) = 8 x 10,176 + 176
        assertThat(find(Lane.VECTOR, "embed", "patch-embed+pos", -1).durationCycles()).isCloseTo(81_584, within(1e-6));
    }

    @Test
    void idealisedPresetKeepsTheFullWidthPortsAndPrefetch() {
        SimResult ideal = Simulator.run(TINY, List.of(routeAllTo(SyntheticRouting.trace(TINY, "semseg",
                SyntheticRouting.Kind.UNIFORM, 3), 0, 5)), SimTestSupport.ZCU102, Schedule.REORDERED, false);
        SimEvent q = find(ideal, Lane.LINEAR, "block 0", "q", -1);
        SimEvent kLoad = find(ideal, Lane.WEIGHT_DDR, "block 0", "k", -1);
        assertThat(kLoad.startCycle()).isLessThan(q.endCycle()); // K's weights prefetch while Q computes
        assertThat(r.totals().cycles()).isGreaterThan(ideal.totals().cycles());
    }

    private static SimEvent find(Lane lane, String layer, String op, int expert) {
        return find(r, lane, layer, op, expert);
    }

    private static SimEvent find(SimResult in, Lane lane, String layer, String op, int expert) {
        return in.events().stream()
                .filter(e -> e.lane() == lane && e.layer().equals(layer) && e.op().equals(op) && (expert < 0 || e.expert() == expert))
                .min(Comparator.comparingDouble(SimEvent::startCycle))
                .orElseThrow(() -> new AssertionError("no " + lane + " event " + layer + " " + op + " e" + expert));
    }

    /** The trace with every token of every MoE layer routed to experts {@code a} and {@code b}. */
    static RoutingTrace routeAllTo(RoutingTrace t, int a, int b) {
        List<LayerRouting> layers = new ArrayList<>();
        for (LayerRouting l : t.layers()) {
            int[][] ex = new int[l.numTokens()][];
            for (int i = 0; i < ex.length; i++) ex[i] = new int[] {a, b};
            layers.add(new LayerRouting(l.block(), ex, l.weights(), l.probabilities()));
        }
        return new RoutingTrace(t.model(), t.task(), t.taskIndex(), t.gridHeight(), t.gridWidth(), t.numExperts(), t.topK(), layers, t.macs());
    }
}
