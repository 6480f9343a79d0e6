package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeAxisTest {

    @Test
    void zoomKeepsTheAnchorAtItsPixelAndScalesTheSpan() {
        TimeAxis a = new TimeAxis();
        a.reset(10_000);
        double xBefore = a.x(2_500, 800);
        a.zoom(0.5, 2_500);
        assertEquals(5_000, a.span(), 1e-9);
        assertEquals(xBefore, a.x(2_500, 800), 1e-9);
        assertEquals(1_250, a.start(), 1e-9); // 2500 - 0.25 * 5000
    }

    @Test
    void panAndZoomOutStayInsideTheRun() {
        TimeAxis a = new TimeAxis();
        a.reset(1_000);
        a.zoom(0.1, 500);
        a.pan(-10_000);
        assertEquals(0, a.start(), 1e-9);
        assertEquals(100, a.end(), 1e-9);
        a.pan(10_000);
        assertEquals(1_000, a.end(), 1e-9);
        a.zoom(100, 0);
        assertEquals(0, a.start(), 1e-9);
        assertEquals(1_000, a.end(), 1e-9);
        a.zoom(1e-9, 300);
        assertEquals(TimeAxis.MIN_SPAN, a.span(), 1e-9);
    }

    @Test
    void pixelAndCycleMapBothWays() {
        TimeAxis a = new TimeAxis();
        a.reset(4_000);
        a.set(1_000, 3_000);
        assertEquals(200, a.x(1_500, 800), 1e-9);
        assertEquals(1_500, a.cycle(200, 800), 1e-9);
    }
}
