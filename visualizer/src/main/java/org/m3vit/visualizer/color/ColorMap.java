package org.m3vit.visualizer.color;

import java.util.List;
import java.util.Locale;

/**
 * Colour maps for scalar images (depth, gate weights), as plain Java returning 0xAARRGGBB so
 * the command line and the JavaFX views share them. The perceptually uniform maps (viridis,
 * magma, inferno, plasma) are 6th-order polynomial fits of matplotlib's tables; turbo is
 * Google's polynomial fit; grey is linear.
 */
public enum ColorMap {
    VIRIDIS("viridis", new double[][] {
            {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
            {0.1050930431085774, 1.404613529898575, 1.384590162594685},
            {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
            {-4.634230498983486, -5.799100973351585, -19.33244095627987},
            {6.228269936347081, 14.17993336680509, 56.69055260068105},
            {4.776384997670288, -13.74514537774601, -65.35303263337234},
            {-5.435455855934631, 4.645852612178535, 26.3124352495832}}),
    MAGMA("magma", new double[][] {
            {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
            {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
            {8.353717279216625, -3.577719514958484, 0.3144679030132573},
            {-27.66873308576866, 14.26473078096533, -13.64921318813922},
            {52.17613981234068, -27.94360607168351, 12.94416944238394},
            {-50.76852536473588, 29.04658282127291, 4.23415299384598},
            {18.65570506591883, -11.48977351997711, -5.601961508734096}}),
    INFERNO("inferno", new double[][] {
            {0.0002189403691192265, 0.001651004631001012, -0.01948089843709184},
            {0.1065134194856116, 0.5639564367884091, 3.932712388889277},
            {11.60249308247187, -3.972853965665698, -15.9423941062914},
            {-41.70399613139459, 17.43639888205313, 44.35414519872813},
            {77.162935699427, -33.40235894210092, -81.80730925738993},
            {-71.31942824499214, 32.62606426397723, 73.20951985803202},
            {25.13112622477341, -12.24266895238567, -23.07032500287172}}),
    PLASMA("plasma", new double[][] {
            {0.05873234392399702, 0.02333670892565664, 0.5433401826748754},
            {2.176514634195958, 0.2383834171260182, 0.7539604599784036},
            {-2.689460476458034, -7.455851135738909, 3.110799939717086},
            {6.130348345893603, 42.3461881477227, -28.51885465332158},
            {-11.10743619062271, -82.66631109428045, 60.13984767418263},
            {10.02306557647065, 71.41361770095349, -54.07218655560067},
            {-3.658713842777788, -22.93153465461149, 18.19190778539828}}),
    TURBO("turbo", new double[][] {
            {0.13572138, 0.09140261, 0.10667330},
            {4.61539260, 2.19418839, 12.64194608},
            {-42.66032258, 4.84296658, -60.58204836},
            {132.13108234, -14.18503333, 110.36276771},
            {-152.94239396, 4.27729857, -89.90310912},
            {59.28637943, 2.82956604, 27.34824973}}),
    GREY("grey", null);

    private final String label;
    private final double[][] coefficients;

    ColorMap(String label, double[][] coefficients) {
        this.label = label;
        this.coefficients = coefficients;
    }

    /** Display name. */
    public String label() { return label; }

    /** True for the maps designed to be perceptually uniform (and grey). */
    public boolean perceptuallyUniform() { return this != TURBO; }

    /** Red, green, blue in [0, 1] for {@code t} in [0, 1] (clamped; NaN maps to 0). */
    public double[] rgb(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        if (coefficients == null) return new double[] {x, x, x};
        double[] out = new double[3];
        for (int ch = 0; ch < 3; ch++) {
            double v = 0;
            for (int i = coefficients.length - 1; i >= 0; i--) v = v * x + coefficients[i][ch];
            out[ch] = Math.max(0, Math.min(1, v));
        }
        return out;
    }

    /** Opaque 0xAARRGGBB colour for {@code t} in [0, 1]. */
    public int argb(double t) {
        double[] c = rgb(t);
        return 0xFF000000 | ((int) Math.round(c[0] * 255) << 16) | ((int) Math.round(c[1] * 255) << 8) | (int) Math.round(c[2] * 255);
    }

    /** 256-entry lookup table of {@link #argb}, for fast image colouring. */
    public int[] lut() {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) lut[i] = argb(i / 255.0);
        return lut;
    }

    /** Colours a scalar plane: values mapped linearly from [lo, hi] to the map, into ARGB pixels. */
    public int[] apply(float[] values, double lo, double hi) {
        int[] lut = lut();
        double span = hi > lo ? hi - lo : 1;
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double t = (values[i] - lo) / span;
            int idx = Double.isNaN(t) ? 0 : (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
            out[i] = lut[idx];
        }
        return out;
    }

    /** Map by name (case-insensitive); throws naming the known maps. */
    public static ColorMap byName(String name) {
        for (ColorMap m : values()) if (m.label.equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("unknown colour map '" + name + "'; known: " + names());
    }

    /** All map names. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(ColorMap::label).toList();
    }

    @Override
    public String toString() { return label.toLowerCase(Locale.ROOT); }
}
