package org.m3vit.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.WeightInit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTuneStartTest {

    private static ModelConfig config(int h, int w, int embed) {
        return new ModelConfig("ft-" + h + "x" + w, h, w, 8, embed, 2, 2, 4 * embed, List.of(1), 4, 2, 2 * embed, 8,
                List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 3), TaskSpec.of("depth", TaskKind.DEPTH, 1)), "test");
    }

    private static Path save(Path dir, ModelConfig c, Map<String, Tensor> weights) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        ConfigJson.write(c, dir.resolve(ModelFiles.CONFIG));
        Safetensors.write(dir.resolve(ModelFiles.WEIGHTS), weights, Map.of());
        return dir;
    }

    @Test
    void carriesEveryWeightOverAndResamplesOnlyThePositionEmbedding(@TempDir Path tmp) throws Exception {
        ModelConfig small = config(16, 24, 16), large = config(32, 48, 16);
        Map<String, Tensor> source = WeightInit.random(small, 3);
        Map<String, Tensor> start = FineTuneStart.weights(save(tmp.resolve("src"), small, source), large);
        assertThat(WeightCheck.problems(large, start)).isEmpty();
        assertThat(start.keySet()).containsExactlyInAnyOrderElementsOf(source.keySet());
        for (String name : source.keySet()) {
            if (name.equals(FineTuneStart.POS_EMBED)) continue;
            assertThat(start.get(name).data()).as(name).containsExactly(source.get(name).data());
        }
        Tensor expected = PositionEmbeddingResize.resize(source.get(FineTuneStart.POS_EMBED), 2, 3, 4, 6);
        assertThat(start.get(FineTuneStart.POS_EMBED).data()).containsExactly(expected.data());
    }

    @Test
    void refusesADifferentNetworkNamingTheDirectory(@TempDir Path tmp) throws Exception {
        ModelConfig narrow = config(16, 24, 16);
        Path dir = save(tmp.resolve("narrow"), narrow, WeightInit.random(narrow, 3));
        assertThatThrownBy(() -> FineTuneStart.weights(dir, config(32, 48, 24)))
                .isInstanceOf(IOException.class).hasMessageStartingWith(dir.toString()).hasMessageContaining("wrong shape");
        assertThatThrownBy(() -> FineTuneStart.weights(tmp.resolve("absent"), narrow)).hasMessageContaining("not found");
    }
}
