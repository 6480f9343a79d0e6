package org.m3vit.model.metrics;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expert usage of one task's gates accumulated over routing traces (one per image): per MoE
 * block the tokens each expert received (top-k choices, so a block's counts sum to
 * tokens x k), its load balance and the entropy of its usage distribution. Static helpers
 * give entropy and Jensen-Shannon divergence in bits; {@link RoutingComparison} compares tasks.
 */
public final class RoutingStats {

    private final Map<Integer, long[]> counts = new TreeMap<>();
    private int numExperts = -1;
    private int traces;

    /** Adds one trace; all traces must have the same number of experts. */
    public void add(RoutingTrace trace) {
        if (numExperts >= 0 && trace.numExperts() != numExperts) {
            throw new IllegalArgumentException("trace of " + trace.task() + " has " + trace.numExperts()
                    + " experts, earlier traces had " + numExperts);
        }
        numExperts = trace.numExperts();
        for (LayerRouting layer : trace.layers()) {
            long[] c = counts.computeIfAbsent(layer.block(), b -> new long[trace.numExperts()]);
            int[] t = layer.tokensPerExpert();
            for (int e = 0; e < t.length; e++) c[e] += t[e];
        }
        traces++;
    }

    /** Traces added. */
    public int traces() { return traces; }

    /** Usage per MoE block, in block order. */
    public List<LayerUsage> layers() {
        List<LayerUsage> out = new ArrayList<>();
        counts.forEach((block, c) -> out.add(new LayerUsage(block, c.clone())));
        return out;
    }

    /** The usage of block {@code block}. */
    public LayerUsage layer(int block) {
        long[] c = counts.get(block);
        if (c == null) throw new IllegalArgumentException("block " + block + " is not a MoE block of these traces; blocks " + counts.keySet());
        return new LayerUsage(block, c.clone());
    }

    /** One block's accumulated expert usage and the statistics derived from it. */
    public record LayerUsage(int block, long[] tokensPerExpert) {

        /** Token-expert assignments counted (tokens x k x traces). */
        public long total() {
            long n = 0;
            for (long c : tokensPerExpert) n += c;
            return n;
        }

        /** Usage distribution: each expert's share of the assignments. */
        public double[] distribution() {
            double[] p = new double[tokensPerExpert.length];
            long n = total();
            for (int e = 0; e < p.length; e++) p[e] = n == 0 ? 0 : (double) tokensPerExpert[e] / n;
            return p;
        }

        /**
         * Load balance cv² = var / mean² of the tokens per expert, var the population variance
         * (divide by E): 0 when perfectly balanced, E - 1 when one expert takes everything. The
         * published load-balancing loss uses torch's unbiased variance (divide by E - 1): its cv² of
         * the same counts is this value x E / (E - 1).
         */
        public double cv2() {
            int e = tokensPerExpert.length;
            double mean = (double) total() / e;
            if (mean == 0) return 0;
            double var = 0;
            for (long c : tokensPerExpert) var += (c - mean) * (c - mean);
            var /= e;
            return var / (mean * mean);
        }

        /** Entropy of the usage distribution in bits (log2 E when balanced, 0 when one expert takes all). */
        public double entropyBits() { return RoutingStats.entropyBits(distribution()); }
    }

    /** Shannon entropy of a distribution, in bits (terms with p = 0 contribute 0). */
    public static double entropyBits(double[] p) {
        double h = 0;
        for (double v : p) if (v > 0) h -= v * Math.log(v) / Math.log(2);
        return h;
    }

    /** Jensen-Shannon divergence of two distributions over the same outcomes, in bits (0 .. 1). */
    public static double jensenShannonBits(double[] p, double[] q) {
        if (p.length != q.length) throw new IllegalArgumentException("distributions over " + p.length + " and " + q.length + " outcomes");
        double[] m = new double[p.length];
        for (int i = 0; i < p.length; i++) m[i] = (p[i] + q[i]) / 2;
        return Math.max(0, entropyBits(m) - (entropyBits(p) + entropyBits(q)) / 2);
    }
}
