package org.m3vit.model.train;

import org.m3vit.model.metrics.ExpertSpecialisation;
import org.m3vit.model.metrics.RoutingComparison;
import org.m3vit.model.metrics.RoutingStats;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a model on held-out synthetic scenes: per-task quality metrics, the
 * routing statistics per task and MoE layer, the routing differences between task pairs, and
 * what each task's experts specialise in ({@link #specialisationRows}), and the model's size and
 * MACs per single-task inference, and the arithmetic the backbone ran in ({@code float32}, or an
 * emulated board arithmetic). Serialised as the eval JSON. Every
 * headline metric {@code m} has its 95% interval over scenes beside it as {@code m_ci95}:
 * [lo, hi]; {@code intervals} says how they were computed.
 */
public record Evaluation(
        String model,
        String provenance,
        int scenes,
        long firstSeed,
        Map<String, Object> semseg,
        Map<String, Object> depth,
        Map<String, Object> normals,
        Map<String, Object> intervals,
        Map<String, List<Map<String, Object>>> routing,
        Map<String, List<Map<String, Object>>> taskPairs,
        Map<String, List<Map<String, Object>>> experts,
        Map<String, Object> cost,
        double seconds,
        String arithmetic) {

    /** The {@code arithmetic} of an evaluation of the network as trained. */
    public static final String FLOAT32 = "float32";

    /** An evaluation of the network as trained, in float32. */
    public Evaluation(String model, String provenance, int scenes, long firstSeed, Map<String, Object> semseg,
                      Map<String, Object> depth, Map<String, Object> normals, Map<String, Object> intervals,
                      Map<String, List<Map<String, Object>>> routing, Map<String, List<Map<String, Object>>> taskPairs,
                      Map<String, List<Map<String, Object>>> experts, Map<String, Object> cost, double seconds) {
        this(model, provenance, scenes, firstSeed, semseg, depth, normals, intervals, routing, taskPairs, experts, cost, seconds, FLOAT32);
    }

    /** Suffix of the key of a metric's 95% interval: {@code "mIoU_ci95"} beside {@code "mIoU"}. */
    public static final String INTERVAL_SUFFIX = "_ci95";

    /** One routing-usage row per MoE layer. */
    static List<Map<String, Object>> routingRows(RoutingStats stats) {
        return stats.layers().stream().map(l -> Map.<String, Object>of(
                "block", l.block(),
                "tokensPerExpert", l.tokensPerExpert(),
                "cv2", l.cv2(),
                "entropyBits", l.entropyBits())).toList();
    }

    /**
     * One row per MoE layer of a task's expert specialisation: for each of its three tables
     * (classes, depth ranges, normal directions) the value labels, the token counts expert x
     * value, per expert its entropy in bits and its most frequent value, and for the layer the
     * mutual information between expert and value and its uncertainty coefficient.
     */
    static List<Map<String, Object>> specialisationRows(ExpertSpecialisation s) {
        return s.layers().stream().map(l -> Map.<String, Object>of(
                "block", l.block(),
                "classes", tableMap(l.classes()),
                "depthRanges", tableMap(l.depthRanges()),
                "normalDirections", tableMap(l.normalDirections()))).toList();
    }

    private static Map<String, Object> tableMap(ExpertSpecialisation.Table t) {
        int experts = t.tokens().length;
        double[] entropy = new double[experts];
        String[] top = new String[experts];
        for (int e = 0; e < experts; e++) {
            entropy[e] = t.entropyBits(e);
            top[e] = t.top(e) < 0 ? null : t.labels().get(t.top(e));
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("labels", t.labels());
        m.put("tokens", t.tokens());
        m.put("entropyBits", entropy);
        m.put("top", top);
        m.put("mutualInformationBits", t.mutualInformationBits());
        m.put("uncertaintyCoefficient", t.uncertaintyCoefficient());
        return m;
    }

    /** One comparison row per MoE layer. */
    static List<Map<String, Object>> comparisonRows(RoutingComparison cmp) {
        return cmp.layers().stream().map(l -> Map.<String, Object>of(
                "block", l.block(),
                "jensenShannonBits", l.jensenShannonBits(),
                "top1DifferentFraction", l.top1DifferentFraction(),
                "tokens", l.tokens())).toList();
    }
}
