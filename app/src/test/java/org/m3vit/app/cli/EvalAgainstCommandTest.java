package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code eval --against}: the JSON's changes are the difference of two plain {@code eval} runs on the same scenes; bad pairs are refused in one line. */
class EvalAgainstCommandTest {

    @TempDir
    static Path dir;

    static Path moe;
    static Path dense;
    static Path wide;

    @BeforeAll
    static void models() throws IOException {
        List<TaskSpec> tasks = List.of(new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels()),
                TaskSpec.of("depth", TaskKind.DEPTH, 1), TaskSpec.of("normals", TaskKind.NORMALS, 3));
        moe = save(new ModelConfig("against-moe", 32, 48, 16, 16, 2, 2, 32, List.of(1), 4, 2, 16, 8, tasks, "tiny MoE"), 5, "moe");
        dense = save(new ModelConfig("against-dense", 32, 48, 16, 16, 2, 2, 32, List.of(), 4, 2, 16, 8, tasks, "tiny dense"), 6, "dense");
        wide = save(new ModelConfig("against-wide", 32, 64, 16, 16, 2, 2, 32, List.of(1), 4, 2, 16, 8, tasks, "tiny, wider"), 7, "wide");
    }

    private static Path save(ModelConfig c, long seed, String name) throws IOException {
        Path d = dir.resolve(name);
        try (M3ViTModel m = M3ViTModel.random(c, seed)) {
            m.save(d);
        }
        return d;
    }

    @Test
    void changesAreTheDifferenceOfTwoEvaluations() throws IOException {
        Path cmp = dir.resolve("cmp.json"), a = dir.resolve("a.json"), b = dir.resolve("b.json");
        InferCommandTest.Run r = InferCommandTest.run("eval", "--model", moe.toString(), "--against", dense.toString(), "--count", "3",
                "--seed", "11", "--threads", "1", "--json", cmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("against-moe against against-dense on the same 3 scenes from seed 11")
                .contains("semseg mIoU").contains("change (paired 95% interval)").contains("significant");
        assertThat(InferCommandTest.run("eval", "--model", moe.toString(), "--count", "3", "--seed", "11", "--json", a.toString()).code()).isZero();
        assertThat(InferCommandTest.run("eval", "--model", dense.toString(), "--count", "3", "--seed", "11", "--json", b.toString()).code()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode c = json.readTree(cmp.toFile()), ja = json.readTree(a.toFile()), jb = json.readTree(b.toFile());
        for (String[] m : new String[][] {{"semseg", "mIoU"}, {"depth", "absRel"}, {"depth", "siLog"}, {"normals", "meanAngleDeg"}}) {
            double expected = ja.get(m[0]).get(m[1]).asDouble() - jb.get(m[0]).get(m[1]).asDouble();
            assertThat(c.get("changes").get(m[0]).get(m[1]).asDouble()).as(m[0] + "." + m[1]).isCloseTo(expected, within(1e-9));
            assertThat(c.get("changes").get(m[0]).get(m[1] + "_ci95")).hasSize(2);
            assertThat(c.get("changes").get(m[0]).get(m[1] + "_significant").isBoolean()).isTrue();
        }
        assertThat(c.get("model").get("name").asText()).isEqualTo("against-moe");
        assertThat(c.get("reference").get("metrics").get("depth").get("absRel").asDouble()).isEqualTo(jb.get("depth").get("absRel").asDouble());
        assertThat(c.get("scenes").asInt()).isEqualTo(3);
    }

    @Test
    void unlikeModelsAndEmulatedArithmeticAreRefusedInOneLine() {
        Path never = dir.resolve("never.json");
        InferCommandTest.Run size = InferCommandTest.run("eval", "--model", moe.toString(), "--against", wide.toString(), "--count", "2",
                "--json", never.toString());
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err().strip()).isEqualTo("error: against-moe takes 32x48 images and against-wide 32x64: models are compared on the same"
                + " scenes at one size");
        InferCommandTest.Run board = InferCommandTest.run("eval", "--model", moe.toString(), "--against", dense.toString(), "--count", "2",
                "--arithmetic", "board", "--json", never.toString());
        assertThat(board.code()).isEqualTo(2);
        assertThat(board.err().strip()).isEqualTo("error: --against compares two models in float32; leave out --arithmetic and --compare-float");
        assertThat(never).doesNotExist();
    }
}
