package org.m3vit.model.metrics;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How differently two tasks route the same images, accumulated over trace pairs (task A and
 * task B on one image): per MoE block the Jensen-Shannon divergence of the two expert-usage
 * distributions (bits) and the fraction of tokens whose top-1 expert differs.
 */
public final class RoutingComparison {

    private final RoutingStats first = new RoutingStats();
    private final RoutingStats second = new RoutingStats();
    private final Map<Integer, long[]> differing = new TreeMap<>(); // block -> {tokens differing, tokens}

    /** Adds the traces of two tasks on the same image (same grid, experts and MoE blocks). */
    public void add(RoutingTrace a, RoutingTrace b) {
        if (a.gridHeight() != b.gridHeight() || a.gridWidth() != b.gridWidth() || a.numExperts() != b.numExperts()
                || a.layers().size() != b.layers().size()) {
            throw new IllegalArgumentException("traces of " + a.task() + " and " + b.task()
                    + " do not come from the same model and image size");
        }
        for (LayerRouting la : a.layers()) {
            LayerRouting lb = b.layerForBlock(la.block());
            int[] ta = la.top1();
            int[] tb = lb.top1();
            long[] d = differing.computeIfAbsent(la.block(), k -> new long[2]);
            for (int t = 0; t < ta.length; t++) if (ta[t] != tb[t]) d[0]++;
            d[1] += ta.length;
        }
        first.add(a);
        second.add(b);
    }

    /** Per-block comparison, in block order. */
    public List<LayerComparison> layers() {
        List<LayerComparison> out = new ArrayList<>();
        differing.forEach((block, d) -> out.add(new LayerComparison(block,
                RoutingStats.jensenShannonBits(first.layer(block).distribution(), second.layer(block).distribution()),
                d[1] == 0 ? 0 : (double) d[0] / d[1], d[1])));
        return out;
    }

    /** One block's comparison: JS divergence of usage in bits, fraction of tokens with another top-1 expert. */
    public record LayerComparison(int block, double jensenShannonBits, double top1DifferentFraction, long tokens) { }
}
