package org.m3vit.model.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SceneStreamTest {

    @Test
    void batchesComeInSeedOrderWhateverTheThreadCount() throws InterruptedException {
        SceneRenderer r = new SceneRenderer();
        try (SceneStream stream = new SceneStream(1000, 2, 24, 32, 2, 1)) {
            for (int k = 0; k < 3; k++) {
                TrainingBatch b = stream.next();
                TrainingBatch expected = SceneStream.renderBatch(r, 1000, k, 2, 24, 32);
                assertThat(b.seeds()).containsExactly(1000 + 2L * k, 1001 + 2L * k);
                assertThat(b.images()).containsExactly(expected.images());
                assertThat(b.labels()).containsExactly(expected.labels());
                assertThat(b.depth()).containsExactly(expected.depth());
                assertThat(b.normals()).containsExactly(expected.normals());
            }
            assertThat(stream.position()).isEqualTo(3);
        }
    }

    @Test
    void batchHoldsTheRenderedScenesNormalisedWithImageNetStatistics() {
        RenderedScene a = new SceneRenderer().render(7, 12, 16), b = new SceneRenderer().render(8, 12, 16);
        TrainingBatch batch = TrainingBatch.of(new long[] {7, 8}, new RenderedScene[] {a, b});
        int n = 12 * 16, i = 5 * 16 + 9;
        int p = b.rgb()[i];
        // item 1, channel G (1), pixel i
        double g = ((p >> 8) & 0xFF) / 255.0;
        assertThat((double) batch.images()[3 * n + n + i]).isCloseTo((g - 0.456) / 0.224, within(1e-6));
        assertThat(batch.labels()[n + i]).isEqualTo(b.labels()[i]);
        assertThat(batch.depth()[n + i]).isEqualTo(b.depth()[i]);
        assertThat(batch.normals()[3 * n + 2 * n + i]).isEqualTo(b.normals()[2 * n + i]);
    }

    @Test
    void normalisationOfPureColours() {
        float[] out = ImageNorm.normalise(new int[] {0xFFFF0000, 0xFF000000});
        assertThat(out[0]).isCloseTo((1 - 0.485f) / 0.229f, within(1e-6f));
        assertThat(out[1]).isCloseTo(-0.485f / 0.229f, within(1e-6f));
        assertThat(out[2]).isCloseTo(-0.456f / 0.224f, within(1e-6f));
        assertThat(out[5]).isCloseTo(-0.406f / 0.225f, within(1e-6f));
    }
}
