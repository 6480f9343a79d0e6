package org.m3vit.model.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreprocessTest {

    private static BufferedImage image(int w, int h, int... rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }

    private static int grey(int v) { return (v << 16) | (v << 8) | v; }

    private static int red(BufferedImage img, int x, int y) { return (img.getRGB(x, y) >> 16) & 0xFF; }

    private static int green(BufferedImage img, int x, int y) { return (img.getRGB(x, y) >> 8) & 0xFF; }

    @Test
    void cubicKernelHasKeysValuesForMinusThreeQuarters() {
        // (a+2)|x|^3 - (a+3)|x|^2 + 1 inside 1, a|x|^3 - 5a|x|^2 + 8a|x| - 4a between 1 and 2, a = -0.75
        assertThat(Preprocess.cubic(0)).isEqualTo(1.0);
        assertThat(Preprocess.cubic(0.25)).isEqualTo(0.87890625, within(1e-12));
        assertThat(Preprocess.cubic(0.75)).isEqualTo(0.26171875, within(1e-12));
        assertThat(Preprocess.cubic(-1.25)).isEqualTo(-0.10546875, within(1e-12));
        assertThat(Preprocess.cubic(1.75)).isEqualTo(-0.03515625, within(1e-12));
        assertThat(Preprocess.cubic(1.0)).isEqualTo(0.0, within(1e-12));
        assertThat(Preprocess.cubic(2.0)).isEqualTo(0.0);
    }

    @Test
    void constantImageStaysConstantWhenEnlargedOrShrunk() {
        int[] px = new int[7 * 5];
        java.util.Arrays.fill(px, 0x6496C8);
        BufferedImage src = image(7, 5, px);
        for (int[] size : new int[][] {{16, 12}, {3, 2}, {7, 5}}) {
            BufferedImage out = Preprocess.resizeBicubic(src, size[0], size[1]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) assertThat(out.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x6496C8);
            }
        }
    }

    @Test
    void twoTimesUpscaleOfTwoByTwoMatchesHandComputedCubicWeights() {
        // Output d samples source (d + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25; with edge clamping the
        // 1-D weights on the two source pixels are u0 = (1.10546875, -0.10546875), u1 = (0.7734375,
        // 0.2265625), u2 = reversed u1, u3 = reversed u0. For in = [[50, 200], [200, 50]]:
        // out(0,0) = 50 (u0.u0) + 200 (2 u0[0] u0[1]) = 50 * 1.233184814 - 200 * 0.233184814 = 15.02 -> 15
        // out(0,1) = 50 * 0.831115723 + 200 * 0.168884277 = 75.33 -> 75
        // out(1,1) = 50 * 0.649536133 + 200 * 0.350463867 = 102.57 -> 103
        // out(0,3) = -50 * 0.233184814 + 200 * 1.233184814 = 234.98 -> 235
        // Green holds 255 - red so both signs of overshoot are exercised: out(0,0) = 255 - 15.02 -> 240.
        BufferedImage src = image(2, 2,
                (50 << 16) | (205 << 8), (200 << 16) | (55 << 8),
                (200 << 16) | (55 << 8), (50 << 16) | (205 << 8));
        BufferedImage out = Preprocess.resizeBicubic(src, 4, 4);
        int[][] expected = {
                {15, 75, 175, 235},
                {75, 103, 147, 175},
                {175, 147, 103, 75},
                {235, 175, 75, 15}};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(red(out, x, y)).as("red " + x + "," + y).isEqualTo(expected[y][x]);
                assertThat(green(out, x, y)).as("green " + x + "," + y).isEqualTo(255 - expected[y][x]);
                assertThat(out.getRGB(x, y) & 0xFF).isZero();
            }
        }
    }

    @Test
    void overshootIsClampedToTheEightBitRange() {
        // out(0,0) of [[0, 255], [255, 0]] = 255 * (-0.233) < 0 -> 0, out(0,3) = 255 * 1.233 > 255 -> 255
        BufferedImage out = Preprocess.resizeBicubic(image(2, 2, grey(0), grey(255), grey(255), grey(0)), 4, 4);
        assertThat(red(out, 0, 0)).isZero();
        assertThat(red(out, 3, 0)).isEqualTo(255);
    }

    @Test
    void halvingUsesHalfPixelCentresWithoutAntiAliasing() {
        // source positions 0.5 and 2.5, weights (w(1.5), w(0.5), w(0.5), w(1.5)) = (-0.09375, 0.59375, 0.59375, -0.09375)
        // [10, 20, 30, 40] -> 10*(-0.09375 + 0.59375) + 20*0.59375 - 30*0.09375 = 14.0625 -> 14
        //                  -> -20*0.09375 + 30*0.59375 + 40*(0.59375 - 0.09375) = 35.9375 -> 36
        BufferedImage out = Preprocess.resizeBicubic(image(4, 1, grey(10), grey(20), grey(30), grey(40)), 2, 1);
        assertThat(red(out, 0, 0)).isEqualTo(14);
        assertThat(red(out, 1, 0)).isEqualTo(36);
    }

    @Test
    void sameSizeResizeIsTheIdentity() {
        Random r = new Random(3);
        int[] px = new int[9 * 6];
        for (int i = 0; i < px.length; i++) px[i] = r.nextInt(0x1000000);
        BufferedImage out = Preprocess.resizeBicubic(image(9, 6, px), 9, 6);
        assertThat(out.getRGB(0, 0, 9, 6, null, 0, 9)).containsExactly(java.util.Arrays.stream(px).map(p -> p | 0xFF000000).toArray());
    }

    @Test
    void pureRedNormalisesWithImageNetStatisticsInChwOrder() {
        // pixel 0 pure red, pixel 1 pure blue: R plane first, then G, then B
        float[] chw = Preprocess.toChw(image(2, 1, 0xFF0000, 0x0000FF));
        double r1 = (1 - 0.485) / 0.229, r0 = -0.485 / 0.229;   //  2.2489, -2.1179
        double g0 = -0.456 / 0.224;                              // -2.0357
        double b1 = (1 - 0.406) / 0.225, b0 = -0.406 / 0.225;   //  2.6400, -1.8044
        assertThat(chw).hasSize(6);
        assertThat((double) chw[0]).isEqualTo(r1, within(1e-6));
        assertThat((double) chw[1]).isEqualTo(r0, within(1e-6));
        assertThat((double) chw[2]).isEqualTo(g0, within(1e-6));
        assertThat((double) chw[3]).isEqualTo(g0, within(1e-6));
        assertThat((double) chw[4]).isEqualTo(b0, within(1e-6));
        assertThat((double) chw[5]).isEqualTo(b1, within(1e-6));
        assertThat(r1).isEqualTo(2.2489, within(1e-4));
    }

    @Test
    void inverseRestoresTheEightBitImage() {
        Random r = new Random(5);
        int[] px = new int[5 * 4];
        for (int i = 0; i < px.length; i++) px[i] = r.nextInt(0x1000000);
        BufferedImage src = image(5, 4, px);
        BufferedImage back = Preprocess.fromChw(Preprocess.toChw(src), 4, 5);
        assertThat(back.getRGB(0, 0, 5, 4, null, 0, 5)).containsExactly(src.getRGB(0, 0, 5, 4, null, 0, 5));
    }

    @Test
    void preparedImageHoldsModelSizedPictureAndItsFloats() {
        int[] px = new int[6 * 4];
        java.util.Arrays.fill(px, 0xFF0000);
        PreparedImage p = Preprocess.prepare(Path.of("red.png"), image(6, 4, px), 32, 48);
        assertThat(p.width()).isEqualTo(48);
        assertThat(p.height()).isEqualTo(32);
        assertThat(p.original().getWidth()).isEqualTo(6);
        assertThat(p.chw()).hasSize(3 * 32 * 48);
        assertThat((double) p.chw()[32 * 48 - 1]).isEqualTo((1 - 0.485) / 0.229, within(1e-6));
    }
}
