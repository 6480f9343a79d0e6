package org.m3vit.model.data;

/**
 * The model's input normalisation (M3VIT-REFERENCE.md, "Input"): RGB scaled to [0, 1], then
 * per channel (v - mean) / std with the ImageNet statistics, laid out channel-major (3 x H x W).
 */
public final class ImageNorm {

    /** ImageNet channel means, R G B. */
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet channel standard deviations, R G B. */
    public static final float[] STD = {0.229f, 0.224f, 0.225f};

    private static final float[][] TABLE = table();

    private ImageNorm() { }

    /**
     * Writes the normalised 3 x H x W planes of packed 0x..RRGGBB pixels (row-major, H*W of them)
     * into {@code out} from {@code offset}.
     */
    public static void normalise(int[] rgb, float[] out, int offset) {
        int n = rgb.length;
        if (offset < 0 || offset + 3 * n > out.length) {
            throw new IllegalArgumentException("output of " + out.length + " floats has no room for 3 x " + n + " values at " + offset);
        }
        float[] tr = TABLE[0], tg = TABLE[1], tb = TABLE[2];
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            out[offset + i] = tr[(p >> 16) & 0xFF];
            out[offset + n + i] = tg[(p >> 8) & 0xFF];
            out[offset + 2 * n + i] = tb[p & 0xFF];
        }
    }

    /** The normalised 3 x H x W planes of packed pixels as a new array. */
    public static float[] normalise(int[] rgb) {
        float[] out = new float[3 * rgb.length];
        normalise(rgb, out, 0);
        return out;
    }

    private static float[][] table() {
        float[][] t = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) t[c][v] = (v / 255f - MEAN[c]) / STD[c];
        }
        return t;
    }
}
