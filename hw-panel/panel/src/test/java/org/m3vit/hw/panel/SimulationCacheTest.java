package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.model.RoutingTrace;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.m3vit.hw.panel.PanelFixtures.MODEL;

/** The panel's memory of recent simulations: found by their inputs, bounded by entries and by events. */
class SimulationCacheTest {

    private static final HardwareConfig HW = HardwarePresets.get("edge-moe-zcu102");

    private static Map<Schedule, SimResult> simulate(RoutingTrace trace) {
        Map<Schedule, SimResult> m = new EnumMap<>(Schedule.class);
        m.put(Schedule.REORDERED, Simulator.run(MODEL, List.of(trace), HW, Schedule.REORDERED, false));
        return m;
    }

    @Test
    void findsResultsByTheirInputsAndDropsTheLeastRecentlyUsedBeyondItsCapacity() {
        List<RoutingTrace> t = List.copyOf(PanelFixtures.traces().values());
        SimulationCache c = new SimulationCache(2, Long.MAX_VALUE);
        Map<Schedule, SimResult> a = simulate(t.get(0));
        c.put(MODEL, HW, false, List.of(t.get(0)), a);
        c.put(MODEL, HW, false, List.of(t.get(1)), simulate(t.get(1)));
        assertSame(a.get(Schedule.REORDERED), c.get(MODEL, HW, false, List.of(t.get(0))).get(Schedule.REORDERED)); // t0 used last now
        assertNull(c.get(MODEL, HW, true, List.of(t.get(0))), "heads are another input");
        assertNull(c.get(MODEL, HardwarePresets.get("m3vit-zcu104"), false, List.of(t.get(0))), "another board is another input");
        c.put(MODEL, HW, false, List.of(t.get(1), t.get(0)), simulate(t.get(1))); // a third input: a task sequence
        assertEquals(2, c.size());
        assertNull(c.get(MODEL, HW, false, List.of(t.get(1))), "the least recently used went first");
        assertNotNull(c.get(MODEL, HW, false, List.of(t.get(0))));
    }

    @Test
    void keepsNoMoreEventsThanItsBoundButAlwaysTheNewest() {
        List<RoutingTrace> t = List.copyOf(PanelFixtures.traces().values());
        Map<Schedule, SimResult> a = simulate(t.get(0));
        Map<Schedule, SimResult> b = simulate(t.get(1));
        long ea = a.get(Schedule.REORDERED).events().size();
        long eb = b.get(Schedule.REORDERED).events().size();
        SimulationCache c = new SimulationCache(24, ea + eb - 1); // both do not fit
        c.put(MODEL, HW, false, List.of(t.get(0)), a);
        assertEquals(ea, c.events());
        c.put(MODEL, HW, false, List.of(t.get(1)), b);
        assertEquals(1, c.size());
        assertEquals(eb, c.events());
        assertNotNull(c.get(MODEL, HW, false, List.of(t.get(1))));
        SimulationCache tiny = new SimulationCache(24, 1); // smaller than any run: the newest is kept anyway
        tiny.put(MODEL, HW, false, List.of(t.get(0)), a);
        tiny.put(MODEL, HW, false, List.of(t.get(1)), b);
        assertEquals(1, tiny.size());
        assertNotNull(tiny.get(MODEL, HW, false, List.of(t.get(1))));
        c.put(MODEL, HW, false, List.of(t.get(1)), b); // the same inputs again replace, not add
        assertEquals(eb, c.events());
    }
}
