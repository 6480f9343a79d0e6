package org.m3vit.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A "what would change if" on the gates' routing (docs/interventions.md): experts switched off in
 * one MoE block or in all, experts forced on all tokens or on listed tokens, and every task run
 * with another task's gates. Semantics, per MoE block and token, from the softmax p over all E
 * experts of the gate that runs:
 * <ul>
 * <li>an expert switched off is never chosen: the next-best expert takes its slot;</li>
 * <li>the experts forced on a token take the first slots, the remaining slots keep the best of the
 *     other experts that are not switched off;</li>
 * <li>each chosen expert's weight is its softmax probability p_e as the gate gives it, not
 *     renormalised (as in the published code, and as without an intervention);</li>
 * <li>{@code gatesOf} U: every task's pass uses task U's gates in every MoE block, and its own
 *     head; U's own pass is unchanged.</li>
 * </ul>
 * Tokens are numbered as in the routing trace (0 = cls, n >= 1 = patch n-1, row-major); forcing
 * without a token list applies to every token, the cls token included; switching off applies to
 * every token. {@link #NONE} changes nothing and runs exactly the plain path.
 */
public record RoutingIntervention(List<ExpertOff> disabled, List<ExpertForced> forced, String gatesOf) {

    /** Block value meaning every MoE block of the model. */
    public static final int ALL_BLOCKS = -1;

    /** No intervention: the gates' own routing. */
    public static final RoutingIntervention NONE = new RoutingIntervention(List.of(), List.of(), null);

    /** Expert {@code expert} switched off at MoE block {@code block} ({@link #ALL_BLOCKS}: at every MoE block). */
    public record ExpertOff(int block, int expert) {
        /** "block 1: E3 off" or "all MoE blocks: E3 off". */
        public String describe() { return where(block) + ": E" + expert + " off"; }
    }

    /** Expert {@code expert} forced at MoE block {@code block} ({@link #ALL_BLOCKS}: every MoE block) on {@code tokens}. */
    public record ExpertForced(int block, int expert, TokenSelection tokens) {
        public ExpertForced {
            Objects.requireNonNull(tokens, "tokens");
        }

        /** "block 3: E2 forced on tokens 3-4,10-20" or "... on all tokens". */
        public String describe() {
            return where(block) + ": E" + expert + " forced on " + (tokens.isAll() ? "all tokens" : "tokens " + tokens);
        }
    }

    public RoutingIntervention {
        disabled = List.copyOf(new LinkedHashSet<>(disabled == null ? List.of() : disabled));
        forced = List.copyOf(new LinkedHashSet<>(forced == null ? List.of() : forced));
        if (gatesOf != null && gatesOf.isBlank()) gatesOf = null;
    }

    private static String where(int block) { return block == ALL_BLOCKS ? "all MoE blocks" : "block " + block; }

    /** True when nothing is changed. */
    public boolean isEmpty() { return disabled.isEmpty() && forced.isEmpty() && gatesOf == null; }

    /** This intervention with {@code off} added. */
    public RoutingIntervention with(ExpertOff off) {
        List<ExpertOff> d = new ArrayList<>(disabled);
        d.add(off);
        return new RoutingIntervention(d, forced, gatesOf);
    }

    /** This intervention with {@code force} added. */
    public RoutingIntervention with(ExpertForced force) {
        List<ExpertForced> f = new ArrayList<>(forced);
        f.add(force);
        return new RoutingIntervention(disabled, f, gatesOf);
    }

    /** This intervention without {@code off}. */
    public RoutingIntervention without(ExpertOff off) {
        List<ExpertOff> d = new ArrayList<>(disabled);
        d.remove(off);
        return new RoutingIntervention(d, forced, gatesOf);
    }

    /** This intervention without {@code force}. */
    public RoutingIntervention without(ExpertForced force) {
        List<ExpertForced> f = new ArrayList<>(forced);
        f.remove(force);
        return new RoutingIntervention(disabled, f, gatesOf);
    }

    /** This intervention with every task run with the gates of {@code task} (null: each task's own gates). */
    public RoutingIntervention withGatesOf(String task) { return new RoutingIntervention(disabled, forced, task); }

    /** What applies to the pass of {@code task}: the same, except that its own gates are no change for it. */
    public RoutingIntervention forTask(String task) {
        return gatesOf != null && gatesOf.equals(task) ? withGatesOf(null) : this;
    }

    /** One line for people, e.g. "block 1: E3 off; gates of depth", or "none". */
    public String describe() {
        if (isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        for (ExpertOff d : disabled) parts.add(d.describe());
        for (ExpertForced f : forced) parts.add(f.describe());
        if (gatesOf != null) parts.add("gates of " + gatesOf);
        return String.join("; ", parts);
    }

    /**
     * Refuses an intervention that does not fit {@code c}, naming the problem: a block that is not a
     * MoE block, an expert or token out of range, an unknown task, an expert both switched off and
     * forced, fewer than top-k experts left at a block, more than top-k experts forced on a token.
     */
    public void validate(ModelConfig c) {
        if (isEmpty()) return;
        if (c.moeBlocks().isEmpty()) {
            throw new IllegalArgumentException("model '" + c.name() + "' has no MoE blocks, so there is no routing to change");
        }
        if (gatesOf != null) c.taskIndex(gatesOf);
        for (ExpertOff d : disabled) checkBlockAndExpert(c, d.block(), d.expert());
        for (ExpertForced f : forced) {
            checkBlockAndExpert(c, f.block(), f.expert());
            if (f.tokens().max() >= c.numTokens()) {
                throw new IllegalArgumentException("token " + f.tokens().max() + " is out of range: model '" + c.name() + "' has tokens 0.."
                        + (c.numTokens() - 1) + " (0 = cls, 1.." + c.numPatches() + " the " + c.gridHeight() + " x " + c.gridWidth() + " patches)");
            }
        }
        for (int block : c.moeBlocks()) {
            ExpertMask m = mask(c, block);
            if (m == null) continue;
            List<Integer> off = m.disabledExperts();
            if (c.numExperts() - off.size() < c.topK()) {
                throw new IllegalArgumentException("switching off " + experts(off) + " at block " + block + " leaves "
                        + (c.numExperts() - off.size()) + " of " + c.numExperts() + " experts, fewer than top-k = " + c.topK());
            }
            for (int t = 0; t < c.numTokens(); t++) {
                int[] here = m.forcedOn(t);
                for (int e : here) {
                    if (m.isDisabled(e)) {
                        throw new IllegalArgumentException("expert " + e + " at block " + block + " is both switched off and forced");
                    }
                }
                if (here.length > c.topK()) {
                    throw new IllegalArgumentException("forcing " + here.length + " experts (" + experts(java.util.Arrays.stream(here).boxed().toList())
                            + ") on token " + t + " at block " + block + " is more than top-k = " + c.topK());
                }
            }
        }
    }

    private static String experts(List<Integer> ids) {
        return ids.stream().map(e -> "E" + e).collect(Collectors.joining(", "));
    }

    private static void checkBlockAndExpert(ModelConfig c, int block, int expert) {
        if (block != ALL_BLOCKS && !c.isMoe(block)) {
            throw new IllegalArgumentException("block " + block + " is not a MoE block of model '" + c.name() + "' (its MoE blocks: "
                    + c.moeBlocks().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
        if (expert < 0 || expert >= c.numExperts()) {
            throw new IllegalArgumentException("expert " + expert + " is out of range: model '" + c.name() + "' has experts 0.."
                    + (c.numExperts() - 1));
        }
    }

    /** The mask at MoE block {@code block} of {@code c}, null when this intervention changes nothing there. */
    public ExpertMask mask(ModelConfig c, int block) {
        boolean[] off = new boolean[c.numExperts()];
        boolean any = false;
        for (ExpertOff d : disabled) {
            if ((d.block() == block || d.block() == ALL_BLOCKS) && d.expert() >= 0 && d.expert() < off.length) {
                off[d.expert()] = true;
                any = true;
            }
        }
        List<ExpertMask.Forced> here = new ArrayList<>();
        for (ExpertForced f : forced) {
            if (f.block() == block || f.block() == ALL_BLOCKS) here.add(new ExpertMask.Forced(f.expert(), f.tokens()));
        }
        return any || !here.isEmpty() ? new ExpertMask(block, c.numExperts(), off, here) : null;
    }

    /** The intervention resolved for the pass of task id {@code task} of {@code c} (validated first). */
    public RoutingPlan plan(ModelConfig c, int task) {
        RoutingIntervention own = forTask(c.tasks().get(task).name());
        if (own.isEmpty()) return RoutingPlan.NONE;
        own.validate(c);
        java.util.Map<Integer, ExpertMask> masks = new java.util.HashMap<>();
        for (int b : c.moeBlocks()) {
            ExpertMask m = own.mask(c, b);
            if (m != null) masks.put(b, m);
        }
        return new RoutingPlan(own.gatesOf == null ? -1 : c.taskIndex(own.gatesOf), masks);
    }
}
