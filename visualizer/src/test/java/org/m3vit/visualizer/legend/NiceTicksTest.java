package org.m3vit.visualizer.legend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Round ticks worked out by hand. */
class NiceTicksTest {

    @Test
    void aDepthRangeGetsWholeMetresAndANarrowOneHundredthsThatNeverRepeat() {
        // 1.58 .. 4.59 m, at most 4 ticks: raw step 3.01 / 3 = 1.003 -> 2 -> 2, 4; at most 5: 0.7525 -> 1 -> 2, 3, 4
        assertThat(NiceTicks.of(1.58, 4.59, 4).labels()).containsExactly("2", "4");
        assertThat(NiceTicks.of(1.58, 4.59, 5).labels()).containsExactly("2", "3", "4");
        // 2.41 .. 2.47 m, at most 6: raw 0.012 -> 0.02 -> 2.42, 2.44, 2.46 (a fixed %.1f would print 2.4 five times)
        assertThat(NiceTicks.of(2.41, 2.47, 6).labels()).containsExactly("2.42", "2.44", "2.46");
        // 0 .. 90 degrees, at most 4: raw 30 -> 50 -> 0, 50
        assertThat(NiceTicks.of(0, 90, 4).labels()).containsExactly("0", "50");
        assertThat(NiceTicks.of(0, 90, 7).labels()).containsExactly("0", "20", "40", "60", "80");
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(NiceTicks.niceStep(0.75)).isEqualTo(1.0);
        assertThat(NiceTicks.niceStep(1.2)).isEqualTo(2.0);
        assertThat(NiceTicks.niceStep(3)).isEqualTo(5.0);
        assertThat(NiceTicks.niceStep(0.012)).isEqualTo(0.02, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(NiceTicks.niceStep(700)).isEqualTo(1000.0);
    }

    @Test
    void anEmptyRangeGivesItsOneValue() {
        assertThat(NiceTicks.of(3, 3, 5).labels()).containsExactly("3.00");
    }
}
