package org.m3vit.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.image.Preprocess;
import org.m3vit.model.io.Npy;
import org.m3vit.model.io.RoutingTraceJson;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.render.OutputImages;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: a tiny config with random weights over a folder holding two images, one broken file and a text file. */
class InferCommandTest {

    @TempDir
    static Path dir;

    static ModelConfig config;
    static Path configFile;
    static Path images;

    @BeforeAll
    static void files() throws IOException {
        config = new ModelConfig("tiny-test", 32, 48, 16, 16, 2, 2, 32, List.of(1), 4, 2, 16, 8,
                List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 3), TaskSpec.of("depth", TaskKind.DEPTH, 1),
                        TaskSpec.of("normals", TaskKind.NORMALS, 3)), "tiny config for the infer test");
        configFile = dir.resolve("tiny.json");
        ConfigJson.write(config, configFile);
        images = Files.createDirectories(dir.resolve("images"));
        BufferedImage a = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) a.setRGB(x, y, (x * 6 << 16) | (y * 8 << 8) | 90);
        ImageIO.write(a, "png", images.resolve("a.png").toFile());
        ImageIO.write(a, "jpeg", images.resolve("b.jpg").toFile());
        byte[] png = Files.readAllBytes(images.resolve("a.png"));
        Files.write(images.resolve("broken.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(images.resolve("notes.txt"), "not an image");
    }

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = org.m3vit.app.cli.M3vitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void folderWithABadFileProcessesTheRestAndFails() throws IOException {
        Path out = dir.resolve("out-folder");
        Run r = run("infer", "--model", configFile.toString(), "--task", "all", "--input", images.toString(),
                "--out", out.toString(), "--seed", "7", "--csv");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("skipping notes.txt")
                .containsPattern("\\[1/3\\] a\\.png \\.\\.\\. ok")
                .containsPattern("\\[2/3\\] b\\.jpg \\.\\.\\. ok")
                .contains("[3/3] broken.png ... FAILED")
                .contains("2 of 3 images done");
        assertThat(r.err()).contains("random weights, seed 7")
                .contains(images.resolve("broken.png") + ": truncated")
                .contains("1 of 3 failed: broken.png");
        for (String stem : List.of("a", "b")) {
            for (TaskSpec t : config.tasks()) {
                String base = stem + "-" + t.name();
                BufferedImage pic = ImageIO.read(out.resolve(base + ".png").toFile());
                assertThat(pic.getWidth()).isEqualTo(48);
                assertThat(pic.getHeight()).isEqualTo(32);
                Npy.Array npy = Npy.read(out.resolve(base + ".npy"));
                assertThat(npy.shape()).containsExactly(t.channels(), 32, 48);
                RoutingTrace trace = RoutingTraceJson.read(out.resolve(base + "-routing.json"));
                assertThat(trace.task()).isEqualTo(t.name());
                assertThat(trace.layers()).hasSize(1);
                assertThat(Files.readAllLines(out.resolve(base + "-routing.csv"))).hasSize(1 + (2 * 3 + 1) * 2);
            }
        }
        assertThat(out.resolve("broken-semseg.png")).doesNotExist();
    }

    @Test
    void filesHoldExactlyWhatTheModelComputes() throws IOException {
        Path out = dir.resolve("out-single");
        Path image = images.resolve("a.png");
        Run r = run("infer", "--model", configFile.toString(), "--task", "depth,semseg", "--input", image.toString(),
                "--out", out.toString(), "--seed", "7");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("a-normals.png")).doesNotExist();
        // the oracle: the same random model (seed 7) run directly on the same prepared image
        try (M3ViTModel model = M3ViTModel.random(config, 7)) {
            InferenceResult expected = model.infer(Preprocess.prepare(image, config).chw(), List.of("depth", "semseg"));
            for (String task : List.of("depth", "semseg")) {
                TaskOutput o = expected.output(task);
                assertThat(Npy.read(out.resolve("a-" + task + ".npy")).data()).containsExactly(o.data());
                BufferedImage pic = ImageIO.read(out.resolve("a-" + task + ".png").toFile());
                BufferedImage want = OutputImages.render(o, ColorMap.VIRIDIS);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 48; x++) assertThat(pic.getRGB(x, y)).isEqualTo(want.getRGB(x, y));
                }
                RoutingTrace trace = RoutingTraceJson.read(out.resolve("a-" + task + "-routing.json"));
                assertThat(trace.layers().get(0).experts()).isDeepEqualTo(expected.trace(task).layers().get(0).experts());
            }
        }
    }

    @Test
    void anImageOfAnotherShapeIsFittedAsAskedAndTheRunSaysHow() throws IOException {
        Path image = images.resolve("a.png"); // 40 x 30 into 48 x 32
        Path out = dir.resolve("out-crop");
        Run r = run("infer", "--model", configFile.toString(), "--task", "depth", "--input", image.toString(),
                "--out", out.toString(), "--seed", "7", "--fit", "crop");
        assertThat(r.code()).as(r.err()).isZero();
        // crop: scale max(48/40, 32/30) = 1.2 -> the middle 40 x 27 of the image (rows 1 .. 27)
        assertThat(r.out()).contains("40x30 centre-cropped to 40x27, scaled to 48x32");
        try (M3ViTModel model = M3ViTModel.random(config, 7)) {
            float[] want = model.infer(Preprocess.prepare(image, config, org.m3vit.model.image.ImageFit.CROP).chw(), List.of("depth"))
                    .output("depth").data();
            assertThat(Npy.read(out.resolve("a-depth.npy")).data()).containsExactly(want);
        }
        Run bad = run("infer", "--model", configFile.toString(), "--input", image.toString(), "--out", out.toString(), "--fit", "zoom");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("unknown image fit 'zoom': use letterbox, crop or stretch");
    }

    @Test
    void unknownTaskAndMissingInputAreUsageErrors() {
        Run badTask = run("infer", "--model", configFile.toString(), "--task", "edges", "--input", images.toString(),
                "--out", dir.resolve("x").toString());
        assertThat(badTask.code()).isEqualTo(2);
        assertThat(badTask.err()).contains("no task 'edges'").contains("[semseg, depth, normals]");
        Run missing = run("infer", "--model", configFile.toString(), "--input", dir.resolve("none").toString(),
                "--out", dir.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains(dir.resolve("none") + ": input file or folder not found");
    }

    @Test
    void interventionOptionsChangeTheRoutingAsTheModelDoesAndTheJsonSaysWhat() throws IOException {
        Path image = images.resolve("a.png");
        float[] chw = Preprocess.prepare(image, config).chw();
        try (M3ViTModel model = M3ViTModel.random(config, 7)) {
            RoutingTrace plain = model.infer(chw, List.of("semseg")).trace("semseg");
            int[] usage = plain.layers().get(0).tokensPerExpert();
            int most = 0;
            for (int e = 1; e < usage.length; e++) if (usage[e] > usage[most]) most = e;
            int forced = (most + 1) % 4;
            Path out = dir.resolve("out-intervened");
            Run r = run("infer", "--model", configFile.toString(), "--task", "semseg,normals", "--input", image.toString(),
                    "--out", out.toString(), "--seed", "7", "--disable-expert", "1:" + most, "--force-expert", "all:" + forced,
                    "--tokens", "2,4-5", "--gates-of", "depth", "--csv");
            assertThat(r.code()).as(r.err()).isZero();
            String described = "block 1: E" + most + " off; all MoE blocks: E" + forced + " forced on tokens 2,4-5; gates of depth";
            assertThat(r.out()).contains("intervention: " + described);
            org.m3vit.model.RoutingIntervention iv = new org.m3vit.model.RoutingIntervention(
                    List.of(new org.m3vit.model.RoutingIntervention.ExpertOff(1, most)),
                    List.of(new org.m3vit.model.RoutingIntervention.ExpertForced(-1, forced, org.m3vit.model.TokenSelection.of(2, 4, 5))), "depth");
            InferenceResult expected = model.infer(chw, List.of("semseg", "normals"), iv);
            for (String task : List.of("semseg", "normals")) {
                assertThat(Npy.read(out.resolve("a-" + task + ".npy")).data()).containsExactly(expected.output(task).data());
                RoutingTrace trace = RoutingTraceJson.read(out.resolve("a-" + task + "-routing.json"));
                assertThat(trace.intervention()).isEqualTo(iv);
                assertThat(trace.intervention().describe()).isEqualTo(described);
                assertThat(trace.layers().get(0).experts()).isDeepEqualTo(expected.trace(task).layers().get(0).experts());
                for (int t = 0; t < trace.numTokens(); t++) {
                    assertThat(trace.layers().get(0).experts()[t]).doesNotContain(most);
                    if (t == 2 || t == 4 || t == 5) assertThat(trace.layers().get(0).experts()[t][0]).isEqualTo(forced);
                }
            }
            assertThat(Npy.read(out.resolve("a-semseg.npy")).data()).isNotEqualTo(model.infer(chw, List.of("semseg")).output("semseg").data());
        }
    }
}
