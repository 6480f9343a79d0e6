package org.m3vit.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TaskLossesTest {

    @Test
    void crossEntropyMatchesHandComputationAndIgnoresLabel255() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 image, 2 classes, 1x3 pixels; logits per pixel: (0,0), (2,0), (0,1)
            NDArray logits = m.create(new float[] {0, 2, 0, 0, 0, 1}, new Shape(1, 2, 1, 3));
            NDArray labels = m.create(new float[] {1, 0, 255}, new Shape(1, 1, 3));
            double expected = (Math.log(2) + Math.log(1 + Math.exp(-2))) / 2;
            assertThat(TaskLosses.crossEntropy(logits, labels).getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void classWeightedCrossEntropyIsTheWeightedMeanOfThePixelLosses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 2, 0, 0, 0, 1}, new Shape(1, 2, 1, 3));
            NDArray labels = m.create(new float[] {1, 0, 255}, new Shape(1, 1, 3));
            NDArray weights = m.create(new float[] {3, 0.5f}).duplicate();
            // pixel 0: label 1 (weight 0.5), loss log 2; pixel 1: label 0 (weight 3), loss log(1 + e^-2); pixel 2 ignored
            double expected = (0.5 * Math.log(2) + 3 * Math.log(1 + Math.exp(-2))) / 3.5;
            assertThat(TaskLosses.crossEntropy(logits, labels, weights).getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void depthLogL1IsScaleAwareAndGuardsNonPositivePredictions() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {2, 8, -1, 4}, new Shape(1, 1, 2, 2));
            NDArray gt = m.create(new float[] {1, 4, 0.5f, 0}, new Shape(1, 1, 2, 2));
            // |log 2 - log 1| = |log 8 - log 4| = log 2; the negative prediction counts as 0.01 m; gt 0 is invalid
            double expected = (2 * Math.log(2) + Math.abs(Math.log(0.01) - Math.log(0.5))) / 3;
            assertThat(TaskLosses.depthLogL1(pred, gt).getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void depthL1SkipsInvalidPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray gt = m.create(new float[] {1.5f, 0, 2, 4}, new Shape(1, 1, 2, 2));
            assertThat(TaskLosses.depthL1(pred, gt).getFloat()).isCloseTo((0.5f + 1f + 0f) / 3, within(1e-6f));
        }
    }

    @Test
    void normalsL1NormalisesThePrediction() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one pixel, prediction (0, 0, -5) normalises to (0,0,-1); target (0, 0.6, -0.8)
            NDArray pred = m.create(new float[] {0, 0, -5}, new Shape(1, 3, 1, 1));
            NDArray gt = m.create(new float[] {0, 0.6f, -0.8f}, new Shape(1, 3, 1, 1));
            assertThat(TaskLosses.normalsL1(pred, gt).getFloat()).isCloseTo(0.6f + 0.2f, within(1e-6f));
        }
    }

    @Test
    void binaryCrossEntropyMatchesLogSigmoid() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0f, 3f}, new Shape(2));
            NDArray y = m.create(new float[] {1f, 0f}, new Shape(2));
            double expected = (Math.log(2) + (3 + Math.log(1 + Math.exp(-3)))) / 2;
            assertThat(TaskLosses.binaryCrossEntropy(x, y).getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
    }

    @Test
    void adamWFirstStepMovesEachWeightByLearningRateTimesSign() {
        try (NDManager m = NDManager.newBaseManager(); AdamW opt = new AdamW(m)) {
            NDArray w = m.create(new float[] {1f, -2f, 0.5f});
            NDArray g = m.create(new float[] {0.3f, -4f, 0f});
            opt.beginStep();
            opt.update("w", w, g, 0.1, 0.0);
            // bias-corrected first step: mhat = g, vhat = g^2, so delta = g / (|g| + eps)
            float[] out = w.toFloatArray();
            assertThat(out[0]).isCloseTo(0.9f, within(1e-5f));
            assertThat(out[1]).isCloseTo(-1.9f, within(1e-5f));
            assertThat(out[2]).isCloseTo(0.5f, within(1e-6f));
            // restoring the state and stepping again equals stepping twice without a restore
            NDArray w2 = m.create(out);
            AdamW resumed = new AdamW(m);
            resumed.restore(opt.state());
            opt.beginStep();
            opt.update("w", w, g, 0.1, 0.01);
            resumed.beginStep();
            resumed.update("w", w2, g, 0.1, 0.01);
            assertThat(w2.toFloatArray()).containsExactly(w.toFloatArray());
            resumed.close();
        }
    }

    @Test
    void adamWMatchesTheBiasCorrectedFormulaOverSeveralStepsWithDecoupledDecay() {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.05, decay = 0.1;
        double[] w = {1, -2, 0.5, 3};
        double[][] grads = {{0.3, -4, 0, 1e-3}, {-0.2, 1, 2, 1e-3}, {0.5, -0.5, -1, -2}};
        double[] mm = new double[4], vv = new double[4];
        try (NDManager m = NDManager.newBaseManager(); AdamW opt = new AdamW(m)) {
            NDArray weight = m.create(new float[] {1f, -2f, 0.5f, 3f}).duplicate();
            for (int t = 1; t <= grads.length; t++) {
                float[] gf = new float[4];
                for (int i = 0; i < 4; i++) gf[i] = (float) grads[t - 1][i];
                opt.beginStep();
                opt.update("w", weight, m.create(gf).duplicate(), lr, decay);
                for (int i = 0; i < 4; i++) {
                    double g = gf[i];
                    mm[i] = b1 * mm[i] + (1 - b1) * g;
                    vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                    double mhat = mm[i] / (1 - Math.pow(b1, t)), vhat = vv[i] / (1 - Math.pow(b2, t));
                    w[i] -= lr * (mhat / (Math.sqrt(vhat) + eps) + decay * w[i]);
                }
                float[] got = weight.toFloatArray();
                for (int i = 0; i < 4; i++) assertThat((double) got[i]).as("step %d weight %d", t, i).isCloseTo(w[i], within(1e-5));
            }
        }
    }

    @Test
    void adamWUpdatesLeaveNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager(); AdamW opt = new AdamW(m)) {
            NDArray w = m.create(new float[] {1f, -2f, 0.5f}).duplicate();
            NDArray g = m.create(new float[] {0.3f, -4f, 0f}).duplicate();
            opt.beginStep();
            opt.update("w", w, g, 0.1, 0.01);
            int afterFirst = m.getManagedArrays().size();
            for (int i = 0; i < 10; i++) {
                opt.beginStep();
                opt.update("w", w, g, 0.1, 0.01);
            }
            // only the weight, the gradient, their sources and the two moments: no per-update temporaries
            assertThat(m.getManagedArrays()).hasSize(afterFirst);
            assertThat(afterFirst).isEqualTo(6);
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheFloor() {
        LrSchedule s = new LrSchedule(1e-3, 10, 110, 0.05);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(9)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(60)).isCloseTo(1e-3 * (0.05 + 0.95 * 0.5), within(1e-12));
        assertThat(s.at(110)).isCloseTo(5e-5, within(1e-12));
    }
}
