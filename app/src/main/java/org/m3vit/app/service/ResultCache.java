package org.m3vit.app.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** Results per (model, image, task), least recently used dropped first; safe to use from the worker and the FX thread. */
public final class ResultCache {

    /** Key of one cached result. */
    public record Key(String model, String image, String task) { }

    private final int capacity;
    private final LinkedHashMap<Key, TaskResult> map;

    /** A cache holding at most {@code capacity} results. */
    public ResultCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, TaskResult> eldest) {
                return size() > ResultCache.this.capacity;
            }
        };
    }

    /** The cached result, or null. */
    public synchronized TaskResult get(Key key) { return map.get(key); }

    /** Stores a result. */
    public synchronized void put(Key key, TaskResult result) { map.put(key, result); }

    /** Drops everything (a new model was opened). */
    public synchronized void clear() { map.clear(); }

    /** Number of results held. */
    public synchronized int size() { return map.size(); }
}
