package org.m3vit.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyTest {

    @Test
    void headerBytesAreExactlyWhatNumpyWrites() {
        byte[] b = Npy.encode(new float[] {1.5f, -2f, 0f, 3.25f, 1e-3f, 7f}, 2, 3);
        assertThat(Arrays.copyOf(b, 8)).containsExactly(0x93 - 256, 'N', 'U', 'M', 'P', 'Y', 1, 0);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        assertThat(header).startsWith(dict).endsWith("\n");
        assertThat(header.substring(dict.length(), header.length() - 1)).matches(" *");
        // 1.5f = 0x3FC00000, stored little-endian
        assertThat(Arrays.copyOfRange(b, 10 + headerLen, 14 + headerLen)).containsExactly(0, 0, 0xC0 - 256, 0x3F);
        assertThat(b.length).isEqualTo(10 + headerLen + 24);
    }

    @Test
    void oneDimensionalShapeHasATrailingComma() {
        byte[] b = Npy.encode(new float[] {1, 2, 3}, 3);
        assertThat(new String(b, 10, 60, StandardCharsets.US_ASCII)).contains("'shape': (3,)");
    }

    @Test
    void roundTripThroughAFile(@TempDir Path dir) throws IOException {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) data[i] = (float) Math.sin(i) * 100;
        Path f = dir.resolve("x.npy");
        Npy.write(f, data, 2, 3, 4);
        Npy.Array a = Npy.read(f);
        assertThat(a.shape()).containsExactly(2, 3, 4);
        assertThat(a.data()).containsExactly(data);
    }

    @Test
    void readsVersion2Headers() {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII)).putFloat(4.5f).putFloat(-1f);
        Npy.Array a = Npy.decode(b.array());
        assertThat(a.shape()).containsExactly(2);
        assertThat(a.data()).containsExactly(4.5f, -1f);
    }

    @Test
    void rejectsOtherDtypesNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] b = Npy.encode(new float[] {1, 2}, 2);
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
        Path f = dir.resolve("double.npy");
        java.nio.file.Files.write(f, s.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("double.npy").hasMessageContaining("<f8");
        assertThatThrownBy(() -> Npy.encode(new float[3], 2, 2)).hasMessageContaining("needs 4 values");
    }
}
