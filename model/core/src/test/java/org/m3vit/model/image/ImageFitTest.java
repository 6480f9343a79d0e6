package org.m3vit.model.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Letterbox, crop and stretch placements checked against sizes worked out by hand. */
class ImageFitTest {

    @Test
    void aPortraitIsLetterboxedCroppedOrStretchedAsWorkedOutByHand() {
        // 480 x 1200 into 160 x 128: letterbox scale min(160/480, 128/1200) = 0.10667 -> 51.2 x 128, centred at x (160 - 51) / 2 = 54
        ImageFit.Placement box = ImageFit.LETTERBOX.place(480, 1200, 160, 128);
        assertThat(new int[] {box.dstX(), box.dstY(), box.dstW(), box.dstH()}).containsExactly(54, 0, 51, 128);
        assertThat(new int[] {box.srcX(), box.srcY(), box.srcW(), box.srcH()}).containsExactly(0, 0, 480, 1200);
        assertThat(box.isPadding(53, 10)).isTrue();
        assertThat(box.isPadding(54, 10)).isFalse();
        assertThat(box.isPadding(105, 10)).isTrue();
        assertThat(box.describe(ImageFit.LETTERBOX)).isEqualTo("480x1200 letterboxed: scaled to 51x128, padded to 160x128");
        // crop scale max(1/3, 0.10667) = 1/3 -> the middle 480 x 384 of the image, rows 408 .. 791
        ImageFit.Placement crop = ImageFit.CROP.place(480, 1200, 160, 128);
        assertThat(new int[] {crop.srcX(), crop.srcY(), crop.srcW(), crop.srcH()}).containsExactly(0, 408, 480, 384);
        assertThat(new int[] {crop.dstX(), crop.dstY(), crop.dstW(), crop.dstH()}).containsExactly(0, 0, 160, 128);
        assertThat(crop.imageFractionY(0)).isEqualTo((408 + 0.5 * 3) / 1200, within(1e-12));
        ImageFit.Placement stretch = ImageFit.STRETCH.place(480, 1200, 160, 128);
        assertThat(stretch.isExact()).isFalse();
        assertThat(stretch.describe(ImageFit.STRETCH)).isEqualTo("480x1200 stretched to 160x128 (aspect ratio not kept)");
    }

    @Test
    void anImageOfTheModelsShapeIsOnlyScaledAndATinyOneSaysItIsEnlarged() {
        for (ImageFit f : ImageFit.values()) {
            ImageFit.Placement p = f.place(320, 256, 160, 128);
            assertThat(p.isExact()).as(f.name()).isTrue();
            assertThat(p.needsNotice()).isFalse();
            assertThat(p.describe(f)).isEqualTo("320x256 scaled to 160x128");
        }
        ImageFit.Placement tiny = ImageFit.LETTERBOX.place(20, 20, 160, 128);
        assertThat(tiny.dstW()).isEqualTo(128);
        assertThat(tiny.needsNotice()).isTrue();
        assertThat(tiny.describe(ImageFit.LETTERBOX))
                .isEqualTo("20x20 letterboxed: scaled to 128x128, padded to 160x128 (enlarged 6.4x: the model sees interpolated pixels)");
    }

    @Test
    void letterboxPaddingNormalisesToTheMeanAndTheImagePartIsTheBicubicResizeOfTheWhole() {
        int[] red = new int[40 * 10];
        Arrays.fill(red, 0xFF0000);
        BufferedImage src = new BufferedImage(40, 10, BufferedImage.TYPE_INT_RGB);
        src.setRGB(0, 0, 40, 10, red, 0, 40);
        PreparedImage p = Preprocess.prepare(Path.of("wide.png"), src, 16, 16, ImageFit.LETTERBOX);
        // 40 x 10 -> 16 x 4 at rows 6..9
        assertThat(p.placement().dstY()).isEqualTo(6);
        assertThat(p.placement().dstH()).isEqualTo(4);
        float[] chw = p.chw();
        int plane = 16 * 16;
        for (int c = 0; c < 3; c++) {
            int padValue = (Preprocess.PAD_RGB >> (16 - 8 * c)) & 0xFF;
            double padded = (padValue / 255.0 - Preprocess.MEAN[c]) / Preprocess.STD[c];
            assertThat(Math.abs(padded)).as("mean colour normalises to almost 0").isLessThan(0.01);
            assertThat((double) chw[c * plane + 5 * 16 + 3]).isEqualTo(padded, within(1e-6));
            assertThat((double) chw[c * plane + 10 * 16 + 3]).isEqualTo(padded, within(1e-6));
        }
        BufferedImage part = Preprocess.resizeBicubic(src, 16, 4);
        assertThat(p.resized().getRGB(0, 6, 16, 4, null, 0, 16)).containsExactly(part.getRGB(0, 0, 16, 4, null, 0, 16));
        assertThat(p.resized().getRGB(7, 2) & 0xFFFFFF).isEqualTo(Preprocess.PAD_RGB);
    }

    @Test
    void anUnknownFitNamesTheChoices() {
        assertThat(ImageFit.parse(" Crop ")).isEqualTo(ImageFit.CROP);
        assertThatThrownBy(() -> ImageFit.parse("zoom")).hasMessage("unknown image fit 'zoom': use letterbox, crop or stretch");
    }
}
