package org.m3vit.model.board;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fixed-point helpers against hand-computed values (the numbers in the comments). */
class FixedPointTest {

    private static final double ULP = Math.scalb(1.0, -22);

    @Test
    void conversionTruncatesTowardMinusInfinity() {
        FixedFormat fm = FixedFormat.ACTIVATION;
        // -1e-7 is -0.42 ulp: toward minus infinity that is -1 ulp, not 0
        assertThat(fm.raw(-1e-7)).isEqualTo(-1);
        assertThat(fm.raw(1e-7)).isEqualTo(0);
        // -3.0000001 * 2^22 = -12582912.42 -> -12582913
        assertThat(fm.raw(-3.0000001)).isEqualTo(-12_582_913);
        // a linear weight: -0.3f * 2^14 = -4915.2 -> -4916, i.e. -0.300048828125
        assertThat(FixedFormat.LINEAR_WEIGHT.quantise(-0.3f)).isEqualTo(-0.300048828125);
        assertThat(FixedFormat.LINEAR_WEIGHT.quantise(0.1f)).isEqualTo(1638 / 16384.0);
    }

    @Test
    void conversionWrapsAroundTheRange() {
        FixedFormat fm = FixedFormat.ACTIVATION;
        assertThat(fm.min()).isEqualTo(-512.0);
        assertThat(fm.max()).isEqualTo(512.0 - ULP);
        assertThat(fm.quantise(512.0)).isEqualTo(-512.0);          // 2^31 wraps to -2^31
        assertThat(fm.quantise(513.25)).isEqualTo(-510.75);
        assertThat(fm.quantise(-512.5)).isEqualTo(511.5);
        assertThat(fm.fits(511.9999)).isTrue();
        assertThat(fm.fits(512.0)).isFalse();
        // 2.3 in ap_fixed<16,2>: floor(2.3 * 16384) = 37683 wraps to 37683 - 65536 = -27853
        assertThat(FixedFormat.LINEAR_WEIGHT.raw(2.3)).isEqualTo(-27_853);
        // an 8-bit pixel of 1.0 is 256 / 256, which ap_ufixed<8,0> wraps to 0
        assertThat(FixedFormat.PIXEL.raw(1.0)).isEqualTo(0);
        assertThat(FixedFormat.PIXEL.raw(0.999)).isEqualTo(255);
        assertThat(FixedFormat.PATCH_WEIGHT.quantise(0.6)).isEqualTo(0.6 - 1, within(Math.scalb(1.0, -16)));
        assertThat(FixedFormat.ACTIVATION.raw(1e300)).isEqualTo(0);  // a multiple of 2^32 raw: low bits 0
    }

    @Test
    void productsAreTruncatedWhenStored() {
        WrapCounter wraps = new WrapCounter();
        // -1 ulp * 3 * 2^-14 = -3 * 2^-36: toward minus infinity -1 ulp; the positive one truncates to 0
        assertThat(FixedMath.mulWeight(-1, 3, 14, wraps)).isEqualTo(-1);
        assertThat(FixedMath.mulWeight(1, 3, 14, wraps)).isEqualTo(0);
        assertThat(FixedMath.mul(FixedMath.of(0.5), -1, wraps)).isEqualTo(-1);
        // 300 * 2 = 600 leaves [-512, 512): wraps to 600 - 1024 and is counted
        assertThat(FixedMath.value(FixedMath.mul(FixedMath.of(300), FixedMath.of(2), wraps))).isEqualTo(-424.0);
        assertThat(wraps.wraps()).isEqualTo(1);
    }

    @Test
    void mathFunctionsTruncateTheExactResult() {
        WrapCounter wraps = new WrapCounter();
        assertThat(FixedMath.sqrt(FixedMath.of(2), wraps)).isEqualTo(5_931_641);      // sqrt(2) * 2^22 = 5931641.60
        assertThat(FixedMath.exp(FixedMath.of(-1), wraps)).isEqualTo(1_542_998);      // e^-1 * 2^22 = 1542998.21
        assertThat(FixedMath.div(FixedMath.ONE, FixedMath.of(3), wraps)).isEqualTo(1_398_101);   // 2^44 / (3 * 2^22)
        assertThat(FixedMath.recip(FixedMath.of(0.25), wraps)).isEqualTo(FixedMath.of(4));
        assertThat(wraps.wraps()).isZero();
        assertThat(FixedMath.sqrt(0, wraps)).isZero();
        assertThat(wraps.wraps()).isEqualTo(1);
    }

