package org.m3vit.model.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.m3vit.model.FreedMemory;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cause of the "NaN gradients of libtorch's convolution": not the convolution, but memory the
 * JVM handed to libtorch. {@code NDManager.create(float[])} wraps a Java direct buffer
 * ({@code torch.from_blob}); autograd keeps the tensor for the backward pass (a convolution keeps
 * its input to compute the weight gradient), but once the Java wrapper is closed the garbage
 * collector frees the buffer and the backward pass reads whatever is there by then. On memory
 * libtorch owns, the same convolution's gradients are bit-identical under the same stress.
 */
class ConvBackwardMemoryTest {

    private static final Shape INPUT = new Shape(8, 32, 8, 10);
    private static final Shape WEIGHT = new Shape(32, 32, 3, 3);

    @Test
    void convolutionGradientsOnLibtorchMemorySurviveGarbageCollectionAndScribbling() {
        Fixture f = new Fixture();
        try (NDManager root = NDManager.newBaseManager()) {
            float[] quiet = f.weightGradient(root, false, false);
            for (int run = 0; run < 8; run++) {
                assertThat(f.weightGradient(root, false, true)).as("run %d", run).containsExactly(quiet);
            }
        }
    }

    /** The broken path, kept to show that the stress above is strong enough to catch it. */
    @Test
    void convolutionGradientsReadFreedMemoryWhenTheInputIsAReleasedJavaBuffer() {
        Fixture f = new Fixture();
        try (NDManager root = NDManager.newBaseManager()) {
            float[] quiet = f.weightGradient(root, false, false);
            // the collector frees the buffer asynchronously: up to 20 tries, one that differs suffices
            boolean differed = false;
            for (int run = 0; run < 20 && !differed; run++) {
                differed = !java.util.Arrays.equals(quiet, f.weightGradient(root, true, true));
            }
            assertThat(differed).as("a gradient read from a released Java buffer differs from the undisturbed one").isTrue();
        }
    }

    /** A batch-8 3x3 conv as the heads run it, with a fixed input, weight and output weighting. */
    private static final class Fixture {
        final float[] x = gaussian(INPUT, 1, 1);
        final float[] w = gaussian(WEIGHT, 2, 0.1f);
        final float[] r = gaussian(INPUT, 3, 1);

        float[] weightGradient(NDManager root, boolean inputFromReleasedJavaBuffer, boolean stress) {
            try (NDManager m = root.newSubManager()) {
                NDManager borrowed = m.newSubManager();
                NDArray input = inputFromReleasedJavaBuffer ? borrowed.create(x, INPUT) : m.create(x, INPUT).duplicate();
                NDArray weight = m.create(w, WEIGHT).duplicate();
                NDArray bias = m.zeros(new Shape(WEIGHT.get(0)));
                NDArray weighting = m.create(r, INPUT).duplicate();
                weight.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = input.getNDArrayInternal().convolution(input, weight, bias, new Shape(1, 1), new Shape(1, 1),
                            new Shape(1, 1), 1).singletonOrThrow();
                    y.attach(m);
                    NDArray loss = y.mul(weighting).sum();
                    borrowed.close();
                    if (stress) FreedMemory.collectAndScribble(m);
                    gc.backward(loss);
                }
                return weight.getGradient().toFloatArray();
            }
        }
    }

    private static float[] gaussian(Shape shape, long seed, float scale) {
        Random rng = new Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian() * scale;
        return v;
    }
}
