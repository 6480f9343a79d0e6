package org.m3vit.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.checkpoint.TorchSaveWriter.PyTensor;
import org.m3vit.model.io.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Storage-level details of reading torch.save files: byte order, short records, rank slices. */
class CheckpointSourceTest {

    @TempDir
    Path tmp;

    @Test
    void bigEndianStoragesAreReadWhenTheArchiveSaysSo() throws Exception {
        float[] values = {1.5f, -2.25f, 3.0e-8f, Float.MAX_VALUE, -0.0f, 7f};
        ByteBuffer be = ByteBuffer.allocate(4 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (float v : values) be.putFloat(v);
        TorchSaveWriter.Ordered sd = new TorchSaveWriter.Ordered();
        // the same 2x3 tensor stored as its 3x2 transpose, read through strides (1, 2)
        float[] transposed = {values[0], values[3], values[1], values[4], values[2], values[5]};
        ByteBuffer beT = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        for (float v : transposed) beT.putFloat(v);
        sd.put("x", new PyTensor(TorchDtype.FLOAT32, be.array(), 6, 0, new long[] {2, 3}, new long[] {3, 1}, false));
        sd.put("t", new PyTensor(TorchDtype.FLOAT32, beT.array(), 6, 0, new long[] {2, 3}, new long[] {1, 2}, false));
        Path file = tmp.resolve("be.pth");
        TorchSaveWriter.save(sd, file, "be", "big");
        try (CheckpointSource s = CheckpointSource.open(file)) {
            assertThat(s.read("x")).isEqualTo(new Tensor(new long[] {2, 3}, values));
            assertThat(s.read("t")).isEqualTo(new Tensor(new long[] {2, 3}, values));
        }
    }

    @Test
    void storageRecordShorterThanItsElementCountIsNamed() throws Exception {
        TorchSaveWriter.Ordered sd = new TorchSaveWriter.Ordered();
        byte[] fourFloats = new byte[16];
        sd.put("short", new PyTensor(TorchDtype.FLOAT32, fourFloats, 8, 0, new long[] {8}, new long[] {1}, false));
        Path file = tmp.resolve("short.pth");
        TorchSaveWriter.save(sd, file, "archive");
        try (CheckpointSource s = CheckpointSource.open(file)) {
            assertThatThrownBy(() -> s.read("short")).hasMessageContaining("short.pth")
                    .hasMessageContaining("storage record 'archive/data/0' has 16 bytes, 8 elements of torch.FloatStorage need 32");
        }
    }

    @Test
    void viewReachingPastItsStorageIsNamed() throws Exception {
        TorchSaveWriter.Ordered sd = new TorchSaveWriter.Ordered();
        sd.put("w", new PyTensor(TorchDtype.FLOAT32, new byte[16], 4, 2, new long[] {2, 2}, new long[] {2, 1}, false));
        Path file = tmp.resolve("view.pth");
        TorchSaveWriter.save(sd, file, "archive");
        try (CheckpointSource s = CheckpointSource.open(file)) {
            assertThatThrownBy(() -> s.read("w")).hasMessageContaining("tensor 'w' (2, 2) at offset 2 reads past the end of its storage");
        }
    }

    @Test
    void rankSlicesThatDifferBeyondDimZeroAreNamed() throws Exception {
        Map<String, Tensor> weights = TinyCheckpoints.weights(3);
        Path dir = tmp.resolve("ranks");
        TinyCheckpoints.writeRanks(weights, dir, 2);
        Map<String, Object> rank1 = TinyCheckpoints.checkpoint(weights, 1, 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> sd = (Map<String, Object>) rank1.get("state_dict");
        sd.put("module.backbone.blocks.1.mlp.experts.htoh4.weight", PyTensor.of(new Tensor(new long[] {2, 48, 20}, new float[2 * 48 * 20])));
        TorchSaveWriter.save(rank1, dir.resolve("1.pth"), "archive");
        assertThatThrownBy(() -> CheckpointSource.open(dir)).hasMessageContaining("1.pth")
                .hasMessageContaining("rank 1's slice of 'backbone.blocks.1.mlp.experts.htoh4.weight' has shape (2, 48, 20), rank 0's has (2, 48, 24)");
    }
}
