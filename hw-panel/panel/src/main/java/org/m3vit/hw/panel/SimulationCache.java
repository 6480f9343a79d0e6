package org.m3vit.hw.panel;

import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few simulations the panel ran, by their inputs, so that going back to a task (or a
 * hardware config) already simulated shows its results at once instead of simulating again.
 * Traces count by identity: a trace the explorer made anew (another image, another model) is another input.
 * Bounded by entries and by simulated events (a naive-refetch run of m3vit-s holds some 170,000 of them, tens of
 * MB): the least recently used go first; the newest is always kept (the panel shows it anyway).
 */
final class SimulationCache {

    /** The inputs of one simulation; traces compared by identity. */
    private record Key(ModelConfig config, HardwareConfig hardware, boolean heads, List<TraceRef> traces) { }

    /** A trace compared by identity (a trace's own equality would compare its routing, or nothing useful). */
    private record TraceRef(RoutingTrace trace) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TraceRef r && r.trace == trace;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(trace);
        }
    }

    private final Map<Key, Map<Schedule, SimResult>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    private final long maxEvents;
    private long events;

    /** A cache of at most {@code capacity} simulations and {@code maxEvents} simulated events in all. */
    SimulationCache(int capacity, long maxEvents) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + " (must be at least 1)");
        if (maxEvents < 1) throw new IllegalArgumentException("maxEvents " + maxEvents + " (must be at least 1)");
        this.capacity = capacity;
        this.maxEvents = maxEvents;
    }

    /** The results of every schedule for these inputs, or null if they were not simulated lately. */
    synchronized Map<Schedule, SimResult> get(ModelConfig config, HardwareConfig hardware, boolean heads, List<RoutingTrace> traces) {
        return entries.get(key(config, hardware, heads, traces));
    }

    /** Remembers the results of every schedule for these inputs, dropping the least recently used beyond the bounds. */
    synchronized void put(ModelConfig config, HardwareConfig hardware, boolean heads, List<RoutingTrace> traces, Map<Schedule, SimResult> results) {
        Map<Schedule, SimResult> copy = Map.copyOf(results);
        Map<Schedule, SimResult> old = entries.put(key(config, hardware, heads, traces), copy);
        if (old != null) events -= eventsOf(old);
        events += eventsOf(copy);
        Iterator<Map.Entry<Key, Map<Schedule, SimResult>>> eldest = entries.entrySet().iterator();
        while (entries.size() > 1 && (entries.size() > capacity || events > maxEvents)) {
            events -= eventsOf(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Simulated events held, over every remembered simulation. */
    synchronized long events() {
        return events;
    }

    private static long eventsOf(Map<Schedule, SimResult> results) {
        long n = 0;
        for (SimResult r : results.values()) n += r.events().size();
        return n;
    }

    /** How many simulations are remembered. */
    synchronized int size() {
        return entries.size();
    }

    private static Key key(ModelConfig config, HardwareConfig hardware, boolean heads, List<RoutingTrace> traces) {
        return new Key(config, hardware, heads, traces.stream().map(TraceRef::new).toList());
    }
}
