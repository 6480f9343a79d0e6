package org.m3vit.app.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Milestones of the window's start (main entered, toolkit up, window laid out, model ready, first
 * output on screen), as wall-clock times, reported in milliseconds after the JVM started (the
 * runtime's own start time): printed by {@code m3vit --debug}, parsed by {@code m3vit bench start}.
 * Process-wide, like the start it describes.
 */
public final class StartupTimes {

    /**
     * The marks in the order the window reaches them: main entered, toolkit up (the application's start),
     * window built, window shown (stage shown, hardware tab added), window laid out (its first layout
     * pulse), model ready, first output laid out.
     */
    public static final String MAIN = "main", TOOLKIT = "toolkit", BUILT = "built", SHOWN = "shown", WINDOW = "window", MODEL = "model",
            OUTPUT = "output";

    private static final Map<String, Long> MARKS = new LinkedHashMap<>();
    private static final Pattern LINE = Pattern.compile("m3vit: start, ms after the JVM started \\(at (\\d+) ms\\): (.*)");

    private StartupTimes() { }

    /** Records {@code name} now (the first time only). */
    public static synchronized void mark(String name) { MARKS.putIfAbsent(name, System.currentTimeMillis()); }

    /** True when {@code name} has been recorded. */
    public static synchronized boolean has(String name) { return MARKS.containsKey(name); }

    /**
     * "m3vit: start, ms after the JVM started (at 1733115600123 ms): main 180, toolkit 650, window 1320,
     * model 1900, output 2400": the JVM's start time since the epoch, then each mark after it.
     */
    public static synchronized String line() {
        long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        StringJoiner j = new StringJoiner(", ");
        for (Map.Entry<String, Long> e : MARKS.entrySet()) j.add(e.getKey() + " " + (e.getValue() - jvm));
        return String.format(Locale.ROOT, "m3vit: start, ms after the JVM started (at %d ms): %s", jvm, j);
    }

    /** A parsed {@link #line()}: the JVM's start (ms since the epoch) and the marks (ms after it), null when {@code text} is not one. */
    public record Report(long jvmStartEpochMs, Map<String, Long> marks) { }

    /** Parses a {@link #line()} (null when {@code text} is not one). */
    public static Report parse(String text) {
        String t = text.strip();
        int at = t.indexOf("m3vit: start,");
        if (at > 0) t = t.substring(at); // behind a logger's prefix ("INFO: ")
        Matcher m = LINE.matcher(t);
        if (!m.matches()) return null;
        Map<String, Long> marks = new LinkedHashMap<>();
        for (String part : m.group(2).split(", ")) {
            int sp = part.lastIndexOf(' ');
            if (sp <= 0) return null;
            try {
                marks.put(part.substring(0, sp), Long.parseLong(part.substring(sp + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new Report(Long.parseLong(m.group(1)), marks);
    }
}
