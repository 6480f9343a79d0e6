package org.m3vit.hw.panel;

import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few simulations the panel ran, by their inputs, so that going back to a task (or a
 * hardware config) already simulated shows its results at once instead of simulating again.
 * Traces count by identity: a trace the explorer made anew (another image, another model) is another input.
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

    private final Map<Key, Map<Schedule, SimResult>> entries;

    /** A cache of at most {@code capacity} simulations, the least recently used dropped first. */
    SimulationCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + " (must be at least 1)");
        entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Map<Schedule, SimResult>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The results of every schedule for these inputs, or null if they were not simulated lately. */
    synchronized Map<Schedule, SimResult> get(ModelConfig config, HardwareConfig hardware, boolean heads, List<RoutingTrace> traces) {
        return entries.get(key(config, hardware, heads, traces));
    }

    /** Remembers the results of every schedule for these inputs. */
    synchronized void put(ModelConfig config, HardwareConfig hardware, boolean heads, List<RoutingTrace> traces, Map<Schedule, SimResult> results) {
        entries.put(key(config, hardware, heads, traces), Map.copyOf(results));
    }

    /** How many simulations are remembered. */
    synchronized int size() {
        return entries.size();
    }

    private static Key key(ModelConfig config, HardwareConfig hardware, boolean heads, List<RoutingTrace> traces) {
        return new Key(config, hardware, heads, traces.stream().map(TraceRef::new).toList());
    }
}
