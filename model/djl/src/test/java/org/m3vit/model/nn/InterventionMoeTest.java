package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.m3vit.model.ExpertMask;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingIntervention.ExpertForced;
import org.m3vit.model.RoutingIntervention.ExpertOff;
import org.m3vit.model.RoutingPlan;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.TokenSelection;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * The sparse MoE layer under a routing intervention equals the dense all-experts oracle given the
 * same mask (which states the rule differently: a dense shift of the softmax before its top-k), and
 * a hand-built case shows the documented semantics: the next-best expert takes a switched-off
 * expert's slot with its softmax weight; forced experts take the first slots.
 */
class InterventionMoeTest {

    private static final int DIM = 24;
    private static final int HIDDEN = 40;
    private static final int TOKENS = 17;

    /** A config whose only purpose is to resolve interventions for a layer at block 1 with E experts, top-k, 16 patches + cls. */
    private static ModelConfig config(int experts, int k) {
        return new ModelConfig("mask-test", 64, 64, 16, DIM, 2, 2, 32, List.of(1), experts, k, HIDDEN, 8,
                List.of(TaskSpec.of("a", TaskKind.DEPTH, 1), TaskSpec.of("b", TaskKind.DEPTH, 1)), "");
    }

    static Stream<Object[]> masks() {
        return Stream.of(
                new Object[] {4, "one expert off", new RoutingIntervention(List.of(new ExpertOff(1, 2)), List.of(), null)},
                new Object[] {4, "two experts off (2 of 4 left for k = 2)",
                        new RoutingIntervention(List.of(new ExpertOff(1, 0), new ExpertOff(RoutingIntervention.ALL_BLOCKS, 3)), List.of(), null)},
                new Object[] {8, "one expert forced on all tokens", new RoutingIntervention(List.of(), List.of(new ExpertForced(1, 5, TokenSelection.ALL)), null)},
                new Object[] {8, "two experts forced on some tokens, one off",
                        new RoutingIntervention(List.of(new ExpertOff(1, 1)),
                                List.of(new ExpertForced(1, 6, TokenSelection.parse("0,3-7,16")), new ExpertForced(1, 7, TokenSelection.parse("5-12"))), null)},
                new Object[] {8, "the other task's gates, an expert off",
                        new RoutingIntervention(List.of(new ExpertOff(1, 4)), List.of(), "b")});
    }

    @ParameterizedTest(name = "E={0}: {1}")
    @MethodSource("masks")
    void sparseWithAMaskEqualsTheDenseOracleWithTheSameMask(int experts, String what, RoutingIntervention intervention) {
        int k = 2;
        ModelConfig c = config(experts, k);
        RoutingPlan plan = intervention.plan(c, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            MoeLayer layer = new MoeLayer(1, DIM, experts, k, HIDDEN, 2);
            Map<String, Parameter> params = SparseMoeOracleTest.setUp(layer, manager, experts, 31L * experts + what.length());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = SparseMoeOracleTest.randomTokens(manager, 3, TOKENS, 5 + experts);
            PassContext ctx = new PassContext(0, false, true, MoeExecution.SPARSE, plan);
            float[] sparse = layer.forward(ps, x, ctx).toFloatArray();
            int gate = plan.gateTask(0);
            NDList oracle = DenseMoeOracle.forward(x.reshape(-1, DIM), params.get("gate." + gate + ".w_gate").getArray(),
                    params.get("experts.htoh4.weight").getArray(), params.get("experts.htoh4.bias").getArray(),
                    params.get("experts.h4toh.weight").getArray(), params.get("experts.h4toh.bias").getArray(), k,
                    plan.mask(1), TOKENS);
            float[] dense = oracle.get(0).toFloatArray();
            float[] plain = layer.forward(ps, x, new PassContext(0, false, false)).toFloatArray();
            double changed = 0;
            for (int i = 0; i < dense.length; i++) {
                assertThat((double) sparse[i]).as("value %d", i).isCloseTo(dense[i], offset(1e-5));
                changed = Math.max(changed, Math.abs(dense[i] - plain[i]));
            }
            assertThat(changed).as("the intervention changes the output").isGreaterThan(1e-3);

            // the recorded routing obeys the mask and the oracle's gates are exactly the recorded weights
            LayerRouting r = ctx.routing().get(0);
            ExpertMask mask = plan.mask(1);
            float[] gates = oracle.get(1).toFloatArray();
            for (int t = 0; t < TOKENS; t++) {
                int[] forced = mask.forcedOn(t);
                for (int j = 0; j < k; j++) {
                    int e = r.experts()[t][j];
                    assertThat(mask.isDisabled(e)).as("token %d slot %d uses a switched-off expert", t, j).isFalse();
                    if (j < forced.length) assertThat(forced).as("forced experts come first").contains(e);
                    assertThat(r.weights()[t][j]).isEqualTo(r.probabilities()[t][e]);
                    assertThat((double) gates[t * experts + e]).isCloseTo(r.weights()[t][j], offset(1e-6));
                }
                for (int f : forced) assertThat(r.experts()[t]).contains(f);
            }
        }
    }

