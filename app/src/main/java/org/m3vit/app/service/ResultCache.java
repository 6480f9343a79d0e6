package org.m3vit.app.service;

import org.m3vit.model.RoutingIntervention;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Results per (model, image, task, routing intervention), bounded by a number of entries and by the bytes their arrays
 * hold; the least recently used go first. Safe to use from the worker and the FX thread.
 */
public final class ResultCache {

    /** Key of one cached result: the intervention is the one that applied to the task's pass. */
    public record Key(String model, String image, String task, RoutingIntervention intervention) {
        public Key {
            intervention = intervention == null ? RoutingIntervention.NONE : intervention;
        }

        /** The key of the gates' own routing. */
        public Key(String model, String image, String task) { this(model, image, task, RoutingIntervention.NONE); }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, TaskResult> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A cache holding at most {@code maxEntries} results, however large. */
    public ResultCache(int maxEntries) { this(maxEntries, Long.MAX_VALUE); }

    /** A cache holding at most {@code maxEntries} results and at most {@code maxBytes} of their arrays. */
    public ResultCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) throw new IllegalArgumentException("cache bounds must be positive");
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The cached result, or null. */
    public synchronized TaskResult get(Key key) { return map.get(key); }

    /** Stores a result, dropping the least recently used ones beyond the bounds (a result larger than the byte bound is not kept). */
    public synchronized void put(Key key, TaskResult result) {
        TaskResult old = map.put(key, result);
        if (old != null) bytes -= old.bytes();
        bytes += result.bytes();
        Iterator<Map.Entry<Key, TaskResult>> it = map.entrySet().iterator();
        while ((map.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }

    /** Drops everything (a new model was opened). */
    public synchronized void clear() {
        map.clear();
        bytes = 0;
    }

    /** Number of results held. */
    public synchronized int size() { return map.size(); }

    /** Bytes held by the cached results' arrays. */
    public synchronized long bytes() { return bytes; }
}
