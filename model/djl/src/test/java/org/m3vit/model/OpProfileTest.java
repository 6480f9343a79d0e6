package org.m3vit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ForwardBenchmark#profileOps}: libtorch's trace holds exactly the profiled passes' ops. */
class OpProfileTest {

    @Test
    void traceCountsEachLayerNormAndSoftmaxOfTheProfiledPasses(@TempDir Path dir) throws Exception {
        ModelConfig c = TestWeights.small(); // depth 4, MoE blocks 1 and 3
        Path trace = dir.resolve("ops.json");
        int passes = 3;
        try (M3ViTModel model = M3ViTModel.random(c, 1)) {
            ForwardBenchmark.profileOps(model, passes, 7, "depth", trace);
        }
        JsonNode events = new ObjectMapper().readTree(trace.toFile());
        JsonNode list = events.isArray() ? events : events.get("traceEvents");
        int layerNorms = 0, softmaxes = 0;
        for (JsonNode e : list) {
            String name = e.path("name").asText();
            if (name.equals("aten::layer_norm")) layerNorms++;
            if (name.equals("aten::softmax")) softmaxes++;
        }
        // per pass: two norms per block and the head's; one attention softmax per block and one gate softmax per MoE block
        assertThat(layerNorms).isEqualTo(passes * (2 * c.depth() + 1));
        assertThat(softmaxes).isEqualTo(passes * (c.depth() + c.moeBlocks().size()));
    }
}
