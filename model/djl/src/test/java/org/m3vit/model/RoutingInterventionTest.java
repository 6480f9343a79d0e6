package org.m3vit.model;

import org.junit.jupiter.api.Test;
import org.m3vit.model.RoutingIntervention.ExpertForced;
import org.m3vit.model.RoutingIntervention.ExpertOff;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The intervention value: token lists, the top-k rule of a mask by hand, and what validation says. */
class RoutingInterventionTest {

    /** 32 x 48 image (2 x 3 patches, 7 tokens), MoE blocks 1 and 3, E 4, top-2. */
    private static final ModelConfig C = TestWeights.small();

    private static RoutingIntervention off(int block, int... experts) {
        List<ExpertOff> d = new java.util.ArrayList<>();
        for (int e : experts) d.add(new ExpertOff(block, e));
        return new RoutingIntervention(d, List.of(), null);
    }

    private static RoutingIntervention force(int block, int expert, String tokens) {
        return new RoutingIntervention(List.of(), List.of(new ExpertForced(block, expert, TokenSelection.parse(tokens))), null);
    }

    @Test
    void tokenListsParseToACanonicalForm() {
        assertThat(TokenSelection.parse("3,4,10-20").toString()).isEqualTo("3-4,10-20");
        assertThat(TokenSelection.parse(" 7 , 5-6,5 ").toString()).isEqualTo("5-7");
        assertThat(TokenSelection.parse("ALL").isAll()).isTrue();
        assertThat(TokenSelection.parse("0").contains(0)).isTrue();
        assertThat(TokenSelection.parse("2-4").count(4)).isEqualTo(2);
        assertThat(TokenSelection.parse("4,2-3")).isEqualTo(TokenSelection.of(2, 3, 4));
        String[][] bad = {{"", "empty"}, {"3,,4", "'3,,4' is not a token number"}, {"a-b", "'a' is not a token number"},
                {"-3", "'-3' is not a token number"}, {"9-2", "range '9-2' runs backwards"}, {"99999999999", "beyond the largest possible token index"},
                {"1.5", "'1.5' is not a token number"}};
        for (String[] b : bad) assertThatThrownBy(() -> TokenSelection.parse(b[0])).as(b[0]).hasMessageContaining(b[1]);
    }

    @Test
    void aMaskChoosesForcedExpertsFirstThenTheBestThatAreNotOff() {
        float[] p = {0.1f, 0.4f, 0.3f, 0.2f};
        assertThat(off(1, 1).mask(C, 1).choose(p, 2, 2)).containsExactly(2, 3);
        assertThat(off(1, 2).mask(C, 1).choose(p, 2, 2)).containsExactly(1, 3);
        assertThat(force(1, 0, "2").mask(C, 1).choose(p, 2, 2)).containsExactly(0, 1);
        assertThat(force(1, 0, "2").mask(C, 1).choose(p, 5, 2)).as("another token").containsExactly(1, 2);
        RoutingIntervention both = off(3, 1).with(new ExpertForced(3, 0, TokenSelection.ALL));
        assertThat(both.mask(C, 3).choose(p, 4, 2)).containsExactly(0, 2);
        assertThat(both.mask(C, 1)).as("nothing at block 1").isNull();
        assertThat(off(RoutingIntervention.ALL_BLOCKS, 1).mask(C, 1).isDisabled(1)).isTrue();
        assertThat(off(RoutingIntervention.ALL_BLOCKS, 1).mask(C, 3).isDisabled(1)).isTrue();
        // the dense shift of the same rule: token 2 of a 7-token image (row 9 = second image's token 2)
        float[] shift = force(1, 0, "2").with(new ExpertOff(1, 3)).mask(C, 1).scoreShift(14, 7);
        assertThat(java.util.Arrays.copyOfRange(shift, 9 * 4, 10 * 4)).containsExactly(2f, 0f, 0f, -2f);
        assertThat(java.util.Arrays.copyOfRange(shift, 8 * 4, 9 * 4)).containsExactly(0f, 0f, 0f, -2f);
    }

    @Test
    void validationNamesTheProblem() {
        Object[][] cases = {
                {off(2, 0), "block 2 is not a MoE block of model 'test-small' (its MoE blocks: 1, 3)"},
                {off(1, 4), "expert 4 is out of range: model 'test-small' has experts 0..3"},
                {off(1, -1), "expert -1 is out of range: model 'test-small' has experts 0..3"},
                {off(1, 0, 1, 2), "switching off E0, E1, E2 at block 1 leaves 1 of 4 experts, fewer than top-k = 2"},
                {off(RoutingIntervention.ALL_BLOCKS, 0, 1).with(new ExpertOff(3, 2)), "switching off E0, E1, E2 at block 3 leaves 1 of 4 experts, fewer than top-k = 2"},
                {force(1, 0, "3").with(new ExpertForced(1, 1, TokenSelection.parse("2-4"))).with(new ExpertForced(RoutingIntervention.ALL_BLOCKS, 2, TokenSelection.ALL)),
                        "forcing 3 experts (E0, E1, E2) on token 3 at block 1 is more than top-k = 2"},
                {force(1, 0, "7"), "token 7 is out of range: model 'test-small' has tokens 0..6 (0 = cls, 1..6 the 2 x 3 patches)"},
                {force(3, 2, "all").with(new ExpertOff(RoutingIntervention.ALL_BLOCKS, 2)), "expert 2 at block 3 is both switched off and forced"},
                {RoutingIntervention.NONE.withGatesOf("edges"), "model 'test-small' has no task 'edges'; its tasks are [semseg, depth, normals]"},
        };
        for (Object[] c : cases) {
            RoutingIntervention iv = (RoutingIntervention) c[0];
            assertThatThrownBy(() -> iv.validate(C)).as(iv.describe()).isInstanceOf(IllegalArgumentException.class).hasMessage((String) c[1]);
        }
        ModelConfig dense = TestWeights.small(4, 2, List.of());
        assertThatThrownBy(() -> off(1, 0).validate(dense)).hasMessage("model 'test-small' has no MoE blocks, so there is no routing to change");
        // fits: two experts off leaves exactly k; two forced on one token is exactly k
        off(1, 0, 1).validate(C);
        force(1, 0, "3").with(new ExpertForced(1, 1, TokenSelection.parse("2-4"))).validate(C);
        RoutingIntervention.NONE.validate(dense);
    }

    @Test
    void describesItselfAndDropsOwnGatesPerTask() {
        RoutingIntervention iv = off(1, 3).with(new ExpertOff(RoutingIntervention.ALL_BLOCKS, 5))
                .with(new ExpertForced(3, 2, TokenSelection.parse("3,4,10-20"))).withGatesOf("depth");
        assertThat(iv.describe()).isEqualTo("block 1: E3 off; all MoE blocks: E5 off; block 3: E2 forced on tokens 3-4,10-20; gates of depth");
        assertThat(iv.forTask("depth").gatesOf()).isNull();
        assertThat(iv.forTask("semseg")).isEqualTo(iv);
        assertThat(off(1, 3).with(new ExpertOff(1, 3)).disabled()).hasSize(1);
        assertThat(iv.without(new ExpertOff(1, 3)).disabled()).containsExactly(new ExpertOff(RoutingIntervention.ALL_BLOCKS, 5));
        assertThat(RoutingIntervention.NONE.describe()).isEqualTo("none");
        assertThat(RoutingIntervention.NONE.withGatesOf("semseg").plan(C, 0)).isSameAs(RoutingPlan.NONE);
        assertThat(RoutingIntervention.NONE.withGatesOf("semseg").plan(C, 1).gateTask(1)).isZero();
    }
}
