package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.MacCounter;
import org.m3vit.model.Presets;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code bench model --json}: the documented keys, consistent with each other and with the MAC counter. */
class ModelBenchJsonTest {

    @TempDir
    Path dir;

    @Test
    void oneTasksFiguresWithItsWarmUpAndTheMatmul() throws Exception {
        Path json = dir.resolve("bench.json");
        InferCommandTest.Run r = InferCommandTest.run("bench", "model", "--model", "m3vit-synth", "--task", "depth", "--runs", "3",
                "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("tasks").size()).isEqualTo(1);
        JsonNode depth = root.get("tasks").get("depth");
        double median = depth.get("medianMs").asDouble();
        assertThat(median).isBetween(depth.get("minMs").asDouble(), depth.get("maxMs").asDouble());
        assertThat(depth.get("warmUpPasses").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(depth.get("steady").isBoolean()).isTrue();
        // executed GMAC: the MAC counter's total of this task's pass (the routing decides the experts, but every token
        // goes to k experts, so the executed total does not depend on which)
        var c = Presets.get("m3vit-synth");
        int[] even = new int[c.numExperts()];
        even[0] = c.numTokens() * c.topK();
        long macs = MacCounter.count(c, c.taskIndex("depth"), List.of(even, even, even)).executed();
        assertThat(depth.get("executedGmac").asDouble()).isCloseTo(macs / 1e9, within(1e-9));
        assertThat(depth.get("gflops").asDouble()).isCloseTo(2 * macs / (median * 1e6), within(1e-6));
        assertThat(root.get("matmulGflops").asDouble()).isPositive();
        assertThat(root.get("warmUp").asText()).startsWith("warm-up until two consecutive windows of 5 passes");
    }

    @Test
    void anUnknownTaskIsRefusedInOneLine() {
        InferCommandTest.Run r = InferCommandTest.run("bench", "model", "--model", "m3vit-synth", "--task", "edges", "--runs", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --task 'edges': model m3vit-synth has tasks semseg, depth, normals");
    }
}
