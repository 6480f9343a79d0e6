package org.m3vit.app.viewmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Records where the time of the open task switch goes ({@link SwitchTimings}): the view model opens
 * it on a task change and closes it when the new output is laid out; the views time their updates
 * with {@link #time}, the view model adds the worker's spans. While no switch is open, {@code time}
 * just runs the work. Call it on the FX thread, except {@link #addWorker}.
 */
public final class SwitchTimer {

    /** Span names used by the view model and the window (others may be added by any view). */
    public static final String QUEUE = "worker: wait for earlier jobs", INPUT = "infer: image into the engine",
            FORWARD = "infer: forward pass", ROUTING = "infer: routing trace", OUTPUT = "infer: outputs out of the engine",
            HAND_OVER = "worker -> FX thread", PULSE_WAIT = "wait for the next pulse", LAYOUT = "pulse: CSS + layout";

    private final LongSupplier clock;
    private final Map<String, long[]> spans = new LinkedHashMap<>();
    private final List<SwitchTimings> completed = new ArrayList<>();
    private String task;
    private long start = -1;
    private long lastSpanEnd = -1;
    private final java.util.ArrayDeque<long[]> nested = new java.util.ArrayDeque<>();
    private long pulseStart = -1;
    private boolean inference;

    /** A timer reading {@code clock} (nanoseconds). */
    public SwitchTimer(LongSupplier clock) { this.clock = clock; }

    /** True while a switch is being timed. */
    public boolean isOpen() { return start >= 0; }

    /** Starts timing a switch to {@code task} (drops an unfinished one). */
    void open(String task) {
        this.task = task;
        start = clock.getAsLong();
        spans.clear();
        lastSpanEnd = start;
        pulseStart = -1;
        inference = false;
        nested.clear();
    }

    /** The switch runs the model. */
    void markInference() { inference = true; }

    /**
     * Runs {@code work}, adding its wall time to span {@code name} while a switch is open; a span
     * timed inside another counts in its own name only (the outer one gets its exclusive time).
     */
    public void time(String name, Runnable work) {
        if (!isOpen()) {
            work.run();
            return;
        }
        long t0 = clock.getAsLong();
        long[] frame = {0};
        nested.push(frame);
        try {
            work.run();
        } finally {
            nested.pop();
            long now = clock.getAsLong();
            long elapsed = now - t0;
            if (isOpen()) {
                add(name, elapsed - frame[0], false);
                if (!nested.isEmpty()) nested.peek()[0] += elapsed;
                else lastSpanEnd = now;
            }
        }
    }

    /** {@link #time(String, Runnable)} for work with a result. */
    public <T> T time(String name, Supplier<T> work) {
        Object[] out = new Object[1];
        time(name, () -> { out[0] = work.get(); });
        @SuppressWarnings("unchecked") T t = (T) out[0];
        return t;
    }

    /** Adds {@code nanos} to span {@code name} of the open switch (worker spans: measured there, added here on the FX thread). */
    public void add(String name, long nanos, boolean worker) {
        if (!isOpen() || nanos < 0) return;
        long[] s = spans.computeIfAbsent(name, k -> new long[] {0, worker ? 1 : 0});
        s[0] += nanos;
    }

    /** A pulse starts laying out the scene (the scene's pre-layout listener). */
    public void pulseStarted() {
        if (!isOpen()) return;
        long now = clock.getAsLong();
        pulseStart = now;
        // from the end of the last timed work: untimed FX work after it counts here too
        if (lastSpanEnd >= 0) add(PULSE_WAIT, now - lastSpanEnd, false);
        lastSpanEnd = -1;
    }

    /**
     * The new output is laid out (the scene's post-layout listener): closes the switch and returns
     * its timings (null when none was open).
     */
    SwitchTimings close() {
        if (!isOpen()) return null;
        long now = clock.getAsLong();
        if (pulseStart >= 0) add(LAYOUT, now - pulseStart, false);
        double total = (now - start) / 1e6;
        List<SwitchTimings.Span> out = new ArrayList<>();
        double accounted = 0;
        for (Map.Entry<String, long[]> e : spans.entrySet()) {
            double ms = e.getValue()[0] / 1e6;
            out.add(new SwitchTimings.Span(e.getKey(), ms, e.getValue()[1] != 0));
            accounted += ms;
        }
        // the worker's spans run while the FX thread waits; the FX thread's first spans may overlap the queue wait
        out.add(new SwitchTimings.Span(SwitchTimings.OTHER, Math.max(0, total - accounted), false));
        SwitchTimings t = new SwitchTimings(task, inference, total, out);
        completed.add(t);
        start = -1;
        return t;
    }

    /** Every switch timed so far, oldest first. */
    public List<SwitchTimings> completed() { return List.copyOf(completed); }
}
