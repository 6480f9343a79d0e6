package org.m3vit.model.metrics;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per MoE block, how many tokens are sent to another set of experts in one trace than in another of the same image and model. */
public final class RoutingDelta {

    private RoutingDelta() { }

    /** For each MoE block (in trace order) the tokens whose set of top-k experts differs between {@code a} and {@code b}. */
    public static int[] tokensRoutedElsewhere(RoutingTrace a, RoutingTrace b) {
        if (a.layers().size() != b.layers().size() || a.numTokens() != b.numTokens()) {
            throw new IllegalArgumentException("the traces differ in shape: " + a.layers().size() + " vs " + b.layers().size()
                    + " MoE blocks, " + a.numTokens() + " vs " + b.numTokens() + " tokens");
        }
        int[] out = new int[a.layers().size()];
        for (int l = 0; l < out.length; l++) {
            LayerRouting x = a.layers().get(l), y = b.layers().get(l);
            for (int t = 0; t < x.numTokens(); t++) {
                int[] p = x.experts()[t].clone(), q = y.experts()[t].clone();
                Arrays.sort(p);
                Arrays.sort(q);
                if (!Arrays.equals(p, q)) out[l]++;
            }
        }
        return out;
    }

    /** "Tokens sent to other experts: block 1: 3 of 7, block 3: 0 of 7." for the change from {@code a} to {@code b}. */
    public static String describe(RoutingTrace a, RoutingTrace b) {
        int[] moved = tokensRoutedElsewhere(a, b);
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < moved.length; l++) parts.add("block " + b.layers().get(l).block() + ": " + moved[l] + " of " + b.numTokens());
        return "Tokens sent to other experts: " + (parts.isEmpty() ? "none (no MoE blocks)" : String.join(", ", parts)) + ".";
    }
}
