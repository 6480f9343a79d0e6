package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScaleInvariantDepthTest {

    @Test
    void aPredictionTwiceTheTruthHasNoScaleInvariantError() {
        ScaleInvariantDepth m = new ScaleInvariantDepth();
        m.add(new float[] {2, 5, 8.5f, 13}, new float[] {1, 2.5f, 4.25f, 6.5f});
        assertThat(m.images()).isEqualTo(1);
        assertThat(m.medianScaledAbsRel()).isEqualTo(0, within(1e-12));
        assertThat(m.siLog()).isEqualTo(0, within(1e-12));
    }

    @Test
    void handComputedImage() {
        // valid pixels: gt 1 2 4, pred 1 1 8 (the fourth pixel has no ground truth)
        // median scaling: median(gt) / median(pred) = 2 / 1 -> 2 2 16; absRel = (1/1 + 0/2 + 12/4) / 3 = 4/3
        // d = ln p - ln g = 0, -ln 2, ln 2: mean 0, mean d² = 2 ln²2 / 3 -> SILog = ln 2 · √(2/3) = 0.5659523
        ScaleInvariantDepth m = new ScaleInvariantDepth();
        m.add(new float[] {1, 1, 8, 5}, new float[] {1, 2, 4, 0});
        assertThat(m.medianScaledAbsRel()).isEqualTo(4.0 / 3, within(1e-12));
        assertThat(m.siLog()).isEqualTo(0.5659523030068885, within(1e-12));
    }

    @Test
    void predictionsAreClampedToOneMillimetreBeforeScalingAndLog() {
        // pred 0 1 -> 0.001 1, gt 1 1: median(pred) = 0.5005, scale = 1 / 0.5005
        // scaled 0.001998 1.998002: absRel = (0.998002 + 0.998002) / 2 = 0.4995 / 0.5005
        // d = ln 0.001, 0: SILog = |ln 0.001| / 2 = 3.4538776
        ScaleInvariantDepth m = new ScaleInvariantDepth();
        m.add(new float[] {0, 1}, new float[] {1, 1});
        assertThat(m.medianScaledAbsRel()).isEqualTo(0.4995 / 0.5005, within(1e-12));
        assertThat(m.siLog()).isEqualTo(Math.log(1000) / 2, within(1e-12));
    }

    @Test
    void imagesAreAveragedNotPooledAndEmptyImagesDoNotCount() {
        ScaleInvariantDepth m = new ScaleInvariantDepth();
        m.add(new float[] {2, 4}, new float[] {1, 2});              // 0 and 0
        m.add(new float[] {1, 1, 8, 5}, new float[] {1, 2, 4, 0});  // 4/3 and 0.5659523 (above)
        m.add(new float[] {3}, new float[] {Float.NaN});            // no valid pixel
        assertThat(m.images()).isEqualTo(2);
        assertThat(m.perImageMedianScaledAbsRel()).containsExactly(new double[] {0, 4.0 / 3}, within(1e-12));
        assertThat(m.medianScaledAbsRel()).isEqualTo(2.0 / 3, within(1e-12));
        assertThat(m.siLog()).isEqualTo(0.5659523030068885 / 2, within(1e-12));
    }

    @Test
    void noImageGivesNaN() {
        assertThat(new ScaleInvariantDepth().siLog()).isNaN();
    }
}
