package org.m3vit.app.cli;

import org.junit.jupiter.api.Test;
import org.m3vit.model.train.Evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvalSummaryTest {

    @Test
    void everyMetricShowsItsIntervalAndAMissingTaskShowsNotAvailable() {
        Map<String, Object> depth = new LinkedHashMap<>();
        depth.put("rmse", 0.5);
        depth.put("rmse_ci95", new double[] {0.45, 0.55});
        depth.put("absRel", 0.1234);
        depth.put("absRel_ci95", new double[] {0.1, 0.15});
        depth.put("delta1", 0.9);
        depth.put("delta1_ci95", new double[] {Double.NaN, Double.NaN});
        Map<String, Object> normals = Map.of("meanAngleDeg", 20.0, "meanAngleDeg_ci95", new double[] {19.5, 20.5});
        Evaluation e = new Evaluation("m", "random", 40, 0, Map.of(), depth, normals, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 1.0);
        List<String> lines = EvalSummary.of(e).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("m on 40 scenes (95% interval over scenes in brackets)");
        assertThat(lines.get(1)).isEqualTo("  semseg:  mIoU n/a, pixel acc n/a");
        assertThat(lines.get(2)).startsWith("  depth:   absRel 0.123 [0.100, 0.150], RMSE 0.500 [0.450, 0.550] m, d<1.25 0.900 [NaN, NaN],");
        assertThat(lines.get(3)).startsWith("  normals: mean 20.000 [19.500, 20.500] deg, median n/a deg");
    }

    @Test
    void eachTaskGetsALineWithItsExpertsShareOfEachPropertyPerMoeBlock() {
        Map<String, Object> b1 = Map.of("block", 1, "classes", Map.of("uncertaintyCoefficient", 0.124),
                "depthRanges", Map.of("uncertaintyCoefficient", 0.3), "normalDirections", Map.of("uncertaintyCoefficient", 0.051));
        Map<String, Object> b3 = Map.of("block", 3, "classes", Map.of("uncertaintyCoefficient", 0.2),
                "depthRanges", Map.of(), "normalDirections", Map.of("uncertaintyCoefficient", 0.0));
        Evaluation e = new Evaluation("m", "random", 40, 0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of("depth", List.of(b1, b3)), Map.of(), 1.0);
        List<String> lines = EvalSummary.of(e).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).isEqualTo("  experts of depth's gates (share of the property told by the expert, per MoE block):"
                + " class 12/20 %, depth range 30/n/a %, normal direction 5/0 %");
    }
}