    @Test
    void theNextBestExpertTakesASwitchedOffExpertsSlotWithItsSoftmaxWeight() {
        // one token, D = 4, E = 4, k = 2: logits (2, 1, 0.5, 0) from x = (1, 0, 0, 0) and a gate whose first row is those logits;
        // every expert ignores its input (zero first linear and biases, GELU(0) = 0) and returns its second bias: 10^e in every feature
        try (NDManager manager = NDManager.newBaseManager()) {
            int d = 4, e = 4, k = 2;
            MoeLayer layer = new MoeLayer(1, d, e, k, 3, 1);
            layer.setInitializer(Initializer.ZEROS, p -> true);
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, d));
            Map<String, Parameter> params = CheckpointNames.of(layer);
            float[] gate = new float[d * e];
            float[] logits = {2f, 1f, 0.5f, 0f};
            System.arraycopy(logits, 0, gate, 0, e);
            params.get("gate.0.w_gate").getArray().set(gate);
            float[] b2 = new float[e * d];
            for (int j = 0; j < e; j++) for (int i = 0; i < d; i++) b2[j * d + i] = (float) Math.pow(10, j);
            params.get("experts.h4toh.bias").getArray().set(b2);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.create(new float[] {1, 0, 0, 0}, new Shape(1, 1, d));
            double z = Math.exp(2) + Math.exp(1) + Math.exp(0.5) + 1;
            double[] p = {Math.exp(2) / z, Math.exp(1) / z, Math.exp(0.5) / z, 1 / z};

            ModelConfig c = new ModelConfig("hand", 16, 16, 16, d, 2, 1, 8, List.of(1), e, k, 3, 8,
                    List.of(TaskSpec.of("depth", TaskKind.DEPTH, 1)), "");
            Object[][] cases = {
                    {RoutingIntervention.NONE, new int[] {0, 1}},
                    {new RoutingIntervention(List.of(new ExpertOff(1, 0)), List.of(), null), new int[] {1, 2}},
                    {new RoutingIntervention(List.of(new ExpertOff(1, 1)), List.of(), null), new int[] {0, 2}},
                    {new RoutingIntervention(List.of(new ExpertOff(1, 0), new ExpertOff(1, 2)), List.of(), null), new int[] {1, 3}},
                    {new RoutingIntervention(List.of(), List.of(new ExpertForced(1, 3, TokenSelection.ALL)), null), new int[] {3, 0}},
                    {new RoutingIntervention(List.of(new ExpertOff(1, 0)), List.of(new ExpertForced(1, 3, TokenSelection.of(0))), null), new int[] {3, 1}},
                    {new RoutingIntervention(List.of(), List.of(new ExpertForced(1, 3, TokenSelection.of(0)), new ExpertForced(1, 2, TokenSelection.of(0))), null),
                            new int[] {2, 3}},
            };
            for (Object[] cs : cases) {
                RoutingIntervention iv = (RoutingIntervention) cs[0];
                int[] want = (int[]) cs[1];
                PassContext ctx = new PassContext(0, false, true, MoeExecution.SPARSE, iv.plan(c, 0));
                float[] out = layer.forward(ps, x, ctx).toFloatArray();
                LayerRouting r = ctx.routing().get(0);
                assertThat(r.experts()[0]).as(iv.describe()).containsExactly(want);
                for (int j = 0; j < k; j++) assertThat((double) r.weights()[0][j]).as(iv.describe()).isCloseTo(p[want[j]], offset(1e-6));
                double expected = p[want[0]] * Math.pow(10, want[0]) + p[want[1]] * Math.pow(10, want[1]);
                for (float v : out) assertThat((double) v).as(iv.describe()).isCloseTo(expected, offset(1e-5 * expected));
            }
        }
    }

    @Test
    void anEmptyPlanIsBitIdenticalToThePlainPath() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MoeLayer layer = new MoeLayer(1, DIM, 8, 2, HIDDEN, 2);
            SparseMoeOracleTest.setUp(layer, manager, 8, 3);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = SparseMoeOracleTest.randomTokens(manager, 2, TOKENS, 8);
            float[] plain = layer.forward(ps, x, new PassContext(1, false, false)).toFloatArray();
            float[] none = layer.forward(ps, x, new PassContext(1, false, false, MoeExecution.SPARSE,
                    RoutingIntervention.NONE.plan(config(8, 2), 1))).toFloatArray();
            assertThat(none).containsExactly(plain);
        }
    }
}
