package org.m3vit.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Median and nearest-rank percentiles against hand-computed cases. */
class SampleStatsTest {

    @Test
    void medianOfOddEvenAndEmptySamples() {
        assertThat(SampleStats.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(SampleStats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(SampleStats.median(new double[0])).isNaN();
        double[] v = {3, 1, 2};
        SampleStats.median(v);
        assertThat(v).containsExactly(3, 1, 2);
    }

    @Test
    void nearestRankPercentile() {
        List<Double> ten = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(SampleStats.percentile(ten, 0.90)).isEqualTo(9.0);   // rank ceil(9.0) = 9
        assertThat(SampleStats.percentile(ten, 0.99)).isEqualTo(10.0);  // rank ceil(9.9) = 10
        assertThat(SampleStats.percentile(ten, 0.05)).isEqualTo(1.0);
        assertThat(SampleStats.percentile(List.of(), 0.5)).isNaN();
    }
}
