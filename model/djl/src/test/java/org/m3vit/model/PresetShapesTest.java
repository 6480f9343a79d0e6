package org.m3vit.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.m3vit.model.io.WeightLayout;
import org.m3vit.model.nn.CheckpointNames;
import org.m3vit.model.nn.M3ViTNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every preset's network, by shape inference only (no full-size forward): parameter names and shapes are WeightLayout's, outputs have the image size. */
class PresetShapesTest {

    static List<String> presets() { return Presets.names(); }

    @ParameterizedTest
    @MethodSource("presets")
    void parametersAreTheCheckpointLayoutAndOutputsHaveImageSize(String preset) {
        ModelConfig config = Presets.get(preset);
        try (NDManager manager = NDManager.newBaseManager()) {
            M3ViTNetwork network = new M3ViTNetwork(config);
            network.setInitializer(Initializer.ZEROS, p -> true);
            network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
            Map<String, Parameter> params = CheckpointNames.of(network);
            Map<String, long[]> expected = WeightLayout.expected(config);
            assertThat(new ArrayList<>(params.keySet())).containsExactlyInAnyOrderElementsOf(expected.keySet());
            params.forEach((name, p) -> assertThat(p.getShape().getShape()).as(name).isEqualTo(expected.get(name)));
            for (int t = 0; t < config.numTasks(); t++) {
                Shape out = network.getOutputShapes(new Shape[] {network.inputShape(2)}, t)[0];
                assertThat(out).isEqualTo(new Shape(2, config.tasks().get(t).channels(), config.imageHeight(), config.imageWidth()));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void publishedParameterCountsOfM3vitSNyud() {
        // M3VIT-REFERENCE.md: backbone 43.4 M (experts 28.4 M), 2.67 M per head with C 256
        ParameterCounts counts = ParameterCounts.of(Presets.get("m3vit-s-nyud"));
        assertThat(counts.backbone() / 1e6).isCloseTo(43.4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(counts.experts() / 1e6).isCloseTo(28.4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(counts.perHead().get("semseg") / 1e6).isCloseTo(2.67, org.assertj.core.data.Offset.offset(0.02));
        assertThat(counts.total()).isEqualTo(counts.backbone() + counts.perHead().values().stream().mapToLong(Long::longValue).sum());
    }
}
