package org.m3vit.model.train;

import org.junit.jupiter.api.Test;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.Presets;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The model shipped in model/bundled: made by the default recipe, of the default preset, small enough, trained. */
class BundledModelTest {

    private static final Path DIR = Path.of("..", "bundled", "m3vit-synth");

    @Test
    void itWasTrainedWithTheDefaultRecipe() throws Exception {
        assertThat(TrainConfig.read(DIR.resolve("train-config.json"))).isEqualTo(TrainConfig.defaults());
        assertThat(ConfigJson.read(DIR.resolve("config.json"))).isEqualTo(Presets.get(TrainConfig.defaults().model()));
    }

    @Test
    void itsWeightsStayUnder25MegabytesAndLoadAsTrained() throws Exception {
        assertThat(Files.size(DIR.resolve("model.safetensors"))).isLessThanOrEqualTo(25L * 1024 * 1024);
        try (M3ViTModel m = M3ViTModel.load(DIR)) {
            assertThat(m.isTrained()).isTrue();
            assertThat(m.provenance()).contains("trained " + TrainConfig.defaults().steps() + " steps x "
                    + TrainConfig.defaults().batchSize() + " synthetic scenes (MoE)");
        }
    }
}
