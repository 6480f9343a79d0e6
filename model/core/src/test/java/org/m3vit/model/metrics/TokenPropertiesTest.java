package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenPropertiesTest {

    private static final float NAN = Float.NaN;

    @Test
    void majorityClassMeanDepthAndNormalDirectionPerPatch() {
        // 4 x 4 pixels in 2 x 2 patches of 2 x 2; tokens 1..4 = patches (0,0), (0,1), (1,0), (1,1)
        int[] labels = {
            3, 3, 1, 2,
            3, 1, 2, 1,
            -1, -1, 0, 5,
            -1, -1, 0, 5};
        float[] depth = {
            0.5f, 0.5f, 1.5f, 2.5f,
            0.5f, 0.5f, 2.0f, 2.0f,
            0f, NAN, 5f, NAN,
            -1f, 0f, 0f, 7f};
        float[] normals = new float[3 * 16];
        // patch (0,0) faces the camera, (0,1) the floor (up = -y), (1,0) all zero, (1,1) points left (-x)
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int i = y * 4 + x, patch = (y / 2) * 2 + x / 2;
                if (patch == 0) normals[2 * 16 + i] = -1;
                if (patch == 1) { normals[16 + i] = -0.9f; normals[2 * 16 + i] = -0.3f; }
                if (patch == 3) { normals[i] = -0.8f; normals[2 * 16 + i] = -0.6f; }
            }
        }
        TokenProperties p = TokenProperties.of(2, 2, 4, 4, labels, depth, normals);
        assertThat(p.tokens()).isEqualTo(5);
        assertThat(new int[] {p.classOf(0), p.classOf(1), p.classOf(2), p.classOf(3), p.classOf(4)})
                .containsExactly(-1, 3, 1, -1, 0);   // patch (0,1) ties 1 and 2 two-two: the lower id
        // means 0.5; (1.5 + 2.5 + 2 + 2) / 4 = 2.0 -> "2-3 m"; no valid pixel; (5 + 7) / 2 = 6 -> ">= 6 m"
        assertThat(new int[] {p.depthBinOf(0), p.depthBinOf(1), p.depthBinOf(2), p.depthBinOf(3), p.depthBinOf(4)})
                .containsExactly(-1, 0, 2, -1, 5);
        assertThat(new int[] {p.normalBinOf(1), p.normalBinOf(2), p.normalBinOf(3), p.normalBinOf(4)})
                .containsExactly(0, 1, -1, 3);
        assertThat(TokenProperties.NORMAL_BINS.get(3)).isEqualTo("faces left");
    }

    @Test
    void binEdges() {
        assertThat(TokenProperties.depthBin(0.999)).isEqualTo(0);
        assertThat(TokenProperties.depthBin(1.0)).isEqualTo(1);
        assertThat(TokenProperties.depthBin(5.99)).isEqualTo(4);
        assertThat(TokenProperties.depthBin(40)).isEqualTo(5);
        assertThat(TokenProperties.depthBin(Double.NaN)).isEqualTo(-1);
        assertThat(TokenProperties.normalBin(new double[] {0, 1, 0.2})).isEqualTo(2);
        assertThat(TokenProperties.normalBin(new double[] {0.7, 0.1, -0.6})).isEqualTo(4);
        assertThat(TokenProperties.normalBin(new double[] {0.1, 0.1, 0.5})).isEqualTo(5);
        assertThat(TokenProperties.normalBin(new double[] {Double.NaN, 0, 1})).isEqualTo(-1);
    }

    @Test
    void absentMapsGiveUnknownAndWrongSizesAreRefused() {
        TokenProperties p = TokenProperties.of(1, 2, 2, 4, null, null, null);
        assertThat(p.classOf(1)).isEqualTo(-1);
        assertThat(p.depthBinOf(2)).isEqualTo(-1);
        assertThatThrownBy(() -> TokenProperties.of(1, 2, 2, 4, new int[7], null, null))
                .hasMessage("labels map has 7 values, the image needs 8");
        assertThatThrownBy(() -> TokenProperties.of(3, 2, 2, 4, null, null, null))
                .hasMessage("a 2x4 image does not split into 3x2 patches");
    }
}
