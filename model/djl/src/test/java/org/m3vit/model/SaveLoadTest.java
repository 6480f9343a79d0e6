package org.m3vit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Save/load round trip is bit-exact; a bad weight file gives an error naming the file and every problem. */
class SaveLoadTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExactInWeightsAndOutputs() throws IOException {
        ModelConfig config = TestWeights.small();
        float[] image = TestWeights.image(config, 5);
        try (M3ViTModel model = M3ViTModel.random(config, 7)) {
            model.save(dir);
            InferenceResult before = model.infer(image, List.of("depth"));
            try (M3ViTModel loaded = M3ViTModel.load(dir)) {
                assertThat(loaded.weights()).isEqualTo(model.weights());
                assertThat(loaded.isTrained()).isFalse();
                assertThat(loaded.provenance()).isEqualTo("random weights, seed 7 (untrained)");
                assertThat(loaded.config()).isEqualTo(config);
                InferenceResult after = loaded.infer(image, List.of("depth"));
                assertThat(after.output("depth").data()).isEqualTo(before.output("depth").data());
            }
        }
    }

    @Test
    void randomWeightsAreDeterministicPerSeed() {
        ModelConfig config = TestWeights.small();
        try (M3ViTModel a = M3ViTModel.random(config, 3); M3ViTModel b = M3ViTModel.random(config, 3); M3ViTModel c = M3ViTModel.random(config, 4)) {
            assertThat(a.weights()).isEqualTo(b.weights());
            assertThat(a.weights().get("backbone.pos_embed")).isNotEqualTo(c.weights().get("backbone.pos_embed"));
        }
    }

    @Test
    void everyMissingUnexpectedAndMisShapedTensorIsNamed() throws IOException {
        ModelConfig config = TestWeights.small();
        Map<String, Tensor> weights = new LinkedHashMap<>(WeightInit.random(config, 1));
        weights.remove("backbone.blocks.1.mlp.gate.2.w_gate");
        weights.remove("decoders.depth.syncbn_fc_3.running_var");
        weights.put("backbone.blocks.3.mlp.experts.htoh4.weight", new Tensor(new long[] {4, 48, 23}, new float[4 * 48 * 23]));
        weights.put("backbone.head.weight", new Tensor(new long[] {2}, new float[2]));
        weights.put("decoders.depth.syncbn_fc_0.num_batches_tracked", new Tensor(new long[] {}, new float[1]));
        ConfigJson.write(config, dir.resolve("config.json"));
        Safetensors.write(dir.resolve("model.safetensors"), weights, Map.of());
        assertThatThrownBy(() -> M3ViTModel.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("model.safetensors").toString())
                .hasMessageContaining("2 missing tensor(s): backbone.blocks.1.mlp.gate.2.w_gate, decoders.depth.syncbn_fc_3.running_var")
                .hasMessageContaining("1 unexpected tensor(s): backbone.head.weight")
                .hasMessageContaining("backbone.blocks.3.mlp.experts.htoh4.weight is (4, 48, 23), expected (4, 48, 24)");
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        try (M3ViTModel model = M3ViTModel.random(TestWeights.small(), 2)) {
            model.save(dir);
        }
        Path file = dir.resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) - 1000);
        }
        assertThatThrownBy(() -> M3ViTModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void notASafetensorsFileIsNamed() throws IOException {
        ConfigJson.write(TestWeights.small(), dir.resolve("config.json"));
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "PK this is a zip, or a pickle, but not safetensors");
        assertThatThrownBy(() -> M3ViTModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a safetensors file");
    }

    @Test
    void missingDirectoryAndConfigAreNamed() throws IOException {
        assertThatThrownBy(() -> M3ViTModel.load(dir.resolve("nope"))).hasMessageContaining("nope").hasMessageContaining("not found");
        assertThatThrownBy(() -> M3ViTModel.load(dir)).hasMessageContaining("config.json");
    }
}
