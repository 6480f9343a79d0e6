package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TIntervalTest {

    @Test
    void meanOfFiveValues() {
        // 1..5: mean 3, s = √2.5, s / √5 = 0.7071068; t(0.975, 4 dof) = 2.7764451 (tables)
        // half width 2.7764451 · 0.7071068 = 1.9632432
        Interval ci = TInterval.ofMean(new double[] {1, 2, 3, 4, 5}, 0.95);
        assertThat(ci.lo()).isEqualTo(3 - 1.9632432, within(1e-6));
        assertThat(ci.hi()).isEqualTo(3 + 1.9632432, within(1e-6));
    }

    @Test
    void pooledRatioIsCentredOnThePooledValue() {
        // values 0.5 1.0 0.8 over 1, 3, 2 pixels: R = 5.1 / 6 = 0.85, mean weight 2
        // residuals (w / 2)(v - R) = -0.175, 0.225, -0.05; s² = 0.08375 / 2; SE = √(0.041875 / 3) = 0.1181454
        // t(0.975, 2 dof) = 4.3026527: half width 0.5083386
        Interval ci = TInterval.ofWeightedMean(new double[] {0.5, 1.0, 0.8}, new double[] {1, 3, 2}, 0.95);
        assertThat(ci.lo()).isEqualTo(0.85 - 0.5083386, within(1e-6));
        assertThat(ci.hi()).isEqualTo(0.85 + 0.5083386, within(1e-6));
    }

    @Test
    void equalWeightsGiveThePlainIntervalAndEmptyScenesDoNotCount() {
        Interval plain = TInterval.ofMean(new double[] {0.2, 0.9, 0.4, 0.7}, 0.95);
        Interval weighted = TInterval.ofWeightedMean(new double[] {0.2, 0.9, Double.NaN, 0.4, 0.7}, new double[] {7, 7, 0, 7, 7}, 0.95);
        assertThat(weighted.lo()).isEqualTo(plain.lo(), within(1e-12));
        assertThat(weighted.hi()).isEqualTo(plain.hi(), within(1e-12));
    }

    @Test
    void oneSceneHasNoInterval() {
        assertThat(TInterval.ofMean(new double[] {4}, 0.95)).isEqualTo(Interval.UNDEFINED);
        assertThat(TInterval.ofMean(new double[] {4}, 0.95).contains(4)).isFalse();
    }
}
