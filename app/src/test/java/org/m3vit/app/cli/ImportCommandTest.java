package org.m3vit.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code m3vit import} on the real PyTorch 1.13 fixture of the model module, and its error exits. */
class ImportCommandTest {

    private static final Path FIXTURE = Path.of("../model/core/src/test/resources/checkpoint/torch-1.13").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = M3vitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void importsTheRankDirectoryAndPrintsTheReport() throws Exception {
        Path outDir = tmp.resolve("model");
        int code = run("import", "--checkpoint", FIXTURE.resolve("ranks").toString(),
                "--config", FIXTURE.resolve("config.json").toString(), "--out", outDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 rank files", "epoch 7", "tensors imported: 112", // backbone 4 + 4x8 + 2x4 (dense) + 2x6 (MoE: 2 gates + 4 experts), heads 2x28

                "ignored keys (training only): 9", "entries not read: epoch, backbone, best_result, optimizer",
                "numpy.core.multiarray.scalar");
        Map<String, Tensor> w = Safetensors.read(outDir.resolve("model.safetensors"));
        assertThat(w.get("backbone.blocks.1.mlp.experts.htoh4.weight").shape()).containsExactly(4, 16, 8);
        assertThat(ConfigJson.read(outDir.resolve("config.json")).name()).isEqualTo("torch-reference-tiny");
    }

    @Test
    void configMismatchExitsNonZeroNamingTheValue() {
        int code = run("import", "--checkpoint", FIXTURE.resolve("ranks").toString(), "--config", "m3vit-synth",
                "--out", tmp.resolve("m").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("ranks: does not match config m3vit-synth", "embedDim: checkpoint has 8, config m3vit-synth says 128");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void notACheckpointExitsNonZeroNamingTheFile() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.pth"), "not a checkpoint");
        int code = run("import", "--checkpoint", junk.toString(), "--config", "m3vit-synth", "--out", tmp.resolve("m").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("junk.pth", "is not a PyTorch checkpoint");
    }
}
