package org.m3vit.app.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.model.ConfigJson;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the "open model" dialog reports for folders that are not models: the message names the file and the problem. */
class DjlModelLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aWeightFileThatIsNotSafetensorsIsRefusedNamingIt() throws Exception {
        ConfigJson.write(FixtureModel.CONFIG, dir.resolve("config.json"));
        Files.writeString(dir.resolve("model.safetensors"), "this is not a weight file");
        assertThatThrownBy(() -> new DjlModelLoader().open(dir.toString()))
                .hasMessageContaining("model.safetensors");
    }

    @Test
    void aFolderWithoutConfigAndAnUnknownNameAreRefused() {
        assertThatThrownBy(() -> new DjlModelLoader().open(dir.toString())).hasMessageContaining("config.json");
        assertThatThrownBy(() -> new DjlModelLoader().open("no-such-preset"))
                .hasMessageContaining("no-such-preset").hasMessageContaining("m3vit-synth");
    }
}
