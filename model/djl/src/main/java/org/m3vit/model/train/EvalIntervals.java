package org.m3vit.model.train;

import org.m3vit.model.metrics.Interval;
import org.m3vit.model.metrics.SceneBootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eval JSON's 95% intervals over scenes: puts each headline metric {@code m} into its task's
 * map with {@code m_ci95}: [lo, hi] beside it, and records which method gave each interval (a
 * t-interval for means of per-scene values, the percentile bootstrap for the other metrics) for
 * the JSON's {@code intervals} object.
 */
final class EvalIntervals {

    private final SceneBootstrap bootstrap = SceneBootstrap.standard();
    private final Map<String, String> methods = new LinkedHashMap<>();

    /** The bootstrap every bootstrap interval uses. */
    SceneBootstrap bootstrap() { return bootstrap; }

    /** Coverage of every interval: 0.95. */
    double level() { return bootstrap.level(); }

    /** A new map for the metrics of {@code task}. */
    Section section(String task) { return new Section(task); }

    /** How the intervals were computed: the JSON's {@code intervals} object. */
    Map<String, Object> describe() {
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("resamples", bootstrap.resamples());
        boot.put("seed", bootstrap.seed());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("level", bootstrap.level());
        out.put("over", "scenes");
        out.put("bootstrap", boot);
        out.put("method", methods);
        return out;
    }

    /** One task's metrics map under construction. */
    final class Section {
        private final String task;
        private final Map<String, Object> map = new LinkedHashMap<>();

        private Section(String task) { this.task = task; }

        /** A metric whose interval is a t-interval over scenes. */
        Section t(String key, double value, Interval interval) { return put(key, value, interval, "t"); }

        /** A metric whose interval is a percentile bootstrap over scenes. */
        Section bootstrap(String key, double value, Interval interval) { return put(key, value, interval, "bootstrap"); }

        /** A value without an interval. */
        Section plain(String key, Object value) {
            map.put(key, value);
            return this;
        }

        /** The map, in the order the metrics were put. */
        Map<String, Object> map() { return map; }

        private Section put(String key, double value, Interval interval, String method) {
            map.put(key, value);
            map.put(key + Evaluation.INTERVAL_SUFFIX, interval.bounds());
            methods.put(task + "." + key, method);
            return this;
        }
    }
}
