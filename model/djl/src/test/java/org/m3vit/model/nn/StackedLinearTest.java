package org.m3vit.model.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** Expert j's linear from the cached inference views equals x . W_j^T + b_j summed by hand, also after a parameter array is replaced. */
class StackedLinearTest {

    private static final int EXPERTS = 3, IN = 4, OUT = 2;

    @Test
    void inferenceViewsFollowAReplacedParameterAndFreeTheOldOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StackedLinear layer = new StackedLinear(EXPERTS, IN, OUT);
            layer.setInitializer(new NormalInitializer(0.5f), p -> true);
            layer.initialize(manager, DataType.FLOAT32, new Shape(5, IN));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(5, IN));

            StackedLinear.Slices first = layer.slices(ps, x, false);
            assertThat(layer.slices(ps, x, false)).as("views are made once").isSameAs(first);
            assertMatchesHandSum(first.apply(x, 2), x, layer.getParameters().get("weight").getArray(),
                    layer.getParameters().get("bias").getArray(), 2);

            // a store that hands out another weight array (as one holding per-device copies would)
            NDArray replaced = manager.randomNormal(0f, 0.5f, new Shape(EXPERTS, OUT, IN), DataType.FLOAT32);
            ParameterStore replacing = new ParameterStore(manager, false) {
                @Override
                public NDArray getValue(Parameter parameter, Device device, boolean training) {
                    return parameter.getName().equals("weight") ? replaced : super.getValue(parameter, device, training);
                }
            };
            StackedLinear.Slices second = layer.slices(replacing, x, false);
            assertThat(second).isNotSameAs(first);
            assertThat(first.weights()[0].isReleased()).as("old views closed").isTrue();
            assertThat(layer.getParameters().get("weight").getArray().isReleased()).as("the parameter itself is kept").isFalse();
            assertMatchesHandSum(second.apply(x, 1), x, replaced, layer.getParameters().get("bias").getArray(), 1);
        }
    }

    private static void assertMatchesHandSum(NDArray y, NDArray x, NDArray weight, NDArray bias, int expert) {
        float[] w = weight.toFloatArray();
        float[] b = bias.toFloatArray();
        float[] in = x.toFloatArray();
        float[] out = y.toFloatArray();
        assertThat(y.getShape()).isEqualTo(new Shape(5, OUT));
        for (int n = 0; n < 5; n++) {
            for (int o = 0; o < OUT; o++) {
                double acc = b[expert * OUT + o];
                for (int i = 0; i < IN; i++) acc += w[(expert * OUT + o) * IN + i] * in[n * IN + i];
                assertThat((double) out[n * OUT + o]).isCloseTo(acc, offset(1e-5));
            }
        }
    }
}
