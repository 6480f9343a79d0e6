package org.m3vit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyWarmUpTest {

    @Test
    void endsWhenTwoWindowsAgreeWithinFivePercent() {
        SteadyWarmUp w = new SteadyWarmUp();
        double[] cold = {100, 90, 80, 70, 60, 50, 50, 50, 50, 50};   // windows: median 80, then 50 -> not steady
        for (double ms : cold) assertThat(w.add(ms)).isFalse();
        // the last two windows slide with every pass: 90..50 (median 70) | 50, 50, 50, 50, 51 (50): not yet
        assertThat(w.add(51)).isFalse();
        assertThat(w.add(51)).isFalse();   // 80..50 (60) | 50, 50, 50, 51, 51 (50)
        assertThat(w.add(51)).isTrue();    // 70, 60, 50, 50, 50 (50) | 50, 50, 51, 51, 51 (51): 2 % apart
        assertThat(w.outcome().passes()).isEqualTo(13);
        assertThat(w.outcome().steady()).isTrue();
        assertThat(w.outcome().seconds()).isCloseTo((100 + 90 + 80 + 70 + 60 + 250 + 3 * 51) / 1000.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void timingsThatKeepDriftingGiveUpAtTheCapAndSaySo() {
        // +1.1 % per pass: windows five passes apart differ by 5.6 %, never within 5 %
        SteadyWarmUp w = new SteadyWarmUp();
        double ms = 1;
        int passes = 0;
        while (!w.add(ms)) {
            ms *= 1.011;
            passes++;
        }
        assertThat(passes + 1).isEqualTo(SteadyWarmUp.MAX_PASSES);
        assertThat(w.outcome().steady()).isFalse();
    }

    @Test
    void neverSteadyBeforeTheMinimumNumberOfPasses() {
        SteadyWarmUp w = new SteadyWarmUp();
        for (int i = 0; i < 9; i++) assertThat(w.add(10)).isFalse();
        assertThat(w.add(10)).isTrue();
    }
}
