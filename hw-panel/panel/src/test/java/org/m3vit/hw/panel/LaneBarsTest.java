package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;
import org.m3vit.hw.sim.Lane;
import org.m3vit.hw.sim.SimEvent;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneBarsTest {

    private static SimEvent ev(int i, double s, double e) {
        return new SimEvent(i, Lane.LINEAR, s, e, 0, "semseg", "block 1", "expert fc1+gelu", i % 16, 1, 0, 0, 10, "ping", new int[0]);
    }

    /** 10,000 one-cycle events back to back over 10,000 cycles. */
    private static List<SimEvent> dense() {
        List<SimEvent> l = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) l.add(ev(i, i, i + 1));
        return l;
    }

    @Test
    void subPixelEventsMergeIntoAboutOneBarPerPixelAndNoneIsLost() {
        TimeAxis a = new TimeAxis();
        a.reset(10_000);
        List<LaneBars.Bar> bars = LaneBars.of(dense(), a, 200, 1.0);
        assertTrue(bars.size() <= 210, "bars: " + bars.size()); // about one per pixel column
        assertTrue(bars.size() >= 100, "bars: " + bars.size());
        assertEquals(10_000, bars.stream().mapToInt(LaneBars.Bar::count).sum());
    }

    @Test
    void zoomedInEachVisibleEventIsItsOwnBarAndOthersAreSkipped() {
        TimeAxis a = new TimeAxis();
        a.reset(10_000);
        a.set(5_000, 5_100);
        List<LaneBars.Bar> bars = LaneBars.of(dense(), a, 1000, 1.0);
        // events 4999 (ends at 5000) .. 5100 (starts at 5100) touch the range
        assertEquals(102, bars.size());
        assertTrue(bars.stream().noneMatch(LaneBars.Bar::merged));
        assertEquals(4_999, bars.get(0).first().index());
        assertEquals(10, bars.get(2).x1() - bars.get(2).x0(), 1e-9);
    }

    @Test
    void eventAtFindsTheCoveringEvent() {
        List<SimEvent> l = List.of(ev(0, 0, 10), ev(1, 20, 30));
        assertSame(l.get(1), LaneBars.at(l, 25));
        assertNull(LaneBars.at(l, 15));
        assertNull(LaneBars.at(l, 31));
    }
}
