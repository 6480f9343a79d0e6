package org.m3vit.model.metrics;

import org.m3vit.model.ModelConfig;

import java.util.Arrays;
import java.util.List;

/**
 * What each patch token of one image covers, from per-pixel maps at the model's input size:
 * its majority class, its mean depth's range bin and its mean normal's direction bin (-1 where
 * the map is absent). The cls token (0) covers no patch and has no properties. The maps may be
 * ground truth or a model's own predictions; {@link ExpertSpecialisation} counts them per expert.
 */
public final class TokenProperties {

    /** Upper edges (metres, exclusive) of the depth bins; the last bin is open. */
    static final double[] DEPTH_EDGES = {1, 2, 3, 4, 6};

    /** Names of the depth bins, nearest first. */
    public static final List<String> DEPTH_BINS = List.of("< 1 m", "1-2 m", "2-3 m", "3-4 m", "4-6 m", ">= 6 m");

    /**
     * Names of the normal-direction bins, by the mean normal's dominant camera-frame axis
     * (x right, y down, z forward; normals point to the camera side).
     */
    public static final List<String> NORMAL_BINS = List.of(
            "faces camera", "faces up", "faces down", "faces left", "faces right", "faces away");

    private final int[] classOf;
    private final int[] depthBinOf;
    private final int[] normalBinOf;

    private TokenProperties(int[] classOf, int[] depthBinOf, int[] normalBinOf) {
        this.classOf = classOf;
        this.depthBinOf = depthBinOf;
        this.normalBinOf = normalBinOf;
    }

    /** Properties of the patches of an image at {@code config}'s input size (the maps as in the method below). */
    public static TokenProperties of(ModelConfig config, int[] labels, float[] depth, float[] normals) {
        return of(config.gridHeight(), config.gridWidth(), config.imageHeight(), config.imageWidth(), labels, depth, normals);
    }

    /**
     * Properties of the gridHeight x gridWidth patches of an image of height x width pixels
     * (a multiple of the grid). {@code labels} (H*W class ids, negative = unlabelled),
     * {@code depth} (H*W metres, non-positive or non-finite = invalid) and {@code normals}
     * (3*H*W, channel-major) may each be null.
     */
    public static TokenProperties of(int gridHeight, int gridWidth, int height, int width,
                                     int[] labels, float[] depth, float[] normals) {
        if (gridHeight < 1 || gridWidth < 1 || height % gridHeight != 0 || width % gridWidth != 0) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image does not split into "
                    + gridHeight + "x" + gridWidth + " patches");
        }
        int pixels = height * width;
        check("labels", labels == null ? -1 : labels.length, pixels);
        check("depth", depth == null ? -1 : depth.length, pixels);
        check("normals", normals == null ? -1 : normals.length, 3 * pixels);
        int tokens = gridHeight * gridWidth + 1;
        int[] cls = filled(tokens), dep = filled(tokens), nor = filled(tokens);
        int ph = height / gridHeight, pw = width / gridWidth;
        for (int r = 0; r < gridHeight; r++) {
            for (int c = 0; c < gridWidth; c++) {
                int token = 1 + r * gridWidth + c;
                if (labels != null) cls[token] = majority(labels, width, r * ph, c * pw, ph, pw);
                if (depth != null) dep[token] = depthBin(meanDepth(depth, width, r * ph, c * pw, ph, pw));
                if (normals != null) nor[token] = normalBin(meanNormal(normals, pixels, width, r * ph, c * pw, ph, pw));
            }
        }
        return new TokenProperties(cls, dep, nor);
    }

    /** Tokens, cls included. */
    public int tokens() { return classOf.length; }

    /** Majority class of token {@code t}'s patch, -1 if unknown. */
    public int classOf(int t) { return classOf[t]; }

    /** Depth bin of token {@code t} (index into {@link #DEPTH_BINS}), -1 if unknown. */
    public int depthBinOf(int t) { return depthBinOf[t]; }

    /** Normal-direction bin of token {@code t} (index into {@link #NORMAL_BINS}), -1 if unknown. */
    public int normalBinOf(int t) { return normalBinOf[t]; }

    /** The depth bin of a depth in metres, -1 for NaN. */
    static int depthBin(double metres) {
        if (Double.isNaN(metres)) return -1;
        for (int i = 0; i < DEPTH_EDGES.length; i++) if (metres < DEPTH_EDGES[i]) return i;
        return DEPTH_EDGES.length;
    }

    /** The direction bin of a (not necessarily unit) normal, -1 for a zero or non-finite vector. */
    static int normalBin(double[] n) {
        double ax = Math.abs(n[0]), ay = Math.abs(n[1]), az = Math.abs(n[2]);
        if (!(ax + ay + az > 0) || !Double.isFinite(ax + ay + az)) return -1;
        if (az >= ax && az >= ay) return n[2] <= 0 ? 0 : 5;
        if (ay >= ax) return n[1] < 0 ? 1 : 2;
        return n[0] < 0 ? 3 : 4;
    }

    private static int majority(int[] labels, int width, int y0, int x0, int ph, int pw) {
        int max = -1;
        for (int y = y0; y < y0 + ph; y++) for (int x = x0; x < x0 + pw; x++) max = Math.max(max, labels[y * width + x]);
        if (max < 0) return -1;
        int[] votes = new int[max + 1];
        for (int y = y0; y < y0 + ph; y++) {
            for (int x = x0; x < x0 + pw; x++) {
                int l = labels[y * width + x];
                if (l >= 0) votes[l]++;
            }
        }
        int best = 0;
        for (int k = 1; k < votes.length; k++) if (votes[k] > votes[best]) best = k;   // ties: the lower class id
        return best;
    }

    private static double meanDepth(float[] depth, int width, int y0, int x0, int ph, int pw) {
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y0 + ph; y++) {
            for (int x = x0; x < x0 + pw; x++) {
                float d = depth[y * width + x];
                if (d > 0 && Float.isFinite(d)) {
                    sum += d;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double[] meanNormal(float[] normals, int pixels, int width, int y0, int x0, int ph, int pw) {
        double[] sum = new double[3];
        for (int y = y0; y < y0 + ph; y++) {
            for (int x = x0; x < x0 + pw; x++) {
                for (int ch = 0; ch < 3; ch++) sum[ch] += normals[ch * pixels + y * width + x];
            }
        }
        return sum;
    }

    private static void check(String what, int length, int pixels) {
        if (length >= 0 && length != pixels) {
            throw new IllegalArgumentException(what + " map has " + length + " values, the image needs " + pixels);
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }
}
