package org.m3vit.app.teach;

import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 256 colours of an exported GIF, one table for every frame (so colours never flicker between
 * frames), and the mapping of a pixel to its entry without dithering. The routing views are drawn in
 * flat categorical colours (one per expert), so the palette keeps colours exactly: first the ones
 * the caller requires (the expert colours), then the colours that cover many pixels in sample
 * frames, exactly as they are; only what is left (anti-aliased edges, translucent paths) is
 * approximated by the means of the most populated 4-bit-per-channel boxes. A pixel whose colour is
 * in the table gets that entry; any other gets the nearest entry (a weighted RGB distance).
 */
public final class GifPalette {

    /** Entries of a GIF colour table. */
    public static final int SIZE = 256;
    /** The entry no colour takes: a frame marks the pixels that did not change with it (see {@link GifClipWriter}). */
    public static final int TRANSPARENT = SIZE - 1;
    /** Colours at most: every entry but the transparent one. */
    public static final int COLOURS = SIZE - 1;
    /** Exactly kept sample colours at most; the rest of the table approximates the remaining colours. */
    static final int EXACT = 200;

    private final int[] rgb;
    private final int used;
    private final Map<Integer, Integer> entry = new HashMap<>();
    /** Index of the nearest entry of every 24-bit colour met so far; valid where {@code known} has the bit. */
    private final byte[] nearest = new byte[1 << 24];
    private final long[] known = new long[(1 << 24) / 64];

    private GifPalette(List<Integer> colours) {
        rgb = new int[SIZE];
        used = colours.size();
        for (int i = 0; i < used; i++) {
            rgb[i] = colours.get(i) & 0xFFFFFF;
            entry.putIfAbsent(rgb[i], i);
        }
    }

    /**
     * A palette for frames like {@code samples} (each 0xAARRGGBB pixels; alpha is ignored) that
     * holds every colour of {@code required} exactly.
     */
    public static GifPalette of(List<int[]> samples, int[] required) {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int c : required) if (chosen.size() < COLOURS) chosen.add(c & 0xFFFFFF);
        long pixels = 0;
        for (int[] s : samples) pixels += s.length;
        int stride = (int) Math.max(1, pixels / 2_000_000); // a histogram of at most about two million pixels
        Map<Integer, int[]> counts = new HashMap<>();
        for (int[] s : samples) {
            for (int i = 0; i < s.length; i += stride) counts.computeIfAbsent(s[i] & 0xFFFFFF, k -> new int[1])[0]++;
        }
        long seen = (pixels + stride - 1) / stride;
        long common = Math.max(4, seen / 4000); // a colour on at least 0.025 % of the pixels is kept exactly
        List<Map.Entry<Integer, int[]>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        for (Map.Entry<Integer, int[]> e : byCount) {
            if (chosen.size() >= EXACT || e.getValue()[0] < common) break;
            chosen.add(e.getKey());
        }
        // the rest: means of the fullest 16x16x16 boxes of colours not kept exactly
        long[][] boxes = new long[4096][4];
        for (Map.Entry<Integer, int[]> e : byCount) {
            int c = e.getKey(), n = e.getValue()[0];
            if (chosen.contains(c)) continue;
            long[] b = boxes[((c >> 20) & 0xF) << 8 | ((c >> 12) & 0xF) << 4 | ((c >> 4) & 0xF)];
            b[0] += n;
            b[1] += (long) n * ((c >> 16) & 0xFF);
            b[2] += (long) n * ((c >> 8) & 0xFF);
            b[3] += (long) n * (c & 0xFF);
        }
        List<long[]> full = new ArrayList<>();
        for (long[] b : boxes) if (b[0] > 0) full.add(b);
        full.sort((a, b) -> Long.compare(b[0], a[0]));
        List<Integer> list = new ArrayList<>(chosen);
        for (int pass = 0; pass < 2 && list.size() < COLOURS; pass++) {
            int apart = pass == 0 ? 300 : 0; // first only means that differ visibly from every entry, then any
            for (long[] b : full) {
                if (list.size() >= COLOURS) break;
                int c = (int) ((b[1] / b[0]) << 16 | (b[2] / b[0]) << 8 | (b[3] / b[0]));
                if (list.contains(c) || distance(list, c) <= apart) continue;
                list.add(c);
            }
        }
        if (list.isEmpty()) list.add(0);
        return new GifPalette(list);
    }

    private static int distance(List<Integer> list, int c) {
        int best = Integer.MAX_VALUE;
        for (int p : list) best = Math.min(best, distance(p, c));
        return best;
    }

    /** Weighted squared RGB distance (green counts most, then blue, then red, roughly as the eye does). */
    static int distance(int a, int b) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF), dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF), db = (a & 0xFF) - (b & 0xFF);
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
    }

    /** Entries in use (the rest of the 256, the transparent one among them, are black and never chosen for a colour). */
    public int used() { return used; }

    /** Entry {@code i} as 0xRRGGBB. */
    public int rgb(int i) { return rgb[i]; }

    /** True if the colour 0xRRGGBB (alpha ignored) is an entry, so pixels of it come out unchanged. */
    public boolean holdsExactly(int argb) { return entry.containsKey(argb & 0xFFFFFF); }

    /** The table as an 8-bit colour model. */
    public IndexColorModel colorModel() {
        byte[] r = new byte[SIZE], g = new byte[SIZE], b = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            r[i] = (byte) (rgb[i] >> 16);
            g[i] = (byte) (rgb[i] >> 8);
            b[i] = (byte) rgb[i];
        }
        return new IndexColorModel(8, SIZE, r, g, b);
    }

    /** The entry for pixel 0xAARRGGBB: its own colour's if it has one, else the nearest. */
    public int index(int argb) {
        int c = argb & 0xFFFFFF;
        if ((known[c >>> 6] & (1L << (c & 63))) != 0) return nearest[c] & 0xFF;
        Integer exact = entry.get(c);
        int best = exact != null ? exact : nearestEntry(c);
        nearest[c] = (byte) best;
        known[c >>> 6] |= 1L << (c & 63);
        return best;
    }

    /** Indexes every pixel of {@code argb} into {@code out}. */
    public void indexInto(int[] argb, byte[] out) {
        for (int i = 0; i < argb.length; i++) out[i] = (byte) index(argb[i]);
    }

    private int nearestEntry(int c) {
        int best = 0, bestD = Integer.MAX_VALUE;
        for (int i = 0; i < used; i++) {
            int d = distance(rgb[i], c);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
