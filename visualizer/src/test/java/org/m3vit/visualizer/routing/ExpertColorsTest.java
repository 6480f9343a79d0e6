package org.m3vit.visualizer.routing;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sixteen expert colours are told apart: CIELAB Delta E 76 (sRGB, D65) between every pair. */
class ExpertColorsTest {

    private static double[] lab(Color c) {
        double[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
        double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) { return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116; }

    @Test
    void noTwoOfTheSixteenAreCloserThanDeltaE30() {
        double min = Double.MAX_VALUE;
        for (int a = 0; a < 16; a++) {
            for (int b = a + 1; b < 16; b++) {
                double[] p = lab(ExpertColors.of(a)), q = lab(ExpertColors.of(b));
                min = Math.min(min, Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2)));
            }
        }
        // was 4.0 (E5 #76b7b2 and E14 #86bcb6)
        assertThat(min).isGreaterThan(30.0);
    }
}
