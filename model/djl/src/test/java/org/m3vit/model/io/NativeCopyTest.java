package org.m3vit.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copies out of libtorch give the row-major elements, of strided views too, and copies in land in place. */
class NativeCopyTest {

    @Test
    void toFloatsGivesRowMajorElementsOfContiguousAndStridedArrays() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[2 * 3 * 4];
            for (int i = 0; i < v.length; i++) v[i] = i * 0.5f - 3;
            NDArray a = m.create(v, new Shape(2, 3, 4)).duplicate();
            assertThat(NativeCopy.toFloats(a)).containsExactly(v);
            // a transposed view: element (i, j, k) of the (4, 3, 2) view is v[(k * 3 + j) * 4 + i]
            float[] t = NativeCopy.toFloats(a.transpose(2, 1, 0));
            for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) {
                assertThat(t[(i * 3 + j) * 2 + k]).isEqualTo(v[(k * 3 + j) * 4 + i]);
            }
            assertThatThrownBy(() -> NativeCopy.toFloats(a.toType(DataType.INT32, false))).hasMessageContaining("float32");
        }
    }

    @Test
    void intoOverwritesTheStorageInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.zeros(new Shape(2, 2));
            NativeCopy.into(a, new float[] {1, 2, 3, 4});
            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4);
        }
    }
}
