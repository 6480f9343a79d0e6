package org.m3vit.app.viewmodel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The task-switch timer's bookkeeping on a hand-driven clock: exclusive nested spans, the pulse wait, the remainder. */
class SwitchTimerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SwitchTimer timer = new SwitchTimer(now::get);

    private void advanceMs(double ms) { now.addAndGet((long) (ms * 1e6)); }

    @Test
    void nestedSpansCountOnceAndTheRestIsOther() {
        timer.open("depth");
        advanceMs(1); // key handling before the first span: "other"
        timer.time("outer", () -> {
            advanceMs(2);
            timer.time("inner", () -> advanceMs(5));
            advanceMs(3);
        });
        timer.add("worker span", 4_000_000L, true);
        advanceMs(7); // waiting for the pulse, measured from the end of the last span
        timer.pulseStarted();
        advanceMs(6);
        SwitchTimings t = timer.close();

        assertThat(t.task()).isEqualTo("depth");
        assertThat(t.totalMs()).isEqualTo(24.0);
        assertThat(t.ms("outer")).isEqualTo(5.0);
        assertThat(t.ms("inner")).isEqualTo(5.0);
        assertThat(t.ms(SwitchTimer.PULSE_WAIT)).isEqualTo(7.0);
        assertThat(t.ms(SwitchTimer.LAYOUT)).isEqualTo(6.0);
        assertThat(t.spans()).filteredOn(SwitchTimings.Span::worker).extracting(SwitchTimings.Span::name).containsExactly("worker span");
        // 24 - (5 + 5 + 4 + 7 + 6) = -3: the worker span overlapped, the remainder is never negative
        assertThat(t.ms(SwitchTimings.OTHER)).isEqualTo(0.0);
        assertThat(timer.isOpen()).isFalse();
        assertThat(timer.completed()).containsExactly(t);
    }

    @Test
    void spansOfTheSameNameAddUpAndNothingIsRecordedWhileClosed() {
        int[] runs = {0};
        timer.time("outputs view", () -> runs[0]++);
        assertThat(runs[0]).as("closed: the work still runs").isEqualTo(1);
        timer.open("semseg");
        timer.time("outputs view", () -> advanceMs(2));
        timer.time("outputs view", () -> advanceMs(3));
        advanceMs(1);
        SwitchTimings t = timer.close();
        assertThat(t.ms("outputs view")).isEqualTo(5.0);
        assertThat(t.ms(SwitchTimings.OTHER)).isEqualTo(1.0);
        assertThat(timer.close()).as("nothing open").isNull();
        assertThat(timer.completed()).hasSize(1);
    }
}
