package org.m3vit.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.m3vit.model.io.Tensor;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each storage of a checkpoint is read from the zip once, however many tensors are views of it. */
class StorageOnceTest {

    private static final Path RANKS = Path.of("src/test/resources/checkpoint/torch-1.13/ranks");

    @Test
    void everyStorageIsReadOnceWhileReadingEveryTensor() throws Exception {
        try (CheckpointSource source = CheckpointSource.open(RANKS)) {
            Map<TorchArchive, Set<String>> keys = new IdentityHashMap<>();
            int views = 0;
            for (CheckpointSource.Entry e : source.entries().values()) {
                for (CheckpointSource.Slice s : e.slices()) {
                    keys.computeIfAbsent(s.archive(), a -> new HashSet<>()).add(s.ref().storage().key());
                    views++;
                }
            }
            for (String name : source.entries().keySet()) {
                Tensor t = source.read(name);
                assertThat(t.size()).isEqualTo(source.entries().get(name).slices().stream().mapToLong(s -> s.ref().numel()).sum());
            }
            int distinct = keys.values().stream().mapToInt(Set::size).sum();
            int reads = keys.keySet().stream().mapToInt(a -> a.storageReads).sum();
            assertThat(reads).isEqualTo(distinct);
            assertThat(views).isGreaterThanOrEqualTo(distinct);
        }
    }

    @Test
    void tensorsThatAreViewsOfOneStorageReadItOnce(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        int views = 16;
        PickleOut p = new PickleOut().emptyDict().mark();
        for (int i = 0; i < views; i++) {
            p.string("w" + i).global("torch._utils", "_rebuild_tensor_v2").mark()
                    .mark().string("storage").global("torch", "FloatStorage").string("0").string("cpu").integer(2L * views).tuple().persistentId()
                    .integer(2L * i).mark().integer(2).tuple().mark().integer(1).tuple().tuple().reduce();
        }
        byte[] pickle = p.setItems().stop();
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(8 * views).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2 * views; i++) data.putFloat(i);
        Path file = tmp.resolve("shared.pth");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(file))) {
            z.putNextEntry(new java.util.zip.ZipEntry("shared/data.pkl"));
            z.write(pickle);
            z.putNextEntry(new java.util.zip.ZipEntry("shared/data/0"));
            z.write(data.array());
        }
        try (CheckpointSource source = CheckpointSource.open(file)) {
            for (int i = 0; i < views; i++) assertThat(source.read("w" + i).data()).containsExactly(2f * i, 2f * i + 1);
            TorchArchive archive = source.entries().get("w0").slices().get(0).archive();
            assertThat(archive.storageReads).isEqualTo(1);
        }
    }
}
