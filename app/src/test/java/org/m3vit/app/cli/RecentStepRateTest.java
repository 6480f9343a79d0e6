package org.m3vit.app.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The ETA's rate: only the recent points of this session count, not the run's lifetime average. */
class RecentStepRateTest {

    @Test
    void rateComesFromTheWindowNotTheRunsHistory() {
        RecentStepRate rate = new RecentStepRate(3);
        assertThat(rate.secondsPerStep()).isNaN();
        // resumed at step 28,500 after 25,900 s of earlier sessions (0.91 s/step), now at 0.5 s/step
        rate.add(28_510, 25_905.0);
        assertThat(rate.secondsPerStep()).isNaN();
        rate.add(28_520, 25_910.0);
        assertThat(rate.secondsPerStep()).isCloseTo(0.5, offset(1e-12));
        rate.add(28_530, 25_915.0);
        rate.add(28_540, 25_922.0); // the oldest point (28,510) drops out: (25,922 - 25,910) / 20
        assertThat(rate.secondsPerStep()).isCloseTo(0.6, offset(1e-12));
    }

    @Test
    void aWindowNeedsTwoPoints() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RecentStepRate(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
