package org.m3vit.model.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.m3vit.model.image.PngBytes.row;

class ImageLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void greyPngKeepsStoredValuesWithoutGammaChange() throws IOException {
        Path f = write("g.png", new PngBytes().header(2, 1, 8, PngBytes.GREY).pixels(row(77, 255)).end().bytes());
        BufferedImage img = ImageLoader.load(f);
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb(img, 0, 0)).isEqualTo(0x4D4D4D);
        assertThat(rgb(img, 1, 0)).isEqualTo(0xFFFFFF);
    }

    @Test
    void sixteenBitGreyIsRoundedToEightBits() throws IOException {
        // 0x8080 = 32896 -> 32896 * 255 / 65535 = 128; 1000 -> 3.89 -> 4
        Path f = write("g16.png", new PngBytes().header(2, 1, 16, PngBytes.GREY)
                .pixels(row(0x80, 0x80, 1000 >> 8, 1000 & 0xFF)).end().bytes());
        BufferedImage img = ImageLoader.load(f);
        assertThat(rgb(img, 0, 0)).isEqualTo(0x808080);
        assertThat(rgb(img, 1, 0)).isEqualTo(0x040404);
    }

    @Test
    void greyAlphaIsCompositedOverWhite() throws IOException {
        // grey 0 with alpha 128: 0 * 128/255 + 255 * (1 - 128/255) = 127; grey 200 opaque stays 200
        Path f = write("ga.png", new PngBytes().header(2, 1, 8, PngBytes.GREY_ALPHA)
                .pixels(row(0, 128, 200, 255)).end().bytes());
        BufferedImage img = ImageLoader.load(f);
        assertThat(rgb(img, 0, 0)).isEqualTo(0x7F7F7F);
        assertThat(rgb(img, 1, 0)).isEqualTo(0xC8C8C8);
    }

    @Test
    void paletteWithTransparencyUsesPaletteColoursAndWhiteForTransparent() throws IOException {
        Path f = write("p.png", new PngBytes().header(3, 1, 8, PngBytes.PALETTE)
                .palette(0x000000, 0x0A141E, 0xC86432).paletteAlpha(255, 0)
                .pixels(row(0, 1, 2)).end().bytes());
        BufferedImage img = ImageLoader.load(f);
        assertThat(rgb(img, 0, 0)).isEqualTo(0x000000);
        assertThat(rgb(img, 1, 0)).isEqualTo(0xFFFFFF);
        assertThat(rgb(img, 2, 0)).isEqualTo(0xC86432);
    }

    @Test
    void rgbaEightAndSixteenBit() throws IOException {
        // (0, 0, 255, alpha 51 = 0.2): r = g = 255 * 0.8 = 204, b = 255
        Path f8 = write("a8.png", new PngBytes().header(2, 1, 8, PngBytes.RGBA)
                .pixels(row(255, 0, 0, 255, 0, 0, 255, 51)).end().bytes());
        BufferedImage img = ImageLoader.load(f8);
        assertThat(rgb(img, 0, 0)).isEqualTo(0xFF0000);
        assertThat(rgb(img, 1, 0)).isEqualTo(0xCCCCFF);
        // 16-bit: red 0xFFFF, green 0x8080 (-> 128), blue 0, opaque
        Path f16 = write("a16.png", new PngBytes().header(1, 1, 16, PngBytes.RGBA)
                .pixels(row(0xFF, 0xFF, 0x80, 0x80, 0, 0, 0xFF, 0xFF)).end().bytes());
        assertThat(rgb(ImageLoader.load(f16), 0, 0)).isEqualTo(0xFF8000);
    }

    @Test
    void bmpAndGifAreReadExactly() throws IOException {
        // six 8 x 8 blocks (the JDK's GIF writer mangles images of a few pixels, so blocks, not pixels)
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456, 0xFFFFFF, 0x000000};
        byte[] r = new byte[6], g = new byte[6], b = new byte[6];
        for (int i = 0; i < 6; i++) {
            r[i] = (byte) (colours[i] >> 16);
            g[i] = (byte) (colours[i] >> 8);
            b[i] = (byte) colours[i];
        }
        BufferedImage indexed = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 6, r, g, b));
        BufferedImage direct = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                int k = x / 8 + 3 * (y / 8);
                indexed.getRaster().setSample(x, y, 0, k);
                direct.setRGB(x, y, colours[k]);
            }
        }
        Path bmp = dir.resolve("x.bmp");
        assertThat(ImageIO.write(direct, "bmp", bmp.toFile())).isTrue();
        Path gif = dir.resolve("x.gif");
        assertThat(ImageIO.write(indexed, "gif", gif.toFile())).isTrue();
        for (Path f : new Path[] {bmp, gif}) {
            BufferedImage img = ImageLoader.load(f);
            assertThat(img.getWidth()).isEqualTo(24);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 24; x++) {
                    assertThat(rgb(img, x, y)).as(f + " pixel " + x + "," + y).isEqualTo(colours[x / 8 + 3 * (y / 8)]);
                }
            }
        }
    }

    @Test
    void jpegDecodesCloseToItsFlatColour() throws IOException {
        BufferedImage src = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) src.setRGB(x, y, 0x3C78B4);
        Path f = dir.resolve("flat.jpg");
        assertThat(ImageIO.write(src, "jpeg", f.toFile())).isTrue();
        BufferedImage img = ImageLoader.load(f);
        int c = rgb(img, 8, 8);
        assertThat((c >> 16) & 0xFF).isBetween(0x3C - 4, 0x3C + 4);
        assertThat((c >> 8) & 0xFF).isBetween(0x78 - 4, 0x78 + 4);
        assertThat(c & 0xFF).isBetween(0xB4 - 4, 0xB4 + 4);
    }

    @Test
    void missingEmptyAndNonImageFilesAreRefusedNamingTheFile() throws IOException {
        Path missing = dir.resolve("nope.png");
        assertThatThrownBy(() -> ImageLoader.load(missing)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(missing.toString()).hasMessageContaining("not found");
        Path empty = write("empty.png", new byte[0]);
        assertThatThrownBy(() -> ImageLoader.load(empty))
                .hasMessageStartingWith(empty.toString()).hasMessageContaining("empty");
        Path text = write("notes.png", "hello, this is text".getBytes());
        assertThatThrownBy(() -> ImageLoader.load(text))
                .hasMessage(text + ": not a PNG, JPEG, BMP or GIF image");
        assertThatThrownBy(() -> ImageLoader.load(dir))
                .hasMessageStartingWith(dir.toString()).hasMessageContaining("directory");
    }

    @Test
    void truncatedPngIsRefused() throws IOException {
        byte[] full = encode(noise(64, 64), "png");
        Path f = write("cut.png", Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ImageLoader.load(f)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("truncated");
    }

    @Test
    void truncatedJpegIsRefused() throws IOException {
        byte[] full = encode(noise(64, 64), "jpeg");
        // ImageIO decodes this one without an exception, filling the rest with grey, and only warns.
        Path f = write("cut.jpg", Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ImageLoader.load(f)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("truncated");
    }

    @Test
    void corruptPixelDataBehindAValidSignatureIsRefused() throws IOException {
        byte[] bad = new PngBytes().header(4, 4, 8, PngBytes.RGB).compressedPixels(new byte[] {1, 2, 3, 4, 5}).end().bytes();
        Path f = write("bad.png", bad);
        assertThatThrownBy(() -> ImageLoader.load(f)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(f.toString());
    }

    @Test
    void absurdHeaderSizeIsRefusedBeforeDecoding() throws IOException {
        // IHDR claims 50000 x 50000 RGB (7.5 GB decoded, more than the test JVM's heap); the IDAT holds
        // a few rows of zeros. Decoding would run out of memory; the header check refuses first.
        byte[] rows = new byte[4 * (1 + 50_000 * 3)];
        byte[] png = new PngBytes().header(50_000, 50_000, 8, PngBytes.RGB)
                .compressedPixels(PngBytes.deflate(rows)).end().bytes();
        assertThat(png.length).isLessThan(4096);
        Path f = write("huge.png", png);
        assertThatThrownBy(() -> ImageLoader.load(f)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("50000 x 50000").hasMessageContaining("too large");
        assertThatThrownBy(() -> ImageLoader.headerSize(f)).hasMessageContaining("too large");
    }

    @Test
    void pixelCountLimitAppliesBelowTheSideLimit() throws IOException {
        // 10000 x 10000 = 100 M pixels: each side is allowed, the area is not
        Path f = write("wide.png", new PngBytes().header(10_000, 10_000, 8, PngBytes.GREY).end().bytes());
        assertThatThrownBy(() -> ImageLoader.headerSize(f)).hasMessageContaining("too large");
        Path ok = write("ok.png", new PngBytes().header(3, 2, 8, PngBytes.GREY).pixels(row(1, 2, 3), row(4, 5, 6)).end().bytes());
        assertThat(ImageLoader.headerSize(ok)).containsExactly(3, 2);
    }

    private static BufferedImage noise(int w, int h) {
        Random r = new Random(7);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        return img;
    }

    private byte[] encode(BufferedImage img, String format) throws IOException {
        Path tmp = dir.resolve("full." + format);
        assertThat(ImageIO.write(img, format, tmp.toFile())).isTrue();
        return Files.readAllBytes(tmp);
    }
}
