package org.m3vit.model.board;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per task and MoE block, the share of tokens whose top-k expert set (and whose first expert) differs between two arithmetics. */
public final class RoutingChanges {

    /** One MoE block's row of the report. */
    public record Row(int block, double topKChangedShare, double top1ChangedShare, long tokens) { }

    private static final class Counts {
        long setChanged;
        long firstChanged;
        long tokens;
    }

    private final Map<String, Map<Integer, Counts>> tasks = new LinkedHashMap<>();

    /** Adds one pass of a task: {@code reference}'s routing against {@code other}'s. */
    public void add(RoutingTrace reference, RoutingTrace other) {
        Map<Integer, Counts> blocks = tasks.computeIfAbsent(reference.task(), k -> new LinkedHashMap<>());
        for (LayerRouting a : reference.layers()) {
            LayerRouting b = other.layerForBlock(a.block());
            Counts c = blocks.computeIfAbsent(a.block(), k -> new Counts());
            for (int t = 0; t < a.numTokens(); t++) {
                int[] x = a.experts()[t].clone(), y = b.experts()[t].clone();
                if (x[0] != y[0]) c.firstChanged++;
                Arrays.sort(x);
                Arrays.sort(y);
                if (!Arrays.equals(x, y)) c.setChanged++;
            }
            c.tokens += a.numTokens();
        }
    }

    /** Per task, one row per MoE block. */
    public Map<String, List<Row>> rows() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        tasks.forEach((task, blocks) -> {
            List<Row> rows = new ArrayList<>();
            blocks.forEach((block, c) -> rows.add(new Row(block, (double) c.setChanged / c.tokens, (double) c.firstChanged / c.tokens, c.tokens)));
            out.put(task, rows);
        });
        return out;
    }
}
