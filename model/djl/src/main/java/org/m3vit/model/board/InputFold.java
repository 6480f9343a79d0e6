package org.m3vit.model.board;

import org.m3vit.model.image.Preprocess;
import org.m3vit.model.io.Tensor;

/**
 * How the host prepares our model's input for the board. The board's kernel reads raw 8-bit
 * pixels (ap_ufixed&lt;8,0&gt;: byte b is b / 256) and has no input normalisation, while our network
 * was trained on (b / 255 - mean[c]) / std[c]. The normalisation is affine, so the host folds
 * it into the patch embedding: weight' = weight * (256 / 255) / std[c] and
 * bias' = bias - sum of weight * mean[c] / std[c]; then bias' + sum weight' * b / 256 is exactly
 * our patch embedding of the normalised image. The folding is done in double precision before
 * the weights are converted to the board's formats.
 */
public final class InputFold {

    private InputFold() { }

    /** The 8-bit pixels (3 x H x W, 0..255) of a normalised image; values between bytes are rounded, outside 0..255 clamped. */
    public static int[] bytes(float[] chw) {
        int plane = chw.length / 3;
        int[] out = new int[chw.length];
        for (int i = 0; i < chw.length; i++) {
            double v = Preprocess.denormalise(chw[i], i / plane) * 255;
            out[i] = (int) Math.max(0, Math.min(255, Math.round(v)));
        }
        return out;
    }

    /** weight' (D, 3, p, p) of a patch-embedding weight, row-major. */
    public static double[] weights(Tensor weight) {
        float[] w = weight.data();
        int perChannel = perChannel(weight);
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) out[i] = w[i] * (256.0 / 255.0) / Preprocess.STD[(i / perChannel) % 3];
        return out;
    }

    /** bias' (D) of a patch embedding. */
    public static double[] bias(Tensor weight, Tensor bias) {
        float[] w = weight.data(), b = bias.data();
        int perChannel = perChannel(weight);
        int perOutput = 3 * perChannel;
        double[] out = new double[b.length];
        for (int d = 0; d < b.length; d++) {
            double shift = 0;
            for (int i = 0; i < perOutput; i++) {
                int c = i / perChannel;
                shift += w[d * perOutput + i] * Preprocess.MEAN[c] / Preprocess.STD[c];
            }
            out[d] = b[d] - shift;
        }
        return out;
    }

    private static int perChannel(Tensor weight) {
        long[] s = weight.shape();
        if (s.length != 4 || s[1] != 3) throw new IllegalArgumentException("patch-embedding weight " + weight.shapeText() + " is not (D, 3, p, p)");
        return (int) (s[2] * s[3]);
    }
}
