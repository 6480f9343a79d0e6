package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.board.BoardArithmetic;
import org.m3vit.model.board.EmulatedModel;
import org.m3vit.model.data.SceneClass;
import org.m3vit.model.image.Preprocess;
import org.m3vit.model.io.Npy;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code infer} and {@code eval} with {@code --arithmetic}: the files hold the emulated model's outputs, bad options are refused in one line. */
class BoardArithmeticCommandTest {

    @TempDir
    static Path dir;

    static ModelConfig config;
    static Path configFile;
    static Path modelDir;
    static Path image;

    @BeforeAll
    static void files() throws IOException {
        config = new ModelConfig("board-test", 32, 48, 16, 16, 2, 2, 32, List.of(1), 4, 2, 16, 8,
                List.of(new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels()),
                        TaskSpec.of("depth", TaskKind.DEPTH, 1), TaskSpec.of("normals", TaskKind.NORMALS, 3)), "tiny config");
        configFile = dir.resolve("tiny.json");
        ConfigJson.write(config, configFile);
        modelDir = dir.resolve("model");
        try (M3ViTModel m = M3ViTModel.random(config, 9)) {
            m.save(modelDir);
        }
        BufferedImage a = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) a.setRGB(x, y, (x * 5 << 16) | (y * 7 << 8) | 120);
        image = dir.resolve("a.png");
        ImageIO.write(a, "png", image.toFile());
    }

    @Test
    void inferWritesTheEmulatedModelsOutputs() throws IOException {
        Path out = dir.resolve("infer-board");
        InferCommandTest.Run r = InferCommandTest.run("infer", "--model", configFile.toString(), "--seed", "7", "--input", image.toString(),
                "--out", out.toString(), "--arithmetic", "board");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("backbone in board arithmetic, heads float32");
        try (M3ViTModel m = M3ViTModel.random(config, 7)) {
            float[] chw = Preprocess.prepare(image, config).chw();
            float[] board = new EmulatedModel(m, new BoardArithmetic()).infer(chw, List.of("depth")).output("depth").data();
            TaskOutput float32 = m.infer(chw, List.of("depth")).output("depth");
            float[] written = Npy.read(out.resolve("a-depth.npy")).data();
            assertThat(written).containsExactly(board);
            assertThat(written).isNotEqualTo(float32.data());
        }
        assertThat(out.resolve("a-semseg-routing.json")).exists();
    }

    @Test
    void unknownArithmeticIsRefusedBeforeAnyWork() {
        Path out = dir.resolve("never");
        InferCommandTest.Run r = InferCommandTest.run("infer", "--model", configFile.toString(), "--input", image.toString(),
                "--out", out.toString(), "--arithmetic", "int8");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --arithmetic: unknown arithmetic 'int8'; known: float32, board, board-wide-patch");
        assertThat(out).doesNotExist();
        InferCommandTest.Run e = InferCommandTest.run("eval", "--model", modelDir.toString(), "--count", "1", "--compare-float",
                "--json", dir.resolve("never.json").toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err().strip()).isEqualTo("error: --compare-float compares an emulated arithmetic with float32; add --arithmetic board or board-wide-patch");
        InferCommandTest.Run i = InferCommandTest.run("infer", "--model", configFile.toString(), "--input", image.toString(),
                "--out", out.toString(), "--arithmetic", "board", "--disable-expert", "1:0");
        assertThat(i.code()).isEqualTo(2);
        assertThat(i.err().strip()).isEqualTo("error: --arithmetic board: routing interventions (--disable-expert, --force-expert,"
                + " --tokens, --gates-of) run in float32 arithmetic only");
        assertThat(out).doesNotExist();
    }

    @Test
    void evalComparesAndEvaluatesInBoardArithmetic() throws IOException {
        Path compare = dir.resolve("compare.json");
        InferCommandTest.Run r = InferCommandTest.run("eval", "--model", modelDir.toString(), "--count", "2", "--seed", "3",
                "--arithmetic", "board", "--compare-float", "--threads", "1", "--json", compare.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode c = new ObjectMapper().readTree(compare.toFile());
        assertThat(c.get("arithmetic").asText()).isEqualTo("board");
        assertThat(c.get("layers")).hasSize(1 + 2 * config.depth());
        assertThat(c.get("layers").get(0).get("layer").asText()).isEqualTo("patch_embed");
        assertThat(c.get("outputs").get("semseg").get("classes")).hasSize(SceneClass.values().length);
        assertThat(c.get("routing").get("normals").get(0).get("block").asInt()).isEqualTo(1);
        assertThat(c.get("metrics").get("float32").get("semseg").has("mIoU_ci95")).isTrue();
        assertThat(c.get("metrics").get("board").get("depth").has("absRel")).isTrue();
        assertThat(c.get("formats").get("activations").asText()).isEqualTo("ap_fixed<32,10>");

        Path eval = dir.resolve("eval.json");
        InferCommandTest.Run e = InferCommandTest.run("eval", "--model", modelDir.toString(), "--count", "2", "--seed", "3",
                "--arithmetic", "board", "--json", eval.toString());
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(eval.toFile());
        assertThat(j.get("arithmetic").asText()).isEqualTo("board");
        assertThat(j.get("depth").get("absRel").asDouble())
                .isEqualTo(c.get("metrics").get("board").get("depth").get("absRel").asDouble());
        assertThat(Files.size(eval)).isPositive();
    }
}