    @Test
    void geluTableHoldsTheTruncatedCorrection() {
        assertThat(GeluTable.entry(0)).isZero();
        assertThat(GeluTable.entry(1)).isEqualTo(63_902);      // (1/32) Phi(-1/32) * 2^22 = 63902.198
        assertThat(GeluTable.entry(32)).isEqualTo(665_448);    // Phi(-1) * 2^22 = 665448.366
        assertThat(GeluTable.entry(GeluTable.ENTRIES - 1)).isZero();   // 5.5 Phi(-5.5) = 1.0e-7 < 2^-22
    }

    @Test
    void geluAtTablePointsIsExactToOneStep() {
        for (int i = -176; i <= 176; i++) {
            double x = i / 32.0;
            double board = FixedMath.value(GeluTable.gelu(FixedMath.of(x)));
            double error = board - FloatArithmetic.gelu(x);
            // relu - floor(delta): at most one step above the exact value, never below
            assertThat(error).as("x = %s", x).isBetween(0.0, ULP);
        }
    }

    @Test
    void geluAtAMidpointCarriesTheInterpolationError() {
        // delta is concave at 1 (delta'' = phi(x)(x^2 - 2) = -0.242), so the chord lies below it and the
        // board's gelu lies above the exact one by about |delta''| h^2 / 8 = 2.95e-5 (2.84e-5 with the
        // exact curvature over the step and the truncations, computed by hand)
        double x = 1 + 1 / 64.0;
        double error = FixedMath.value(GeluTable.gelu(FixedMath.of(x))) - FloatArithmetic.gelu(x);
        assertThat(error).isCloseTo(2.843e-5, within(2e-8));
    }

    @Test
    void geluStaysWithinTheBoundTheTableImplies() {
        double worst = 0;
        for (int i = -700_000; i <= 700_000; i += 7) {
            double x = i * 1e-5;
            double error = Math.abs(FixedMath.value(GeluTable.gelu(FixedMath.of(x))) - FloatArithmetic.gelu(FixedFormat.ACTIVATION.quantise(x)));
            worst = Math.max(worst, error);
        }
        assertThat(worst).isLessThanOrEqualTo(GeluTable.ERROR_BOUND).isGreaterThan(0.5 * GeluTable.ERROR_BOUND);
        assertThat(FixedMath.value(GeluTable.gelu(FixedMath.of(6)))).isEqualTo(6.0);
        assertThat(GeluTable.gelu(FixedMath.of(-6))).isZero();
        assertThat(GeluTable.gelu(FixedMath.MIN)).isZero();
    }

    @Test
    void floatGeluIsTheErfGelu() {
        for (double x : new double[] {-7, -3, -2.83, -1, -0.01, 0, 0.3, 1, 2.8, 2.9, 5, 9}) {
            double exact = 0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2)));
            assertThat(FloatArithmetic.gelu(x)).as("x = %s", x).isCloseTo(exact, within(1e-13));
        }
    }

    @Test
    void onlineSoftmaxRescalesWhenALargerScoreArrives() {
        WrapCounter wraps = new WrapCounter();
        int e1 = FixedMath.exp(FixedMath.of(-1), wraps);
        OnlineSoftmax rising = new OnlineSoftmax(wraps);
        for (double s : new double[] {0, 1, 2}) rising.add(FixedMath.of(s));
        // 0: sum 1; 1: sum 1 * e^-1 + 1; 2: sum (1 + e^-1) e^-1 + 1, each product truncated
        long expected = ((long) (FixedMath.ONE + e1) * e1 >> 22) + FixedMath.ONE;
        assertThat(rising.sum()).isEqualTo((int) expected);
        assertThat(rising.bias()).isEqualTo(FixedMath.of(2));
        OnlineSoftmax falling = new OnlineSoftmax(wraps);
        for (double s : new double[] {2, 1, 0}) falling.add(FixedMath.of(s));
        assertThat(falling.sum()).isEqualTo(FixedMath.ONE + e1 + FixedMath.exp(FixedMath.of(-2), wraps));
        double exact = 1 + Math.exp(-1) + Math.exp(-2);
        assertThat(FixedMath.value(rising.sum())).isCloseTo(exact, within(4 * ULP));
        assertThat(FixedMath.value(falling.sum())).isCloseTo(exact, within(4 * ULP));
        assertThat(wraps.wraps()).isZero();
    }
}
