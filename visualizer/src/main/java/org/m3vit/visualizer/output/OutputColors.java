package org.m3vit.visualizer.output;

import org.m3vit.visualizer.color.ColorMap;

/** Colours task outputs and error maps as ARGB pixels: classes by palette, scalars by colour map, normals as RGB. */
public final class OutputColors {

    /** ARGB of "no value" (NaN depth, ignore label). */
    public static final int MISSING = 0xFF202020;

    private OutputColors() { }

    /** Each pixel's class coloured by {@code paletteArgb[class]}. */
    public static int[] classes(int[] classMap, int[] paletteArgb) {
        int[] out = new int[classMap.length];
        for (int i = 0; i < out.length; i++) {
            int k = classMap[i];
            out[i] = k >= 0 && k < paletteArgb.length ? paletteArgb[k] : MISSING;
        }
        return out;
    }

    /** A scalar plane through a colour map over [lo, hi]; NaN pixels are {@link #MISSING}. */
    public static int[] scalar(float[] values, ColorMap map, double lo, double hi) {
        int[] out = map.apply(values, lo, hi);
        for (int i = 0; i < out.length; i++) if (Float.isNaN(values[i])) out[i] = MISSING;
        return out;
    }

    /** Unit normals (3 planes) encoded as RGB = (n + 1) / 2 * 255, the reference's display. */
    public static int[] normals(float[] unitNormals, int plane) {
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            float x = unitNormals[i], y = unitNormals[plane + i], z = unitNormals[2 * plane + i];
            if (Float.isNaN(x) || (x == 0 && y == 0 && z == 0)) { out[i] = MISSING; continue; }
            out[i] = 0xFF000000 | (channel(x) << 16) | (channel(y) << 8) | channel(z);
        }
        return out;
    }

    /** One normal component in [-1, 1] as a 0..255 channel. */
    public static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, (v + 1) / 2)) * 255);
    }

    /** Finite minimum and maximum of a plane ({0, 1} if it has none). */
    public static double[] range(float[] values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
        if (lo > hi) return new double[] {0, 1};
        if (hi - lo < 1e-6) hi = lo + 1e-6;
        return new double[] {lo, hi};
    }

    /** Wrong pixels in red, right ones dark green, unlabelled (negative GT) black. */
    public static int[] classErrors(int[] predicted, int[] truth) {
        int[] out = new int[predicted.length];
        for (int i = 0; i < out.length; i++) {
            if (truth[i] < 0) out[i] = 0xFF000000;
            else out[i] = predicted[i] == truth[i] ? 0xFF1E4D2B : 0xFFE53935;
        }
        return out;
    }
}
