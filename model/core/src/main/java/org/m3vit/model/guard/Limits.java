package org.m3vit.model.guard;

import java.util.Locale;

/**
 * The one validation policy of every command and the window: the bound of every numeric option
 * and config field, and the checks that refuse a value outside it. A refusal states the value and
 * the bound and, for sizes, the memory the value would need.
 */
public final class Limits {

    /** Model input height or width, pixels. */
    public static final int IMAGE_SIDE = 4096;
    /** Patch side, pixels. */
    public static final int PATCH = 64;
    /** Patches of one image (the attention is quadratic in them). */
    public static final int PATCHES = 16_384;
    /** Embedding width D. */
    public static final int EMBED_DIM = 4096;
    /** Transformer blocks. */
    public static final int DEPTH = 64;
    /** Attention heads. */
    public static final int HEADS = 256;
    /** Hidden width of a dense MLP or an expert. */
    public static final int HIDDEN = 16_384;
    /** Experts per MoE block. */
    public static final int EXPERTS = 1024;
    /** Channels of the task heads. */
    public static final int HEAD_CHANNELS = 4096;
    /** Tasks of one model. */
    public static final int TASKS = 32;
    /** Output channels (classes) of one task. */
    public static final int TASK_CHANNELS = 1024;
    /** Scenes of one render, eval or bench run. */
    public static final int SCENES = 1_000_000;
    /** Training steps. */
    public static final int STEPS = 100_000_000;
    /** Scenes per training step. */
    public static final int BATCH = 1024;
    /** Threads of any pool. */
    public static final int THREADS = 256;
    /** Timed runs or passes of a benchmark. */
    public static final int RUNS = 100_000;
    /** Inferences in one simulated task sequence (the simulator keeps every event of every one). */
    public static final int SEQUENCE = 256;
    /** Bins of a bandwidth curve. */
    public static final int BINS = 1_000_000;

    private Limits() { }

    /** Returns {@code value} if it lies in {@code min..max}; otherwise refuses it naming {@code what}, the value and the bound. */
    public static long range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            String bound = max == Long.MAX_VALUE ? "at least " + min : min == Long.MIN_VALUE ? "at most " + max
                    : "between " + min + " and " + max;
            throw new LimitException(what + " is " + value + "; it must be " + bound);
        }
        return value;
    }

    /** {@link #range} for ints. */
    public static int range(String what, int value, int min, int max) {
        return (int) range(what, (long) value, min, max);
    }

    /** Like {@link #range}, adding the memory that {@code value} units of {@code bytesPerUnit} would need when it is too large. */
    public static long size(String what, long value, long min, long max, double bytesPerUnit) {
        if (value > max) {
            throw new LimitException(what + " is " + value + "; it must be at most " + max + " (it would need "
                    + bytes(value * bytesPerUnit) + " of memory)");
        }
        return range(what, value, min, max);
    }

    /** Refuses work that needs {@code bytes} of memory when this JVM may not use that much. */
    public static void memory(String what, double bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new LimitException(what + " needs about " + bytes(bytes) + " of memory, more than the " + bytes(max)
                    + " this Java process may use (raise -Xmx, e.g. M3VIT_JAVA_OPTS=-Xmx16g)");
        }
    }

    /** A byte count in words: "1.5 GB", "300 MB", "12 kB", "17 bytes". */
    public static String bytes(double b) {
        if (b >= 1e12) return String.format(Locale.ROOT, "%.1f TB", b / 1e12);
        if (b >= 1e9) return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
        if (b >= 1e6) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        if (b >= 1e3) return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        return String.format(Locale.ROOT, "%.0f bytes", b);
    }
}
