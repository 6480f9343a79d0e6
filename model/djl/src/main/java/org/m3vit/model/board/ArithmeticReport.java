package org.m3vit.model.board;

import java.util.List;
import java.util.Map;

/**
 * The result of comparing the backbone in an emulated arithmetic with the float32 network on
 * held-out scenes ({@code m3vit eval --arithmetic board --compare-float}); serialised as JSON,
 * keys in docs/formats.md:
 * <ul>
 *   <li>{@code formats}: the number format of each kind of value;</li>
 *   <li>{@code weightsOutOfRange}: converted tensors with values beyond their format (they wrap);</li>
 *   <li>{@code referenceMaxAbsDifference}: how far the float emulation (the per-layer reference) lies
 *       from the DJL backbone's tokens, over every pass;</li>
 *   <li>{@code layers}: per backbone layer the error of the residual stream against the float emulation;</li>
 *   <li>{@code outputs}: per task the change of the outputs against float32;</li>
 *   <li>{@code routing}: per task and MoE block the tokens whose experts changed against float32;</li>
 *   <li>{@code metrics}: the eval's quality metrics of float32 and of the emulated arithmetic side by
 *       side, each with its 95% interval over scenes; {@code intervals} says how;</li>
 *   <li>{@code metricChanges}: each headline metric's change (emulated minus float32) with a paired
 *       bootstrap 95% interval over the same scenes.</li>
 * </ul>
 */
public record ArithmeticReport(
        String model,
        String provenance,
        int scenes,
        long firstSeed,
        String arithmetic,
        String description,
        Map<String, String> formats,
        List<WeightReport.Entry> weightsOutOfRange,
        long weightsConverted,
        double referenceMaxAbsDifference,
        List<LayerErrors.Row> layers,
        Map<String, Map<String, Object>> outputs,
        Map<String, List<RoutingChanges.Row>> routing,
        Map<String, Map<String, Map<String, Object>>> metrics,
        Map<String, Map<String, Object>> metricChanges,
        Map<String, Object> intervals,
        double seconds) { }
