package org.m3vit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link RoutingIntervention} does at one MoE block, and the top-k choice under it: the
 * experts switched off, and the experts forced on some tokens. {@link #choose} is the rule the
 * sparse MoE layer applies; {@link #scoreShift} states the same rule as a dense (tokens x E) shift
 * of the softmax for the dense oracle, which takes the top-k of the shifted scores.
 */
public final class ExpertMask {

    /** One forced expert and the tokens it is forced on. */
    public record Forced(int expert, TokenSelection tokens) { }

    private final int block;
    private final int experts;
    private final boolean[] disabled;
    private final List<Forced> forced;

    ExpertMask(int block, int experts, boolean[] disabled, List<Forced> forced) {
        this.block = block;
        this.experts = experts;
        this.disabled = disabled.clone();
        this.forced = List.copyOf(forced);
    }

    /** The MoE block this mask belongs to. */
    public int block() { return block; }

    /** True when expert {@code e} is switched off at this block. */
    public boolean isDisabled(int e) { return disabled[e]; }

    /** The experts forced on token {@code token} (ascending ids, no duplicates). */
    public int[] forcedOn(int token) {
        return forced.stream().filter(f -> f.tokens().contains(token)).mapToInt(Forced::expert).distinct().sorted().toArray();
    }

    /**
     * The k experts of one token, best slot first, from its softmax {@code probs} over all E experts:
     * the experts forced on it first (by probability, highest first), then the best of the others
     * that are not switched off (by probability; equal probabilities: the lower id first).
     */
    public int[] choose(float[] probs, int token, int k) {
        int[] forcedHere = forcedOn(token);
        Integer[] order = new Integer[experts];
        for (int e = 0; e < experts; e++) order[e] = e;
        Arrays.sort(order, (a, b) -> {
            boolean fa = contains(forcedHere, a), fb = contains(forcedHere, b);
            if (fa != fb) return fa ? -1 : 1;
            int c = Float.compare(probs[b], probs[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[k];
        int n = 0;
        for (int i = 0; i < experts && n < k; i++) {
            int e = order[i];
            if (!disabled[e]) out[n++] = e;
        }
        if (n < k) throw new IllegalStateException("block " + block + ": fewer than " + k + " experts left to choose from");
        return out;
    }

    /**
     * The dense form of the rule for {@code rows} token rows of images of {@code tokensPerImage}
     * tokens (row r is token r mod tokensPerImage), row-major (rows x E): -2 for an expert switched
     * off, +2 for an expert forced on the row's token, 0 otherwise. Softmax values lie in [0, 1], so
     * the top-k of softmax + shift takes the forced experts first and never an expert switched off.
     */
    public float[] scoreShift(int rows, int tokensPerImage) {
        float[] shift = new float[rows * experts];
        for (int r = 0; r < rows; r++) {
            int token = r % tokensPerImage;
            for (int e = 0; e < experts; e++) if (disabled[e]) shift[r * experts + e] = -2f;
            for (Forced f : forced) if (f.tokens().contains(token)) shift[r * experts + f.expert()] = 2f;
        }
        return shift;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    /** The experts switched off here, ascending. */
    public List<Integer> disabledExperts() {
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < experts; e++) if (disabled[e]) out.add(e);
        return out;
    }
}
