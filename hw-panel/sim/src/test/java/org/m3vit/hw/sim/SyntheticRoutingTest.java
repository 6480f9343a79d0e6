package org.m3vit.hw.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.io.RoutingTraceJson;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticRoutingTest {

    private static final ModelConfig M = Presets.get("m3vit-t-cityscapes");

    @Test
    void sameSeedSameRoutingOtherSeedOtherRouting() {
        RoutingTrace a = SyntheticRouting.trace(M, "semseg", SyntheticRouting.Kind.UNIFORM, 11);
        RoutingTrace b = SyntheticRouting.trace(M, "semseg", SyntheticRouting.Kind.UNIFORM, 11);
        RoutingTrace c = SyntheticRouting.trace(M, "semseg", SyntheticRouting.Kind.UNIFORM, 12);
        assertThat(a.layers().get(2).experts()).isDeepEqualTo(b.layers().get(2).experts());
        assertThat(java.util.Arrays.deepEquals(a.layers().get(2).experts(), c.layers().get(2).experts())).isFalse();
    }

    @Test
    void everyTokenHasKDistinctExpertsWithTheLargestProbabilitiesBestFirst() {
        for (SyntheticRouting.Kind kind : SyntheticRouting.Kind.values()) {
            RoutingTrace t = SyntheticRouting.trace(M.withExperts(16, 4), "depth", kind, 3);
            for (LayerRouting l : t.layers()) {
                assertThat(IntStream.of(l.tokensPerExpert()).sum()).isEqualTo(M.numTokens() * 4);
                for (int i = 0; i < l.numTokens(); i++) {
                    int[] ex = l.experts()[i];
                    float[] p = l.probabilities()[i];
                    assertThat(IntStream.of(ex).distinct().count()).isEqualTo(4);
                    double sum = 0;
                    for (float v : p) sum += v;
                    assertThat(sum).isCloseTo(1.0, within(1e-5));
                    float[] sorted = p.clone();
                    java.util.Arrays.sort(sorted);
                    for (int j = 0; j < 4; j++) {
                        assertThat(l.weights()[i][j]).isEqualTo(p[ex[j]]).isEqualTo(sorted[sorted.length - 1 - j]);
                    }
                }
            }
        }
    }

    @Test
    void disjointRoutingGivesTasksDisjointExpertSets() {
        RoutingTrace semseg = SyntheticRouting.trace(M, "semseg", SyntheticRouting.Kind.DISJOINT, 1);
        RoutingTrace depth = SyntheticRouting.trace(M, "depth", SyntheticRouting.Kind.DISJOINT, 1);
        for (int b : M.moeBlocks()) {
            int[] s = semseg.layerForBlock(b).tokensPerExpert();
            int[] d = depth.layerForBlock(b).tokensPerExpert();
            for (int e = 0; e < s.length; e++) assertThat(s[e] > 0 && d[e] > 0).as("expert %d shared", e).isFalse();
        }
        assertThatThrownBy(() -> SyntheticRouting.trace(M.withExperts(2, 2), "semseg", SyntheticRouting.Kind.DISJOINT, 1))
                .hasMessageContaining("only 1");
    }

    @Test
    void skewedRoutingConcentratesTokensOnFewExperts() {
        RoutingTrace u = SyntheticRouting.trace(M.withExperts(64, 2), "semseg", SyntheticRouting.Kind.UNIFORM, 2);
        RoutingTrace z = SyntheticRouting.trace(M.withExperts(64, 2), "semseg", SyntheticRouting.Kind.SKEWED, 2);
        int maxU = IntStream.of(u.layers().get(0).tokensPerExpert()).max().orElseThrow();
        int maxZ = IntStream.of(z.layers().get(0).tokensPerExpert()).max().orElseThrow();
        long emptyU = IntStream.of(u.layers().get(0).tokensPerExpert()).filter(c -> c == 0).count();
        long emptyZ = IntStream.of(z.layers().get(0).tokensPerExpert()).filter(c -> c == 0).count();
        assertThat(maxZ).isGreaterThan(2 * maxU);
        assertThat(emptyZ).isGreaterThan(emptyU);
    }

    @Test
    void macCountMatchesHandComputationForTheMoeBlock() {
        RoutingTrace t = SyntheticRouting.trace(M, "semseg", SyntheticRouting.Kind.UNIFORM, 1);
        var gate = t.macs().layers().stream().filter(l -> l.layer().equals("blocks.1.mlp.gate")).findFirst().orElseThrow();
        var experts = t.macs().layers().stream().filter(l -> l.layer().equals("blocks.1.mlp.experts")).findFirst().orElseThrow();
        assertThat(gate.executed()).isEqualTo(129L * 192 * 16);
        assertThat(experts.executed()).isEqualTo(129L * 2 * (2L * 192 * 384));
        assertThat(experts.denseAllExperts()).isEqualTo(129L * 16 * (2L * 192 * 384));
        // the task's head is counted as in a real pass; the other task's is not run
        assertThat(t.macs().layers().stream().filter(l -> l.layer().startsWith("decoders.") && l.executed() > 0))
                .extracting(org.m3vit.model.LayerMacs::layer).containsExactly("decoders.semseg");
    }

    @Test
    void syntheticTracesSurviveTheProjectsRoutingJson(@TempDir Path dir) throws Exception {
        RoutingTrace t = SyntheticRouting.trace(M, "depth", SyntheticRouting.Kind.SKEWED, 4);
        Path f = dir.resolve("routing.json");
        RoutingTraceJson.write(t, f);
        RoutingTrace back = RoutingTraceJson.read(f);
        assertThat(back.task()).isEqualTo("depth");
        assertThat(back.layers().get(3).experts()).isDeepEqualTo(t.layers().get(3).experts());
        assertThat(back.layers().get(0).probabilities()).isDeepEqualTo(t.layers().get(0).probabilities());
        assertThat(back.macs().executed()).isEqualTo(t.macs().executed());
    }
}
