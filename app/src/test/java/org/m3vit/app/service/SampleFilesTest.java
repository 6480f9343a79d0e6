package org.m3vit.app.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.io.Npy;
import org.m3vit.visualizer.output.GroundTruth;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample gallery, its ground-truth files and the remembered settings, on files made here. */
class SampleFilesTest {

    @TempDir
    Path dir;

    private void png(String name, int w, int h, int type) throws Exception {
        ImageIO.write(new BufferedImage(w, h, type), "png", dir.resolve(name).toFile());
    }

    @Test
    void theGalleryListsImagesNotTheirGroundTruthPicturesAndFindsTheTruthFiles() throws Exception {
        png("scene-1.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        png("scene-1-class.png", 8, 4, BufferedImage.TYPE_BYTE_GRAY);
        png("scene-1-class-color.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        png("scene-1-depth.png", 8, 4, BufferedImage.TYPE_USHORT_GRAY);
        png("scene-1-normals.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        Npy.write(dir.resolve("scene-1-depth.npy"), new float[32], 4, 8);
        png("photo.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        png("my-depth.png", 8, 4, BufferedImage.TYPE_INT_RGB); // no "my.png" beside it: a sample of its own
        Files.writeString(dir.resolve("notes.txt"), "not an image");

        List<SampleGallery.Sample> s = SampleGallery.scan(dir);
        assertThat(s).extracting(SampleGallery.Sample::name).containsExactly("my-depth", "photo", "scene-1");
        SampleGallery.Sample scene = s.get(2);
        assertThat(scene.classes()).isEqualTo(dir.resolve("scene-1-class.png"));
        assertThat(scene.depth()).isEqualTo(dir.resolve("scene-1-depth.npy"));
        assertThat(scene.normals()).isNull();
        assertThat(scene.hasTruth()).isTrue();
        assertThat(s.get(1).hasTruth()).isFalse();
        assertThat(SampleGallery.scan(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void theWindowStartsWithTheLastImageElseTheFirstSampleWithTruthElseNothing() throws Exception {
        assertThat(SampleGallery.startImage(List.of(), dir)).isEmpty();
        png("scene-2.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        png("scene-10.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        assertThat(SampleGallery.startImage(List.of(), dir)).contains(dir.resolve("scene-2.png"));
        png("scene-10-class.png", 8, 4, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(SampleGallery.startImage(List.of(), dir)).contains(dir.resolve("scene-10.png"));
        String gone = dir.resolve("deleted.png").toString();
        assertThat(SampleGallery.startImage(List.of(gone, dir.resolve("scene-2.png").toString()), dir))
                .contains(dir.resolve("scene-2.png"));
    }

    @Test
    void groundTruthIsLetterboxedWithItsImageAndThePaddingHasNoTruth() throws Exception {
        // 4 x 2 class image with ids 0..7 into an 8 x 8 input: letterbox scales by 2 -> 8 x 4 at rows 2..5
        BufferedImage cls = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 8; i++) cls.getRaster().setSample(i % 4, i / 4, 0, i);
        ImageIO.write(cls, "png", dir.resolve("w-class.png").toFile());
        png("w.png", 4, 2, BufferedImage.TYPE_INT_RGB);
        Npy.write(dir.resolve("w-depth.npy"), new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
        GroundTruth gt = GroundTruthReader.read(SampleGallery.sampleFor(dir.resolve("w.png")),
                org.m3vit.model.image.ImageFit.LETTERBOX.place(4, 2, 8, 8));
        int[] row = new int[8];
        for (int y = 0; y < 8; y++) {
            System.arraycopy(gt.classes(), y * 8, row, 0, 8);
            int[] expected = y < 2 || y > 5 ? new int[] {-1, -1, -1, -1, -1, -1, -1, -1}
                    : y < 4 ? new int[] {0, 0, 1, 1, 2, 2, 3, 3} : new int[] {4, 4, 5, 5, 6, 6, 7, 7};
            assertThat(row).as("row " + y).containsExactly(expected);
        }
        assertThat(gt.depth()[0]).isNaN();
        assertThat(gt.depth()[2 * 8 + 7]).isEqualTo(4f);
        assertThat(gt.depth()[5 * 8]).isEqualTo(5f);
    }

    @Test
    void groundTruthIsResampledByNearestNeighbourToTheModelSize() throws Exception {
        // 4 x 2 class image: ids 0..7 row-major, 255 = unlabelled at (3, 1)
        BufferedImage cls = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 8; i++) cls.getRaster().setSample(i % 4, i / 4, 0, i == 7 ? 255 : i);
        ImageIO.write(cls, "png", dir.resolve("a-class.png").toFile());
        png("a.png", 4, 2, BufferedImage.TYPE_INT_RGB);
        float[] depth = {1, 2, 3, 4, 5, 6, 7, 8};
        Npy.write(dir.resolve("a-depth.npy"), depth, 2, 4);
        float[] normals = new float[3 * 8];
        for (int i = 0; i < 8; i++) normals[16 + i] = 1f; // z = 1 everywhere
        normals[0] = 1f; normals[16] = 0f;               // pixel (0, 0) faces +x
        Npy.write(dir.resolve("a-normals.npy"), normals, 3, 2, 4);

        GroundTruth gt = GroundTruthReader.read(SampleGallery.sampleFor(dir.resolve("a.png")), 8, 4);
        // output pixel (x, y) samples source (x / 2, y / 2)
        assertThat(gt.classes()).containsExactly(
                0, 0, 1, 1, 2, 2, 3, 3,
                0, 0, 1, 1, 2, 2, 3, 3,
                4, 4, 5, 5, 6, 6, -1, -1,
                4, 4, 5, 5, 6, 6, -1, -1);
        assertThat(gt.depth()[0]).isEqualTo(1f);
        assertThat(gt.depth()[7]).isEqualTo(4f);
        assertThat(gt.depth()[31]).isEqualTo(8f);
        assertThat(gt.normals()[0]).isEqualTo(1f);       // x of (0, 0)
        assertThat(gt.normals()[2 * 32]).isEqualTo(0f);  // z of (0, 0)
        assertThat(gt.normals()[2 * 32 + 2]).isEqualTo(1f);
    }

    @Test
    void aNormalsFileOfTheWrongShapeIsRefusedNamingTheFile() throws Exception {
        png("b.png", 4, 2, BufferedImage.TYPE_INT_RGB);
        Npy.write(dir.resolve("b-normals.npy"), new float[8], 2, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GroundTruthReader.read(SampleGallery.sampleFor(dir.resolve("b.png")), 4, 2))
                .hasMessageContaining("b-normals.npy").hasMessageContaining("3 x H x W").hasMessageContaining("[2, 4]");
    }

    @Test
    void settingsRoundTripAndAnUnreadableFileGivesTheDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"));
        assertThat(store.load()).isEqualTo(Settings.defaults());
        Settings s = Settings.defaults().withWindowSize(1000, 700).withLastFolder("/data").withLastModel("/models/m")
                .withRecent("/a.png").withRecent("/b.png").withRecent("/a.png").withImageFit("crop");
        store.save(s);
        Settings back = store.load();
        assertThat(back).isEqualTo(s);
        assertThat(back.recentFiles()).containsExactly("/a.png", "/b.png");
        assertThat(back.imageFit()).isEqualTo("crop");
        Files.writeString(store.file(), "{\"windowWidth\": 900, \"windowHeight\": 650}"); // written by an earlier version
        assertThat(store.load().imageFit()).isNull();
        Files.writeString(store.file(), "{ broken");
        assertThat(store.load()).isEqualTo(Settings.defaults());
    }

    @Test
    void samplesAreInNaturalOrderSoSceneSevenComesBeforeSceneTen() {
        List<String> names = new java.util.ArrayList<>(List.of("scene-10.png", "scene-7.png", "scene-12.png", "a.png", "scene-9b.png", "scene-9.png"));
        names.sort((a, b) -> SampleGallery.compareNatural(a, b));
        assertThat(names).containsExactly("a.png", "scene-7.png", "scene-9.png", "scene-9b.png", "scene-10.png", "scene-12.png");
    }
}
