package org.m3vit.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our network on weights imported from real PyTorch checkpoints gives PyTorch's outputs: the
 * independent model of {@code torch_reference.py}, its forward pass on the same input and weights.
 */
class RealTorchForwardTest {

    /** Largest allowed |ours - torch|, relative to the largest |torch| value of the output. */
    static final double RELATIVE_TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    @Test
    void committedTorch113OutputsAreReproduced() throws Exception {
        Path fixture = RealTorchCheckpointTest.fixture();
        compareForward(fixture, fixture.resolve("ranks"));
    }

    @Test
    void freshlyWrittenTorchOutputsAreReproduced() throws Exception {
        Path out = RealTorchCheckpointTest.writeWithTorch();
        compareForward(out, out.resolve("checkpoint.pth"));
    }

    private void compareForward(Path torchDir, Path checkpoint) throws Exception {
        ModelConfig config = ConfigJson.read(torchDir.resolve("config.json"));
        Path modelDir = tmp.resolve("imported-" + checkpoint.getFileName());
        CheckpointImporter.importCheckpoint(checkpoint, config, modelDir, null);
        float[] input = RealTorchCheckpointTest.floats(torchDir.resolve("input.f32"));
        List<String> tasks = config.tasks().stream().map(TaskSpec::name).toList();
        try (M3ViTModel model = M3ViTModel.load(modelDir)) {
            InferenceResult result = model.infer(input, tasks);
            for (String task : tasks) {
                float[] expected = RealTorchCheckpointTest.floats(torchDir.resolve("output-" + task + ".f32"));
                TaskOutput got = result.output(task);
                assertThat(got.height()).isEqualTo(config.imageHeight());
                assertThat(got.width()).isEqualTo(config.imageWidth());
                assertThat(got.data()).as(task).hasSize(expected.length);
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < expected.length; i++) {
                    scale = Math.max(scale, Math.abs(expected[i]));
                    worst = Math.max(worst, Math.abs(expected[i] - got.data()[i]));
                }
                System.out.printf("%s %s: max |ours - torch| = %.3g (largest |torch| %.3g)%n", checkpoint.getFileName(), task, worst, scale);
                assertThat(scale).as(task + " output is not trivially zero").isGreaterThan(0.1);
                assertThat(worst / scale).as(task + ": max |ours - torch| relative to max |torch|").isLessThan(RELATIVE_TOLERANCE);
            }
        }
    }
}
