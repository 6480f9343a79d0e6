package org.m3vit.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening models by preset, directory and the bundled default. */
class ModelsTest {

    @TempDir
    Path home;

    private final String previousHome = System.getProperty("m3vit.home");

    @AfterEach
    void restoreHome() {
        if (previousHome == null) System.clearProperty("m3vit.home");
        else System.setProperty("m3vit.home", previousHome);
    }

    @Test
    void presetNameGivesUntrainedRandomWeightsFromTheSeed() throws IOException {
        try (M3ViTModel m = Models.open("m3vit-synth", 5)) {
            assertThat(m.isTrained()).isFalse();
            assertThat(m.provenance()).isEqualTo("random weights, seed 5 (untrained)");
            assertThat(m.config()).isEqualTo(Presets.get("m3vit-synth"));
        }
    }

    @Test
    void defaultFallsBackToRandomSynthAndLoadsTheBundledDirectoryOnceItHoldsWeights() throws IOException {
        System.setProperty("m3vit.home", home.toString());
        assertThat(Models.bundledDirectory()).isEqualTo(home.resolve("model/bundled/m3vit-synth"));
        try (M3ViTModel fallback = Models.openDefault()) {
            assertThat(fallback.isTrained()).isFalse();
            assertThat(fallback.provenance()).isEqualTo("random weights, seed 42 (untrained)");
            fallback.markTrained("trained for the test");
            fallback.save(Models.bundledDirectory());
        }
        try (M3ViTModel bundled = Models.openDefault()) {
            assertThat(bundled.isTrained()).isTrue();
            assertThat(bundled.provenance()).isEqualTo(Models.bundledDirectory() + ": trained for the test");
        }
    }

    @Test
    void unknownNameIsAnError() {
        assertThatThrownBy(() -> Models.open("no-such-model", 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-model").hasMessageContaining("m3vit-synth");
    }
}
