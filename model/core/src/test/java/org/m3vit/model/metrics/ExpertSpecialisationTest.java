package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;
import org.m3vit.model.RoutingTrace;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExpertSpecialisationTest {

    /** Tokens 1..3 (a 1 x 3 grid of one-pixel patches): classes a, b, b; depths 0.5, 2.5, 7 m; camera, camera, up. */
    private static TokenProperties covered() {
        float[] normals = {0, 0, 0, 0, 0, -1, -1, -1, 0};
        return TokenProperties.of(1, 3, 1, 3, new int[] {0, 1, 1}, new float[] {0.5f, 2.5f, 7f}, normals);
    }

    @Test
    void tablesEntropyLiftAndMutualInformationByHand() {
        // routing A (cls excluded): token 1 -> experts 0, 2; token 2 -> 1, 0; token 3 -> 2, 3
        RoutingTrace trace = RoutingStatsTest.trace("semseg", RoutingStatsTest.A);
        ExpertSpecialisation s = new ExpertSpecialisation(List.of("a", "b"));
        s.add(trace, covered());
        assertThat(s.layers()).extracting(ExpertSpecialisation.LayerSpecialisation::block).containsExactly(1, 3);
        ExpertSpecialisation.Table classes = s.layers().get(0).classes();
        assertThat(classes.tokens()).isDeepEqualTo(new long[][] {{1, 1}, {0, 1}, {1, 1}, {0, 1}});
        assertThat(classes.total()).isEqualTo(6);
        assertThat(classes.entropyBits(0)).isEqualTo(1.0, within(1e-12));
        assertThat(classes.entropyBits(1)).isEqualTo(0.0, within(1e-12));
        assertThat(classes.top(1)).isEqualTo(1);
        assertThat(classes.top(0)).isEqualTo(0);   // tie: the lower index
        assertThat(classes.lift(1, 1)).isEqualTo(1.5, within(1e-12));   // 1 / (4/6)
        // I = 2 * 1/6 (log2 1.5 + log2 0.75) + 2 * 1/6 log2 1.5 = log2(1.6875) / 3
        double mi = Math.log(1.6875) / Math.log(2) / 3;
        assertThat(classes.mutualInformationBits()).isEqualTo(mi, within(1e-12));
        double h = -(1.0 / 3 * Math.log(1.0 / 3) + 2.0 / 3 * Math.log(2.0 / 3)) / Math.log(2);
        assertThat(classes.uncertaintyCoefficient()).isEqualTo(mi / h, within(1e-12));

        ExpertSpecialisation.Table depth = s.layers().get(0).depthRanges();
        assertThat(depth.tokens()[0]).containsExactly(1, 0, 1, 0, 0, 0);
        assertThat(depth.tokens()[2]).containsExactly(1, 0, 0, 0, 0, 1);
        assertThat(depth.tokens()[3]).containsExactly(0, 0, 0, 0, 0, 1);
        ExpertSpecialisation.Table normals = s.layers().get(1).normalDirections();
        assertThat(normals.tokens()[2]).containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(normals.tokens()[3]).containsExactly(0, 1, 0, 0, 0, 0);

        s.add(trace, covered());   // the same image again: counts double, the derived numbers stay
        ExpertSpecialisation.Table twice = s.layers().get(1).classes();
        assertThat(twice.tokens()[0]).containsExactly(2, 2);
        assertThat(twice.mutualInformationBits()).isEqualTo(mi, within(1e-12));
        assertThat(s.images()).isEqualTo(2);
    }

    @Test
    void anExpertThatGetsOneClassOnlyIsFullySpecialisedAndIndependentRoutingTellsNothing() {
        // every token to experts 0 and 1: the expert says nothing about the class
        int[][] same = {{0, 1}, {0, 1}, {0, 1}, {0, 1}};
        ExpertSpecialisation s = new ExpertSpecialisation(List.of("a", "b"));
        s.add(RoutingStatsTest.trace("depth", same), covered());
        ExpertSpecialisation.Table t = s.layers().get(0).classes();
        assertThat(t.mutualInformationBits()).isEqualTo(0.0, within(1e-12));
        assertThat(t.expertTokens(2)).isZero();
        assertThat(t.top(2)).isEqualTo(-1);
        assertThat(t.share(2)).containsExactly(0.0, 0.0);
    }

    @Test
    void mismatchedTokenCountIsRefused() {
        ExpertSpecialisation s = new ExpertSpecialisation(List.of("a", "b"));
        TokenProperties two = TokenProperties.of(1, 2, 1, 2, new int[] {0, 1}, null, null);
        assertThatThrownBy(() -> s.add(RoutingStatsTest.trace("semseg", RoutingStatsTest.A), two))
                .hasMessage("routing has 4 tokens, the token properties 3");
    }
}
