package org.m3vit.model.metrics;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one task's experts have come to stand for: per MoE block, an expert x class, an
 * expert x depth-range and an expert x normal-direction table of token counts, accumulated
 * over images. Every token is counted once for each of its top-k experts (so a row's total is
 * the expert's load, as in {@link RoutingStats}); the cls token is not counted. Each
 * {@link Table} derives how specialised each expert is.
 */
public final class ExpertSpecialisation {

    private final List<String> classNames;
    private final Map<Integer, long[][][]> counts = new TreeMap<>();
    private int numExperts = -1;
    private int images;

    /** An empty accumulator for a model whose segmentation classes are {@code classNames}. */
    public ExpertSpecialisation(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
    }

    /** Adds one image: its routing for this task and what its tokens cover. */
    public void add(RoutingTrace trace, TokenProperties properties) {
        if (properties.tokens() != trace.numTokens()) {
            throw new IllegalArgumentException("routing has " + trace.numTokens() + " tokens, the token properties "
                    + properties.tokens());
        }
        if (numExperts >= 0 && trace.numExperts() != numExperts) {
            throw new IllegalArgumentException("trace of " + trace.task() + " has " + trace.numExperts()
                    + " experts, earlier traces had " + numExperts);
        }
        numExperts = trace.numExperts();
        int[] bins = {classNames.size(), TokenProperties.DEPTH_BINS.size(), TokenProperties.NORMAL_BINS.size()};
        for (LayerRouting layer : trace.layers()) {
            long[][][] c = counts.computeIfAbsent(layer.block(), b -> new long[][][] {
                new long[numExperts][bins[0]], new long[numExperts][bins[1]], new long[numExperts][bins[2]]});
            for (int t = 1; t < layer.numTokens(); t++) {
                int[] of = {properties.classOf(t), properties.depthBinOf(t), properties.normalBinOf(t)};
                for (int e : layer.experts()[t]) {
                    for (int p = 0; p < 3; p++) {
                        if (of[p] >= 0 && of[p] < bins[p]) c[p][e][of[p]]++;
                    }
                }
            }
        }
        images++;
    }

    /** Images added. */
    public int images() { return images; }

    /** The tables of every MoE block, in block order. */
    public List<LayerSpecialisation> layers() {
        List<LayerSpecialisation> out = new ArrayList<>();
        counts.forEach((block, c) -> out.add(new LayerSpecialisation(block,
                new Table(classNames, copy(c[0])),
                new Table(TokenProperties.DEPTH_BINS, copy(c[1])),
                new Table(TokenProperties.NORMAL_BINS, copy(c[2])))));
        return out;
    }

    private static long[][] copy(long[][] a) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    /** One MoE block's three tables. */
    public record LayerSpecialisation(int block, Table classes, Table depthRanges, Table normalDirections) { }

    /**
     * Token counts, experts (rows) x property values (columns, named by {@code labels}), and
     * what they say: each expert's distribution over the values, its entropy, its most
     * frequent value and how much more often than on average it gets that value (lift), and
     * for the block the mutual information between expert and value.
     */
    public record Table(List<String> labels, long[][] tokens) {

        /** Tokens counted in expert {@code e}'s row. */
        public long expertTokens(int e) {
            long n = 0;
            for (long v : tokens[e]) n += v;
            return n;
        }

        /** All tokens counted. */
        public long total() {
            long n = 0;
            for (int e = 0; e < tokens.length; e++) n += expertTokens(e);
            return n;
        }

        /** Expert {@code e}'s distribution over the values (zeros if it got no token). */
        public double[] share(int e) {
            long n = expertTokens(e);
            double[] p = new double[labels.size()];
            for (int k = 0; k < p.length; k++) p[k] = n == 0 ? 0 : (double) tokens[e][k] / n;
            return p;
        }

        /** The distribution of the values over all of this block's counted tokens. */
        public double[] marginal() {
            long n = total();
            double[] p = new double[labels.size()];
            for (long[] row : tokens) for (int k = 0; k < p.length; k++) p[k] += row[k];
            for (int k = 0; k < p.length; k++) p[k] = n == 0 ? 0 : p[k] / n;
            return p;
        }

        /** Entropy in bits of expert {@code e}'s distribution: 0 = one value only, log2(values) = uniform. */
        public double entropyBits(int e) { return RoutingStats.entropyBits(share(e)); }

        /** Index of expert {@code e}'s most frequent value (the lower index on ties), -1 if it got no token. */
        public int top(int e) {
            if (expertTokens(e) == 0) return -1;
            int best = 0;
            for (int k = 1; k < labels.size(); k++) if (tokens[e][k] > tokens[e][best]) best = k;
            return best;
        }

        /** Expert {@code e}'s share of value {@code k} divided by the block's share of it (1 = as often as average). */
        public double lift(int e, int k) {
            double m = marginal()[k];
            return m == 0 ? 0 : share(e)[k] / m;
        }

        /** Mutual information between the expert a token goes to and its value, in bits. */
        public double mutualInformationBits() {
            long n = total();
            if (n == 0) return 0;
            double[] pv = marginal();
            double mi = 0;
            for (int e = 0; e < tokens.length; e++) {
                double pe = (double) expertTokens(e) / n;
                for (int k = 0; k < pv.length; k++) {
                    double pj = (double) tokens[e][k] / n;
                    if (pj > 0) mi += pj * (Math.log(pj / (pe * pv[k])) / Math.log(2));
                }
            }
            return Math.max(0, mi);
        }

        /** Mutual information over the values' own entropy: the share of a token's value that its expert tells (0..1). */
        public double uncertaintyCoefficient() {
            double h = RoutingStats.entropyBits(marginal());
            return h == 0 ? 0 : mutualInformationBits() / h;
        }
    }
}
