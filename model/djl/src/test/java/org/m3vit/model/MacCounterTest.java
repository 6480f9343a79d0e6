package org.m3vit.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MAC accounting against hand-computed numbers for the small test config (N 7 tokens, D 24, E 4, k 2, C 8). */
class MacCounterTest {

    private static long row(MacCount m, String layer, int column) {
        LayerMacs r = m.layers().stream().filter(l -> l.layer().equals(layer)).findFirst().orElseThrow();
        return column == 0 ? r.executed() : column == 1 ? r.denseAllExperts() : r.allTasks();
    }

    @Test
    void rowsMatchHandComputation() {
        ModelConfig c = TestWeights.small();
        // block 1 routes 7 tokens x 2 = 14 picks, block 3 the same
        MacCount m = MacCounter.count(c, 1, List.of(new int[] {5, 5, 4, 0}, new int[] {14, 0, 0, 0}));
        assertThat(row(m, "patch_embed", 0)).isEqualTo(6L * 24 * 3 * 16 * 16);            // 110592
        assertThat(row(m, "blocks.0.attn", 0)).isEqualTo(7L * 24 * 72 + 2 * 49 * 24 + 7 * 24 * 24); // 18480
        assertThat(row(m, "blocks.0.mlp", 0)).isEqualTo(2L * 7 * 24 * 96);              // 32256
        assertThat(row(m, "blocks.1.mlp.gate", 0)).isEqualTo(7L * 24 * 4);
        assertThat(row(m, "blocks.1.mlp.gate", 2)).isEqualTo(3L * 7 * 24 * 4);
        assertThat(row(m, "blocks.1.mlp.experts", 0)).isEqualTo(14L * 2 * 24 * 48);      // 32256
        assertThat(row(m, "blocks.1.mlp.experts", 1)).isEqualTo(7L * 4 * 2 * 24 * 48);   // 64512
        assertThat(row(m, "blocks.3.mlp.experts", 2)).isEqualTo(3L * 7 * 4 * 2 * 24 * 48);
        long depthHead = 2L * 3 * 8 * 24 * 9 + 4L * 6 * 64 * 9 + 8L * 12 * 64 * 9 + 16L * 24 * 64 * 9 + 16L * 24 * 8;
        assertThat(row(m, "decoders.depth", 0)).isEqualTo(depthHead);
        assertThat(row(m, "decoders.semseg", 0)).isZero();
        assertThat(row(m, "decoders.semseg", 2)).isEqualTo(depthHead - 16L * 24 * 8 + 16L * 24 * 8 * 5);
        long backboneDense = 110592 + 4 * 18480 + 2 * 32256 + 2 * (672 + 64512);
        assertThat(m.denseAllExperts()).isEqualTo(backboneDense + depthHead);
        assertThat(m.executed()).isEqualTo(m.denseAllExperts() - 2 * (64512 - 32256));
        assertThat(m.allTasks()).isEqualTo(3 * backboneDense + depthHead + MacCounter.headMacs(c, c.task("semseg")) + MacCounter.headMacs(c, c.task("normals")));
    }

    @Test
    void inferenceTraceCarriesTheMacsOfItsRouting() {
        ModelConfig c = TestWeights.small();
        try (M3ViTModel model = M3ViTModel.random(c, 1)) {
            RoutingTrace trace = model.infer(TestWeights.image(c, 1), List.of("semseg")).trace("semseg");
            assertThat(trace.layers()).extracting(LayerRouting::block).containsExactly(1, 3);
            for (LayerRouting l : trace.layers()) {
                assertThat(java.util.Arrays.stream(l.tokensPerExpert()).sum()).isEqualTo(7 * 2);
                for (int t = 0; t < 7; t++) {
                    assertThat(l.weights()[t][0]).isGreaterThanOrEqualTo(l.weights()[t][1]);
                    float sum = 0;
                    for (float p : l.probabilities()[t]) sum += p;
                    assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            assertThat(row(trace.macs(), "blocks.1.mlp.experts", 0)).isEqualTo(14L * 2 * 24 * 48);
            assertThat(trace.macs().savingVersusDense()).isGreaterThan(0);
        }
    }
}
