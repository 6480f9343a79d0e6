package org.m3vit.hw.panel;

import java.util.Locale;

/** Short human-readable times, byte counts and ratios for the panel's labels. */
public final class TimeFormat {

    private TimeFormat() { }

    /** Microseconds as "850 us", "12.40 ms" or "1.32 s". */
    public static String us(double us) {
        if (us >= 1e6) return String.format(Locale.ROOT, "%.2f s", us / 1e6);
        if (us >= 1e3) return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        return String.format(Locale.ROOT, "%.0f us", us);
    }

    /** Bytes as "512 B", "578.6 KiB", "4.67 MiB" or "1.20 GiB". */
    public static String bytes(double b) {
        if (b >= 1L << 30) return String.format(Locale.ROOT, "%.2f GiB", b / (1L << 30));
        if (b >= 1L << 20) return String.format(Locale.ROOT, "%.2f MiB", b / (1L << 20));
        if (b >= 1L << 10) return String.format(Locale.ROOT, "%.1f KiB", b / (1L << 10));
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    /** A ratio as "3.21x". */
    public static String ratio(double r) { return String.format(Locale.ROOT, "%.2fx", r); }
}
