package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RenderCommandTest {

    @Test
    void writesSevenFilesPerSceneAndAManifest(@TempDir Path dir) throws Exception {
        CommandLine cl = M3vitCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("render", "--count", "2", "--seed", "40", "--height", "16", "--width", "20", "--out", dir.toString());
        assertThat(code).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2 * 7 + 1);
        }
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("seeds").toString()).isEqualTo("[40,41]");
        assertThat(m.get("height").asInt()).isEqualTo(16);
        assertThat(Files.exists(dir.resolve("scene-41-normals.npy"))).isTrue();
        assertThat(out.toString()).contains("wrote 2 scenes");
    }

    @Test
    void missingOutputDirectoryIsAUsageError() {
        CommandLine cl = M3vitCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("render", "--count", "1")).isNotZero();
        assertThat(err.toString()).contains("--out");
    }
}
