package org.m3vit.visualizer.color;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ColorMapTest {

    /** Relative luminance (Rec. 709 weights on the gamma-encoded values: enough to check the ordering). */
    private static double luminance(double[] c) {
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @Test
    void viridisEndpointsMatchMatplotlib() {
        // matplotlib viridis(0) = (0.267, 0.005, 0.329), viridis(1) = (0.993, 0.906, 0.144)
        double[] lo = ColorMap.VIRIDIS.rgb(0);
        double[] hi = ColorMap.VIRIDIS.rgb(1);
        assertThat(lo[0]).isCloseTo(0.267, within(0.02));
        assertThat(lo[2]).isCloseTo(0.329, within(0.02));
        assertThat(hi[0]).isCloseTo(0.993, within(0.02));
        assertThat(hi[1]).isCloseTo(0.906, within(0.02));
        assertThat(hi[2]).isCloseTo(0.144, within(0.02));
    }

    @Test
    void perceptualMapsGetBrighterMonotonically() {
        for (ColorMap m : ColorMap.values()) {
            if (!m.perceptuallyUniform()) continue;
            double prev = -1;
            for (int i = 0; i <= 100; i++) {
                double l = luminance(m.rgb(i / 100.0));
                assertThat(l).as(m + " at " + i).isGreaterThan(prev - 1e-3);
                prev = l;
            }
        }
    }

    @Test
    void applyMapsTheRangeEnds() {
        int[] px = ColorMap.GREY.apply(new float[] {2f, 4f, 3f, Float.NaN}, 2, 4);
        assertThat(px[0]).isEqualTo(0xFF000000);
        assertThat(px[1]).isEqualTo(0xFFFFFFFF);
        assertThat(px[2] & 0xFF).isBetween(127, 128);
        assertThat(px[3]).isEqualTo(0xFF000000);
    }
}
