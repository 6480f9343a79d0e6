package org.m3vit.app.viewmodel;

import java.util.List;

/**
 * Where the time of one task switch went: from the key press to the first layout pulse after the
 * new output was put on screen ({@code totalMs}), as named spans in the order they first ran.
 * {@code inference} says whether the switch ran the model (else its result came from the cache).
 * Spans on the worker thread are marked; FX-thread spans and the waits between them add up to the
 * total, with the rest in {@link #OTHER}.
 */
public record SwitchTimings(String task, boolean inference, double totalMs, List<Span> spans) {

    /** The part of the total no span accounts for (event dispatch, other FX work, timer resolution). */
    public static final String OTHER = "other (not in a span)";

    /** One named part of a switch in milliseconds; {@code worker} for work on the background thread. */
    public record Span(String name, double ms, boolean worker) { }

    public SwitchTimings {
        spans = List.copyOf(spans);
    }

    /** The milliseconds of span {@code name}, 0 when the switch had none. */
    public double ms(String name) {
        for (Span s : spans) if (s.name().equals(name)) return s.ms();
        return 0;
    }
}
