package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoutingStatsTest {

    /** A trace of 4 tokens (cls + 1 x 3 patches), 4 experts, top-k as given, MoE blocks 1 and 3 with the same routing. */
    static RoutingTrace trace(String task, int[][] experts) {
        int k = experts[0].length;
        float[][] w = new float[experts.length][k];
        float[][] p = new float[experts.length][4];
        List<LayerRouting> layers = List.of(new LayerRouting(1, experts, w, p), new LayerRouting(3, experts, w, p));
        return new RoutingTrace("test", task, 0, 1, 3, 4, k, layers, null);
    }

    static final int[][] A = {{0, 1}, {0, 2}, {1, 0}, {2, 3}};
    static final int[][] B = {{0, 3}, {1, 2}, {1, 3}, {3, 0}};

    @Test
    void usageBalanceAndEntropyOfTopTwoRouting() {
        // A: counts [3, 2, 2, 1]; mean 2, population var (1+0+0+1)/4 = 0.5 -> cv² = 0.5/4 = 0.125
        // entropy of (3/8, 2/8, 2/8, 1/8) = 3/8 log2(8/3) + 2 (1/4 * 2) + 1/8 * 3 = 1.9056391 bits
        RoutingStats s = new RoutingStats();
        s.add(trace("a", A));
        assertThat(s.layers()).extracting(RoutingStats.LayerUsage::block).containsExactly(1, 3);
        RoutingStats.LayerUsage u = s.layer(1);
        assertThat(u.tokensPerExpert()).containsExactly(3, 2, 2, 1);
        assertThat(u.total()).isEqualTo(8);
        assertThat(u.cv2()).isEqualTo(0.125, within(1e-12));
        assertThat(u.entropyBits()).isEqualTo(1.9056390622295665, within(1e-12));
        s.add(trace("a", A));
        assertThat(s.layer(3).tokensPerExpert()).containsExactly(6, 4, 4, 2);
        assertThat(s.layer(3).cv2()).isEqualTo(0.125, within(1e-12));
        assertThat(s.traces()).isEqualTo(2);
    }

    @Test
    void topOneRoutingHandCase() {
        // counts [2, 1, 1, 0]: mean 1, var (1+0+0+1)/4 = 0.5 -> cv² 0.5; entropy (1/2, 1/4, 1/4, 0) = 1.5 bits
        RoutingStats s = new RoutingStats();
        s.add(trace("a", new int[][] {{0}, {0}, {1}, {2}}));
        assertThat(s.layer(1).cv2()).isEqualTo(0.5, within(1e-12));
        assertThat(s.layer(1).entropyBits()).isEqualTo(1.5, within(1e-12));
    }

    @Test
    void extremesOfBalance() {
        RoutingStats all = new RoutingStats();
        all.add(trace("a", new int[][] {{2}, {2}, {2}, {2}}));
        assertThat(all.layer(1).cv2()).isEqualTo(3.0, within(1e-12));   // E - 1
        assertThat(all.layer(1).entropyBits()).isEqualTo(0.0);
        RoutingStats even = new RoutingStats();
        even.add(trace("a", new int[][] {{0}, {1}, {2}, {3}}));
        assertThat(even.layer(1).cv2()).isEqualTo(0.0);
        assertThat(even.layer(1).entropyBits()).isEqualTo(2.0, within(1e-12));  // log2 4
    }

    @Test
    void jensenShannonOfHandDistributions() {
        // p = (1/2, 1/4, 1/4, 0), q = (1/4, 1/2, 0, 1/4), m = (3/8, 3/8, 1/8, 1/8)
        // H(m) = 2 * 3/8 log2(8/3) + 2 * 1/8 * 3 = 1.8112781; H(p) = H(q) = 1.5 -> JSD = 0.3112781 bits
        double jsd = RoutingStats.jensenShannonBits(new double[] {0.5, 0.25, 0.25, 0}, new double[] {0.25, 0.5, 0, 0.25});
        assertThat(jsd).isEqualTo(0.31127812445913294, within(1e-12));
        assertThat(RoutingStats.jensenShannonBits(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(1.0, within(1e-12));
        assertThat(RoutingStats.jensenShannonBits(new double[] {0.3, 0.7}, new double[] {0.3, 0.7})).isEqualTo(0.0, within(1e-15));
    }

    @Test
    void comparisonOfTwoTasks() {
        // usage A (3,2,2,1)/8, B (2,2,1,3)/8, m = (5,4,3,4)/16:
        // H(m) = 5/16 log2(16/5) + 2 * 1/4 * 2 + 3/16 log2(16/3) = 1.9772170; H(A) = H(B) = 1.9056391 -> 0.0715779 bits
        // top-1: A (0,0,1,2), B (0,1,1,3): tokens 1 and 3 differ -> 0.5
        RoutingComparison c = new RoutingComparison();
        c.add(trace("a", A), trace("b", B));
        List<RoutingComparison.LayerComparison> layers = c.layers();
        assertThat(layers).hasSize(2);
        assertThat(layers.get(0).block()).isEqualTo(1);
        assertThat(layers.get(0).jensenShannonBits()).isEqualTo(0.07157793923291611, within(1e-12));
        assertThat(layers.get(0).top1DifferentFraction()).isEqualTo(0.5, within(1e-12));
        assertThat(layers.get(1).tokens()).isEqualTo(4);
        c.add(trace("a", A), trace("b", A));
        assertThat(c.layers().get(0).top1DifferentFraction()).isEqualTo(0.25, within(1e-12));
    }
}
