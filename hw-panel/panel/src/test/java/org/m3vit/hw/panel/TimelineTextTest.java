package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The timeline's texts: tick labels and the animation cursor's caption. */
class TimelineTextTest {

    private static String caption(int loading, int computing, int token, int... experts) {
        return TimelineView.cursorText(new AnimationCursor("block 4", 10, 0, 20, loading, computing, -1, -1, 0, token, experts));
    }

    @Test
    void theCursorCaptionNeverSaysAnExpertLoadsAndComputesAsTwoThings() {
        // was "b4: loading e4, computing e4", which reads as a contradiction
        assertEquals("b4: e4 computing as its weights arrive", caption(4, 4, -1));
        assertEquals("b4: computing e2 while e5 loads; token 45 -> e1, e6", caption(5, 2, 45, 1, 6));
        assertEquals("b4: loading e5", caption(5, -1, -1));
    }

    @Test
    void ticksAreInMicrosecondsUpToTwoMillisecondsThenInMilliseconds() {
        assertEquals("1500 us", TimelineView.tickLabel(1500, 1999));
        assertEquals("2.5 ms", TimelineView.tickLabel(2500, 5000));
        assertEquals("12 ms", TimelineView.tickLabel(12000, 30000));
        assertEquals("0.25 us", TimelineView.tickLabel(0.25, 1));
    }
}
