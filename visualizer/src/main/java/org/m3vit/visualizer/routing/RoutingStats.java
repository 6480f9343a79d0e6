package org.m3vit.visualizer.routing;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

/**
 * Load statistics of routing, shown beside the routing pictures: tokens per expert, their cv²
 * (the reference's load-balancing measure, var / (mean² + 1e-10)), the entropy of the expert
 * usage, and which tokens change top-1 expert between two tasks. Pure Java.
 */
public final class RoutingStats {

    private RoutingStats() { }

    /** Tokens routed to each expert in each MoE layer of the trace: [layer position][expert]. */
    public static int[][] usage(RoutingTrace trace) {
        int[][] out = new int[trace.layers().size()][];
        for (int i = 0; i < out.length; i++) out[i] = trace.layers().get(i).tokensPerExpert();
        return out;
    }

    /** cv² = population variance / (mean² + 1e-10), as in the reference's balancing loss. */
    public static double cv2(int[] counts) {
        if (counts.length == 0) return 0;
        double mean = 0;
        for (int c : counts) mean += c;
        mean /= counts.length;
        double var = 0;
        for (int c : counts) var += (c - mean) * (c - mean);
        var /= counts.length;
        return var / (mean * mean + 1e-10);
    }

    /** Shannon entropy in bits of the distribution counts / sum (0 for an empty one). */
    public static double entropyBits(int[] counts) {
        double sum = 0;
        for (int c : counts) sum += c;
        if (sum == 0) return 0;
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / sum;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    /** Number of experts that received at least one token. */
    public static int activeExperts(int[] counts) {
        int n = 0;
        for (int c : counts) if (c > 0) n++;
        return n;
    }

    /** For each token: true when its top-1 expert differs between the two routings of one block. */
    public static boolean[] top1Changes(LayerRouting a, LayerRouting b) {
        if (a.numTokens() != b.numTokens()) {
            throw new IllegalArgumentException("routings have " + a.numTokens() + " and " + b.numTokens() + " tokens");
        }
        int[] ta = a.top1(), tb = b.top1();
        boolean[] out = new boolean[ta.length];
        for (int t = 0; t < ta.length; t++) out[t] = ta[t] != tb[t];
        return out;
    }

    /** How many entries are true. */
    public static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) if (f) n++;
        return n;
    }
}
