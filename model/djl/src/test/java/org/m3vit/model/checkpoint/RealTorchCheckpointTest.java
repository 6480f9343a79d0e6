package org.m3vit.model.checkpoint;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.TorchPython;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.ModelFiles;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints written by real PyTorch ({@code torch_reference.py}): the committed 1.13 fixture
 * always, and a freshly written one when {@code /usr/bin/python3 -c "import torch"} works. The
 * oracle is {@code weights.f32}, the script's own raw dump of every tensor.
 */
class RealTorchCheckpointTest {

    @TempDir
    Path tmp;

    /** The committed fixture, in the core module's test resources (the tests run in model/djl). */
    static Path fixture() {
        return Path.of("..", "core", "src", "test", "resources", "checkpoint", "torch-1.13").toAbsolutePath().normalize();
    }

    @Test
    void committedTorch113RankDirectoryImportsBitIdentical() throws Exception {
        Path dir = fixture();
        ModelConfig config = ConfigJson.read(dir.resolve("config.json"));
        ImportReport report = CheckpointImporter.importCheckpoint(dir.resolve("ranks"), config, tmp.resolve("out"), null);
        assertBitIdentical(tmp.resolve("out"), dir.resolve("weights.f32"), config);
        assertThat(report.files()).hasSize(2);
        assertThat(report.ignoredKeys()).contains("tam_model.aux.weight", "decoders.semseg.syncbn_fc_3.num_batches_tracked");
        assertThat(report.placeholderGlobals()).contains("numpy.core.multiarray.scalar");
        assertThat(report.epoch()).isEqualTo(7);
    }

    @Test
    void freshlyWrittenTorchCheckpointsImportBitIdenticalInEveryForm() throws Exception {
        Path out = writeWithTorch();
        ModelConfig config = ConfigJson.read(out.resolve("config.json"));
        CheckpointImporter.importCheckpoint(out.resolve("checkpoint.pth"), config, tmp.resolve("single"), null);
        assertBitIdentical(tmp.resolve("single"), out.resolve("weights.f32"), config);
        CheckpointImporter.importCheckpoint(out.resolve("checkpoint-protocol4.pth"), config, tmp.resolve("p4"), null);
        assertBitIdentical(tmp.resolve("p4"), out.resolve("weights.f32"), config);
        CheckpointImporter.importCheckpoint(out.resolve("ranks"), config, tmp.resolve("ranks"), null);
        assertBitIdentical(tmp.resolve("ranks"), out.resolve("weights.f32"), config);
    }

    private static Path written;

    /**
     * Runs torch_reference.py once per test JVM into a temporary directory (reused by later callers);
     * skips the calling test when PyTorch is not installed.
     */
    static synchronized Path writeWithTorch() throws Exception {
        Assumptions.assumeTrue(TorchPython.available(), "skipped: " + TorchPython.PYTHON + " -c 'import torch' fails (apt-get install python3-torch to run it)");
        if (written != null) return written;
        Path out = Files.createTempDirectory("torch-reference");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(out)));
        Path script = fixture().getParent().resolve("torch_reference.py");
        Process p = new ProcessBuilder(TorchPython.PYTHON, script.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        written = out;
        return out;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** Reads a raw little-endian float32 file. */
    static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static void assertBitIdentical(Path modelDir, Path rawWeights, ModelConfig config) throws IOException {
        Map<String, Tensor> imported = Safetensors.read(modelDir.resolve(ModelFiles.WEIGHTS));
        Map<String, long[]> layout = WeightLayout.expected(config);
        float[] raw = floats(rawWeights);
        int at = 0;
        for (String name : new TreeSet<>(layout.keySet())) { // the script dumps in sorted name order
            Tensor t = imported.get(name);
            assertThat(t).as(name).isNotNull();
            assertThat(t.shape()).as(name).containsExactly(layout.get(name));
            for (int i = 0; i < t.size(); i++, at++) {
                if (Float.floatToRawIntBits(t.data()[i]) != Float.floatToRawIntBits(raw[at])) {
                    throw new AssertionError(name + "[" + i + "]: imported " + t.data()[i] + ", torch wrote " + raw[at]);
                }
            }
        }
        assertThat(at).isEqualTo(raw.length);
    }
}
