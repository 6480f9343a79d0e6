package org.m3vit.model.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PositionEmbeddingResizeTest {

    /** A 1-channel embedding: the class row, then the grid row-major. */
    private static Tensor embedding(float cls, float... grid) {
        float[] d = new float[1 + grid.length];
        d[0] = cls;
        System.arraycopy(grid, 0, d, 1, grid.length);
        return new Tensor(new long[] {1, d.length, 1}, d);
    }

    @Test
    void sameGridIsUnchanged() {
        Tensor pos = new Tensor(new long[] {1, 7, 2}, new float[] {9, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertThat(PositionEmbeddingResize.resize(pos, 2, 3, 2, 3).data()).containsExactly(pos.data());
    }

    @Test
    void twoByTwoToFourByFourMatchesHandComputedBilinear() {
        // align_corners=False: output cell x reads source (x + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        // along each axis, so the source weights per axis are (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1).
        Tensor out = PositionEmbeddingResize.resize(embedding(-3, 0, 4, 8, 12), 2, 2, 4, 4);
        assertThat(out.shape()).containsExactly(1, 17, 1);
        float[] expected = {-3,
            0, 1, 3, 4,
            2, 3, 5, 6,
            6, 7, 9, 10,
            8, 9, 11, 12};
        for (int i = 0; i < expected.length; i++) assertThat(out.data()[i]).as("row %d", i).isCloseTo(expected[i], within(1e-6f));
    }

    @Test
    void downsamplingAveragesNeighboursAndKeepsConstants() {
        // 4 -> 2 along x: output 0 reads source 0.5 (mean of cells 0 and 1), output 1 reads 2.5 (mean of 2 and 3)
        Tensor out = PositionEmbeddingResize.resize(embedding(5, 1, 3, 10, 20), 1, 4, 1, 2);
        assertThat(out.data()).containsExactly(5f, 2f, 15f);
        Tensor constant = PositionEmbeddingResize.resize(embedding(0, 7, 7, 7, 7, 7, 7), 2, 3, 5, 7);
        for (int i = 1; i < constant.data().length; i++) assertThat(constant.data()[i]).isCloseTo(7f, within(1e-6f));
    }

    @Test
    void refusesAnEmbeddingThatIsNotTheStatedGrid() {
        assertThatThrownBy(() -> PositionEmbeddingResize.resize(embedding(0, 1, 2, 3), 2, 2, 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 5, D]");
    }
}
