package org.m3vit.model.train;

import org.m3vit.model.metrics.RoutingComparison;
import org.m3vit.model.metrics.RoutingStats;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a model on held-out synthetic scenes: per-task quality metrics, the
 * routing statistics per task and MoE layer, the routing differences between task pairs, and
 * the model's size and MACs per single-task inference. Serialised as the eval JSON. Every
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
        Map<String, Object> cost,
        double seconds) {

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

    /** One comparison row per MoE layer. */
    static List<Map<String, Object>> comparisonRows(RoutingComparison cmp) {
        return cmp.layers().stream().map(l -> Map.<String, Object>of(
                "block", l.block(),
                "jensenShannonBits", l.jensenShannonBits(),
                "top1DifferentFraction", l.top1DifferentFraction(),
                "tokens", l.tokens())).toList();
    }
}
