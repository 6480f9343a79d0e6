package org.m3vit.app.cli;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingIntervention.ExpertForced;
import org.m3vit.model.RoutingIntervention.ExpertOff;
import org.m3vit.model.TokenSelection;
import org.m3vit.model.guard.Names;

import java.util.List;

/**
 * The routing-intervention options of {@code m3vit infer} ({@code --disable-expert},
 * {@code --force-expert}, {@code --tokens}, {@code --gates-of}) turned into a
 * {@link RoutingIntervention} for a model's config; a bad value is refused in one line naming the
 * option and the value.
 */
final class InterventionOptions {

    private InterventionOptions() { }

    /** The intervention the options ask for on a model of config {@code c} (NONE when none is given). */
    static RoutingIntervention parse(List<String> disable, List<String> force, String tokens, String gatesOf, ModelConfig c) {
        if (tokens != null && force.isEmpty()) {
            throw new IllegalArgumentException("--tokens " + Names.quote(tokens) + ": says which tokens --force-expert applies to, but no --force-expert is given");
        }
        TokenSelection selection = TokenSelection.ALL;
        if (tokens != null) {
            try {
                selection = TokenSelection.parse(tokens);
                new RoutingIntervention(List.of(), List.of(new ExpertForced(c.moeBlocks().isEmpty() ? 0 : c.moeBlocks().get(0), 0, selection)), null)
                        .validate(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tokens " + Names.quote(tokens) + ": " + e.getMessage(), e);
            }
        }
        RoutingIntervention iv = RoutingIntervention.NONE;
        for (String d : disable) {
            int[] be = blockExpert("--disable-expert", d);
            ExpertOff off = new ExpertOff(be[0], be[1]);
            check("--disable-expert " + Names.quote(d), new RoutingIntervention(List.of(off), List.of(), null), c);
            iv = iv.with(off);
        }
        check("--disable-expert", iv, c);
        for (String f : force) {
            int[] be = blockExpert("--force-expert", f);
            ExpertForced forced = new ExpertForced(be[0], be[1], selection);
            check("--force-expert " + Names.quote(f), new RoutingIntervention(List.of(), List.of(forced), null), c);
            iv = iv.with(forced);
        }
        check("--force-expert", iv, c);
        if (gatesOf != null) {
            String task = gatesOf.trim();
            if (c.tasks().stream().noneMatch(t -> t.name().equals(task))) {
                throw new IllegalArgumentException("--gates-of " + Names.quote(gatesOf) + ": model '" + c.name() + "' has no task "
                        + Names.quote(task) + "; its tasks are " + c.tasks().stream().map(org.m3vit.model.TaskSpec::name).toList());
            }
            iv = iv.withGatesOf(task);
            check("--gates-of " + Names.quote(gatesOf), iv, c);
        }
        return iv;
    }

    private static void check(String option, RoutingIntervention iv, ModelConfig c) {
        try {
            iv.validate(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** BLOCK:EXPERT, BLOCK a number, {@code *} or {@code all}. */
    private static int[] blockExpert(String option, String value) {
        String v = value == null ? "" : value.trim();
        int colon = v.indexOf(':');
        String usage = option + " " + Names.quote(v) + ": expected BLOCK:EXPERT, e.g. 1:3 (block 1, expert 3), or all:3 (or *:3) for every MoE block";
        if (colon < 0 || colon != v.lastIndexOf(':')) throw new IllegalArgumentException(usage);
        String b = v.substring(0, colon).trim(), e = v.substring(colon + 1).trim();
        int block = b.equals("*") || b.equalsIgnoreCase("all") ? RoutingIntervention.ALL_BLOCKS : number(b, usage);
        return new int[] {block, number(e, usage)};
    }

    private static int number(String s, String usage) {
        if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(Character::isDigit)) throw new IllegalArgumentException(usage);
        return Integer.parseInt(s);
    }
}
