package org.m3vit.model.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The sparse, grouped-by-expert MoE equals the dense all-experts-then-mask oracle, in value, loss and gradient. */
class SparseMoeOracleTest {

    private static final int DIM = 24;
    private static final int HIDDEN = 40;

    @ParameterizedTest(name = "E={0}, k={1}")
    @CsvSource({"4,1", "4,2", "8,2", "16,4"})
    void sparseEqualsDenseOracle(int experts, int k) {
        try (NDManager manager = NDManager.newBaseManager()) {
            MoeLayer layer = new MoeLayer(1, DIM, experts, k, HIDDEN, 2);
            Map<String, Parameter> params = setUp(layer, manager, experts, 7L * experts + k);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = randomTokens(manager, 3, 17, 99 + experts);
            NDArray xFlat = x.reshape(-1, DIM);

            PassContext ctx = new PassContext(1, false, false).withBalanceLoss();
            float[] sparse = layer.forward(ps, x, ctx).toFloatArray();
            NDList oracle = oracle(params, xFlat, 1, k);
            float[] dense = oracle.get(0).toFloatArray();
            assertThat(sparse).hasSameSizeAs(dense);
            double max = 0;
            for (float v : dense) max = Math.max(max, Math.abs(v));
            assertThat(max).isGreaterThan(0.05);
            for (int i = 0; i < dense.length; i++) assertThat((double) sparse[i]).as("value %d", i).isCloseTo(dense[i], offset(1e-5));

            // load-balancing loss against cv² computed here from the oracle's gates
            float[] gates = oracle.get(1).toFloatArray();
            double[] importance = new double[experts];
            double[] load = new double[experts];
            for (int i = 0; i < gates.length; i++) {
                importance[i % experts] += gates[i];
                if (gates[i] > 0) load[i % experts] += 1;
            }
            double expected = cv2(importance) + cv2(load);
            assertThat((double) ctx.balanceLosses().get(0).getFloat()).isCloseTo(expected, offset(1e-5 * Math.max(1, expected)));
            // inference does not pay for the loss: an eval-mode pass without withBalanceLoss records none, same output
            PassContext inference = new PassContext(1, false, false);
            assertThat(layer.forward(ps, x, inference).toFloatArray()).containsExactly(sparse);
            assertThat(inference.balanceLosses()).isEmpty();
        }
    }

    @ParameterizedTest(name = "gradients E={0}, k={1}")
    @CsvSource({"8,2"})
    void gradientsEqualTheOracle(int experts, int k) {
        try (NDManager manager = NDManager.newBaseManager()) {
            MoeLayer layer = new MoeLayer(1, DIM, experts, k, HIDDEN, 1);
            Map<String, Parameter> params = setUp(layer, manager, experts, 5);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = randomTokens(manager, 2, 9, 3);
            NDArray target = randomTokens(manager, 2, 9, 4);
            float[][] sparseGrads = grads(params, () -> layer.forward(ps, x, new PassContext(0, true, false)).sub(target).square().sum());
            float[][] denseGrads = grads(params, () -> oracle(params, x.reshape(-1, DIM), 0, k).get(0).reshape(x.getShape()).sub(target).square().sum());
            for (int p = 0; p < sparseGrads.length; p++) {
                for (int i = 0; i < sparseGrads[p].length; i++) {
                    assertThat((double) sparseGrads[p][i]).as("grad %d[%d]", p, i).isCloseTo(denseGrads[p][i], offset(1e-4));
                }
            }
        }
    }

    private interface Loss { NDArray compute(); }

    private static float[][] grads(Map<String, Parameter> params, Loss loss) {
        String[] names = {"gate.0.w_gate", "experts.htoh4.weight", "experts.htoh4.bias", "experts.h4toh.weight", "experts.h4toh.bias"};
        float[][] out = new float[names.length][];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            gc.backward(loss.compute());
            for (int i = 0; i < names.length; i++) out[i] = params.get(names[i]).getArray().getGradient().toFloatArray();
        }
        return out;
    }

    private static NDList oracle(Map<String, Parameter> params, NDArray tokens, int task, int k) {
        return DenseMoeOracle.forward(tokens, params.get("gate." + task + ".w_gate").getArray(),
                params.get("experts.htoh4.weight").getArray(), params.get("experts.htoh4.bias").getArray(),
                params.get("experts.h4toh.weight").getArray(), params.get("experts.h4toh.bias").getArray(), k);
    }

    /** Initialises {@code layer} with random weights (gates N(0, 1), biases N(0, 0.01), expert weights N(0, 1/fan-in)). */
    static Map<String, Parameter> setUp(MoeLayer layer, NDManager manager, int experts, long seed) {
        layer.setInitializer(Initializer.ZEROS, p -> true);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 5, DIM));
        Map<String, Parameter> params = CheckpointNames.of(layer);
        Random rng = new Random(seed);
        params.forEach((name, p) -> {
            NDArray a = p.getArray();
            float[] v = new float[(int) a.size()];
            double scale = name.endsWith("w_gate") ? 1.0 : name.endsWith("bias") ? 0.1 : 1.0 / Math.sqrt(a.getShape().get(2));
            for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * scale);
            a.set(v);
        });
        assertThat(params.keySet()).contains("gate.0.w_gate", "experts.htoh4.weight", "experts.h4toh.bias");
        return params;
    }

    /** Standard-normal tokens (batch, tokens, DIM). */
    static NDArray randomTokens(NDManager manager, int batch, int tokens, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[batch * tokens * DIM];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
        return manager.create(v, new Shape(batch, tokens, DIM));
    }

    private static double cv2(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= x.length - 1;
        return var / (mean * mean + 1e-10);
    }
}
