package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DepthMetricsTest {

    @Test
    void handComputedScoresOnValidPixels() {
        // pred 1 2 3 5, gt 1 4 2 0 (last invalid): errors 0, -2, 1
        // RMSE = sqrt(5/3) = 1.29099; absRel = (0 + 2/4 + 1/2)/3 = 1/3
        // ratios max(p/g, g/p) = 1, 2, 1.5: < 1.25 -> 1/3; < 1.5625 -> 2/3; < 1.953125 -> 2/3
        DepthMetrics m = new DepthMetrics();
        m.add(new float[] {1, 2, 3, 5}, new float[] {1, 4, 2, 0});
        assertThat(m.pixels()).isEqualTo(3);
        assertThat(m.rmse()).isEqualTo(1.2909944487358056, within(1e-12));
        assertThat(m.absRel()).isEqualTo(1.0 / 3, within(1e-12));
        assertThat(m.delta1()).isEqualTo(1.0 / 3, within(1e-12));
        assertThat(m.delta2()).isEqualTo(2.0 / 3, within(1e-12));
        assertThat(m.delta3()).isEqualTo(2.0 / 3, within(1e-12));
    }

    @Test
    void negativePredictionNeverMeetsDeltaAndImagesAccumulate() {
        DepthMetrics m = new DepthMetrics();
        m.add(new float[] {-1}, new float[] {1});      // max(-1, -1) would pass a naive ratio test
        m.add(new float[] {2, 9}, new float[] {2, Float.NaN});
        assertThat(m.pixels()).isEqualTo(2);
        assertThat(m.delta1()).isEqualTo(0.5, within(1e-12));
        assertThat(m.rmse()).isEqualTo(Math.sqrt(4.0 / 2), within(1e-12));
        assertThat(m.absRel()).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void noValidPixelGivesNaN() {
        DepthMetrics m = new DepthMetrics();
        m.add(new float[] {1}, new float[] {0});
        assertThat(m.rmse()).isNaN();
    }
}
