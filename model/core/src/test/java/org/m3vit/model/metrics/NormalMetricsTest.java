package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalMetricsTest {

    @Test
    void handComputedAnglesAfterNormalisingThePrediction() {
        // gt (0,0,1) everywhere except the last pixel (zero vector: invalid)
        // predictions: (0,0,2) 0°, (sin20°,0,cos20°) 20°, (1,0,1) 45°, (0,1,0) 90°, (0,0,-3) 180°
        // mean = 335/5 = 67, median = 45, < 11.25: 1/5, < 22.5: 2/5, < 30: 2/5
        float s = (float) Math.sin(Math.toRadians(20)), c = (float) Math.cos(Math.toRadians(20));
        float[] pred = {
                0, s, 1, 0, 0, 7,
                0, 0, 0, 1, 0, 7,
                2, c, 1, 0, -3, 7};
        float[] gt = {
                0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0,
                1, 1, 1, 1, 1, 0};
        NormalMetrics m = new NormalMetrics();
        m.add(pred, gt);
        assertThat(m.pixels()).isEqualTo(5);
        assertThat(m.meanDegrees()).isEqualTo(67.0, within(1e-4));
        assertThat(m.medianDegrees()).isEqualTo(45.0, within(1e-4));
        assertThat(m.within11()).isEqualTo(20.0, within(1e-9));
        assertThat(m.within22()).isEqualTo(40.0, within(1e-9));
        assertThat(m.within30()).isEqualTo(40.0, within(1e-9));
    }

    @Test
    void evenCountMedianAndZeroPredictionCountsAsNinetyDegrees() {
        NormalMetrics m = new NormalMetrics();
        m.add(new float[] {0, 0, 0, 0, 0, 1}, new float[] {0, 0, 0, 0, 1, 1}); // pixel 0: zero prediction, pixel 1: 0°
        assertThat(m.pixels()).isEqualTo(2);
        assertThat(m.medianDegrees()).isEqualTo(45.0, within(1e-9));
        assertThat(m.meanDegrees()).isEqualTo(45.0, within(1e-9));
    }

    @Test
    void addingAnotherScoreEqualsAddingItsImagesInOrder() {
        float[] a = {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, 0, 0};          // 4 pixels, channel-major
        float[] ga = {1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1};
        float[] b = {0, 0.5f, 0, 1, 0, 0};                            // 2 pixels
        float[] gb = {0, 1, 0, 0, 1, 1};
        NormalMetrics direct = new NormalMetrics();
        direct.add(a, ga);
        direct.add(b, gb);
        NormalMetrics first = new NormalMetrics(), second = new NormalMetrics(), merged = new NormalMetrics();
        first.add(a, ga);
        second.add(b, gb);
        merged.addAll(first);
        merged.addAll(second);
        assertThat(merged.anglesDegrees()).containsExactly(direct.anglesDegrees());
        assertThat(merged.pixels()).isEqualTo(6);
        assertThat(merged.meanDegrees()).isEqualTo(direct.meanDegrees());
    }
}
