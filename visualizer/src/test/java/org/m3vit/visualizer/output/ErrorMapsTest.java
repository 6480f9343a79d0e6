package org.m3vit.visualizer.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The error histogram behind the breakdown charts, against counts done by hand. */
class ErrorMapsTest {

    @Test
    void histogramCountsTheShareOfFiniteValuesPerBinAndTheLastBinTakesTheRest() {
        float[] v = {0f, 0.4f, 0.5f, 0.99f, 1.0f, 3.7f, Float.NaN, 12f};
        double[] share = ErrorMaps.histogram(v, new double[] {0, 0.5, 1, 2});
        // 7 finite values: [0,0.5) 0 and 0.4; [0.5,1) 0.5 and 0.99; [1, ...) 1.0, 3.7, 12
        assertThat(share[0]).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(share[1]).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(share[2]).isCloseTo(3.0 / 7, within(1e-12));
    }

    @Test
    void histogramOfNothingFiniteIsAllZero() {
        assertThat(ErrorMaps.histogram(new float[] {Float.NaN}, new double[] {0, 1, 2})).containsExactly(0, 0);
    }

    @Test
    void niceEdgesUseStepsOfOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ErrorMaps.niceEdges(1.7, 4)).containsExactly(0, 0.5, 1, 1.5, 2);
        assertThat(ErrorMaps.niceEdges(6, 6)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(ErrorMaps.niceEdges(0.13, 6)[1]).isCloseTo(0.05, within(1e-12));
        assertThat(ErrorMaps.niceEdges(0, 2)).containsExactly(0, 0.5, 1);
    }
}
