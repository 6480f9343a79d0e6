package org.m3vit.model;

import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.Names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Which tokens a forced expert applies to: every token, or a set of token indices in the numbering
 * of the routing trace (0 = the cls token, n >= 1 = patch n-1 in row-major order). Written as
 * {@code all} or as comma-separated numbers and ranges ({@code 3,4,10-20}); {@link #toString()}
 * gives the canonical form (sorted, runs merged), so equal selections print alike.
 */
public final class TokenSelection {

    /** Every token, the cls token included. */
    public static final TokenSelection ALL = new TokenSelection(null);

    /** Highest token index a selection may name: the cls token plus the most patches a config may have. */
    public static final int MAX_TOKEN = Limits.PATCHES;

    private final int[] tokens;

    private TokenSelection(int[] sortedDistinct) { this.tokens = sortedDistinct; }

    /** The given token indices (duplicates dropped); refuses an empty set and negative or absurd indices. */
    public static TokenSelection of(Collection<Integer> indices) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Integer t : indices) {
            if (t == null || t < 0 || t > MAX_TOKEN) {
                throw new IllegalArgumentException("token " + t + " is not a token index (0 = cls, 1.." + MAX_TOKEN + " patches)");
            }
            set.add(t);
        }
        if (set.isEmpty()) throw new IllegalArgumentException("the token list is empty");
        return new TokenSelection(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The given token indices. */
    public static TokenSelection of(int... indices) {
        return of(Arrays.stream(indices).boxed().toList());
    }

    /**
     * Parses {@code all} or a list such as {@code 3,4,10-20} (spaces allowed around items); refuses
     * anything else with a message quoting the bad item.
     */
    public static TokenSelection parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the token list is empty");
        String s = text.trim();
        if (s.equalsIgnoreCase("all")) return ALL;
        List<Integer> out = new ArrayList<>();
        for (String raw : s.split(",", -1)) {
            String item = raw.trim();
            int dash = item.indexOf('-', 1);
            int from, to;
            if (dash < 0) {
                from = to = number(item, text);
            } else {
                from = number(item.substring(0, dash).trim(), text);
                to = number(item.substring(dash + 1).trim(), text);
                if (to < from) throw new IllegalArgumentException("range " + Names.quote(item) + " runs backwards (write it as " + to + "-" + from + ")");
            }
            for (int t = from; t <= to; t++) out.add(t);
        }
        return of(out);
    }

    private static int number(String item, String whole) {
        if (item.isEmpty() || !item.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(Names.quote(item.isEmpty() ? whole : item)
                    + " is not a token number or range (write e.g. 3,4,10-20, or all)");
        }
        if (item.length() > 9 || Integer.parseInt(item) > MAX_TOKEN) {
            throw new IllegalArgumentException("token " + item + " is beyond the largest possible token index " + MAX_TOKEN);
        }
        return Integer.parseInt(item);
    }

    /** True for every token. */
    public boolean isAll() { return tokens == null; }

    /** True when token {@code t} is selected. */
    public boolean contains(int t) { return tokens == null || Arrays.binarySearch(tokens, t) >= 0; }

    /** The selected indices in ascending order (empty for {@link #ALL}: use {@link #isAll()}). */
    public int[] indices() { return tokens == null ? new int[0] : tokens.clone(); }

    /** How many of a pass's {@code numTokens} tokens are selected. */
    public int count(int numTokens) {
        if (tokens == null) return numTokens;
        int n = 0;
        for (int t : tokens) if (t < numTokens) n++;
        return n;
    }

    /** The largest index named, -1 for {@link #ALL}. */
    public int max() { return tokens == null ? -1 : tokens[tokens.length - 1]; }

    /** {@code all} or the canonical list, e.g. {@code 3-4,10-20}. */
    @Override
    public String toString() {
        if (tokens == null) return "all";
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < tokens.length) {
            int j = i;
            while (j + 1 < tokens.length && tokens[j + 1] == tokens[j] + 1) j++;
            if (b.length() > 0) b.append(',');
            b.append(tokens[i]);
            if (j > i) b.append('-').append(tokens[j]);
            i = j + 1;
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSelection other && Arrays.equals(tokens, other.tokens);
    }

    @Override
    public int hashCode() { return tokens == null ? 17 : Arrays.hashCode(tokens); }
}
