package org.m3vit.visualizer.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;
import org.m3vit.visualizer.color.ColorMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputImagesTest {

    @TempDir
    Path dir;

    private static int rgb(BufferedImage img, int x, int y) { return img.getRGB(x, y) & 0xFFFFFF; }

    @Test
    void segmentationOfSceneClassesUsesTheirColoursAndBlackOutsideThePalette() {
        TaskSpec task = new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels());
        BufferedImage img = OutputImages.segmentation(new int[] {0, 7, 99}, 3, 1, task);
        assertThat(rgb(img, 0, 0)).isEqualTo(0x8C6D4F);   // floor
        assertThat(rgb(img, 1, 0)).isEqualTo(0x2E8B57);   // chair
        assertThat(rgb(img, 2, 0)).isZero();
    }

    @Test
    void segmentationWithOtherLabelsUsesGoldenAngleHues() {
        // class 0: hue 0, s 0.65, b 0.95 -> r = 0.95 * 255 = 242, g = b = 0.95 * 0.35 * 255 = 84.8 -> 85
        TaskSpec task = TaskSpec.of("parts", TaskKind.SEGMENTATION, 7);
        BufferedImage img = OutputImages.segmentation(new int[] {0, 1, 2, 3, 4, 5, 6}, 7, 1, task);
        assertThat(rgb(img, 0, 0)).isEqualTo(0xF25555);
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (int x = 0; x < 7; x++) distinct.add(rgb(img, x, 0));
        assertThat(distinct).hasSize(7);
    }

    @Test
    void depthRunsThroughTheColourMapOverTheRange() {
        BufferedImage img = OutputImages.scalar(new float[] {2, 4, 6, Float.NaN}, 2, 2, ColorMap.MAGMA, 2, 6);
        assertThat(img.getRGB(0, 0)).isEqualTo(ColorMap.MAGMA.argb(0));
        assertThat(img.getRGB(1, 0)).isEqualTo(ColorMap.MAGMA.lut()[128]);    // 0.5 * 255 = 127.5 -> 128
        assertThat(img.getRGB(0, 1)).isEqualTo(ColorMap.MAGMA.argb(1));
        assertThat(rgb(img, 1, 1)).isZero();
    }

    @Test
    void normalsAreEncodedAsHalfPlusHalf() {
        // (0,0,1) -> (127.5, 127.5, 255) -> (128, 128, 255); (-1,0,0) -> (0, 128, 128)
        BufferedImage img = OutputImages.normals(new float[] {0, -1, 0, 0, 1, 0}, 2, 1);
        assertThat(rgb(img, 0, 0)).isEqualTo(0x8080FF);
        assertThat(rgb(img, 1, 0)).isEqualTo(0x008080);
    }

    @Test
    void renderPostProcessesRawOutputsByKind() {
        // raw normals (0, 0, 5) must be normalised before encoding
        TaskOutput normals = new TaskOutput(TaskSpec.of("normals", TaskKind.NORMALS, 3), 3, 1, 1, new float[] {0, 0, 5});
        assertThat(rgb(OutputImages.render(normals, ColorMap.VIRIDIS), 0, 0)).isEqualTo(0x8080FF);
        // logit 0 -> sigmoid 0.5 -> grey 128; logit -inf-ish -> 0
        TaskOutput edge = new TaskOutput(TaskSpec.of("edge", TaskKind.PROBABILITY, 1), 1, 1, 2, new float[] {0, -50});
        BufferedImage e = OutputImages.render(edge, ColorMap.VIRIDIS);
        assertThat(rgb(e, 0, 0)).isEqualTo(0x808080);
        assertThat(rgb(e, 1, 0)).isZero();
        // segmentation: argb of the argmax class
        TaskSpec seg = TaskSpec.of("semseg", TaskKind.SEGMENTATION, 2);
        TaskOutput s = new TaskOutput(seg, 2, 1, 1, new float[] {0.1f, 0.9f});
        assertThat(rgb(OutputImages.render(s, ColorMap.VIRIDIS), 0, 0)).isEqualTo(rgb(OutputImages.segmentation(new int[] {1}, 1, 1, seg), 0, 0));
        // depth stretched over its own min..max
        TaskOutput d = new TaskOutput(TaskSpec.of("depth", TaskKind.DEPTH, 1), 1, 1, 2, new float[] {1, 3});
        BufferedImage di = OutputImages.render(d, ColorMap.VIRIDIS);
        assertThat(di.getRGB(0, 0)).isEqualTo(ColorMap.VIRIDIS.argb(0));
        assertThat(di.getRGB(1, 0)).isEqualTo(ColorMap.VIRIDIS.argb(1));
    }

    @Test
    void pngRoundTripsAndSizeMismatchIsAnError() throws IOException {
        BufferedImage img = OutputImages.normals(new float[] {0, -1, 0, 0, 1, 0}, 2, 1);
        Path f = dir.resolve("a/b/n.png");
        OutputImages.writePng(img, f);
        assertThat(Files.size(f)).isPositive();
        BufferedImage back = ImageIO.read(f.toFile());
        assertThat(rgb(back, 0, 0)).isEqualTo(0x8080FF);
        assertThat(rgb(back, 1, 0)).isEqualTo(0x008080);
        assertThatThrownBy(() -> OutputImages.probability(new float[3], 2, 2)).hasMessageContaining("3 pixels for a 2 x 2 image");
    }

    @Test
    void thePixelArraysTheWindowShowsAreTheFilesPicturesOpaque() {
        TaskSpec seg = new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels());
        int[] classes = {0, 7, 99, 3, -1, 12};
        assertSame(OutputImages.segmentationArgb(classes, 3, 2, seg), OutputImages.segmentation(classes, 3, 2, seg));
        float[] depth = {0.5f, 1.5f, Float.NaN, 3f, 7.25f, 10f};
        assertSame(OutputImages.scalarArgb(depth, 3, 2, ColorMap.MAGMA, 0.5, 10),
                OutputImages.scalar(depth, 3, 2, ColorMap.MAGMA, 0.5, 10));
        float[] normals = {1, 0, -1, 0.5f, 0, 0, 0, 1, 0, -0.5f, 0, 0, 0, 0, 0, 0.7f, -1, Float.NaN};
        assertSame(OutputImages.normalsArgb(normals, 3, 2), OutputImages.normals(normals, 3, 2));
    }

    private static void assertSame(int[] argb, BufferedImage img) {
        for (int i = 0; i < argb.length; i++) {
            assertThat(argb[i] >>> 24).as("opaque").isEqualTo(0xFF);
            assertThat(argb[i] & 0xFFFFFF).as("pixel " + i).isEqualTo(rgb(img, i % img.getWidth(), i / img.getWidth()));
        }
    }
}
