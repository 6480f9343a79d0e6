package org.m3vit.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.TorchPython;
import org.m3vit.model.data.TrainingBatch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our training losses equal PyTorch's: the first step of the bundled recipe's losses (class-weighted
 * cross-entropy, log-L1 depth, normals L1, balance loss) on the same weights and the same rendered
 * batch, computed by benchmarks/torch_train_step.py with F.cross_entropy, native convolutions and
 * F.interpolate. Runs where Debian's python3-torch is installed, skipped elsewhere.
 */
class TorchPeerLossTest {

    private static final ModelConfig SMALL = new ModelConfig("peer-small", 32, 48, 16, 32, 4, 4, 128, List.of(1, 3), 4, 2, 64, 8,
            List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 14), TaskSpec.of("depth", TaskKind.DEPTH, 1),
                    TaskSpec.of("normals", TaskKind.NORMALS, 3)), "test");

    @TempDir
    Path tmp;

    @Test
    void firstStepLossesEqualThePyTorchPeers() throws Exception {
        Assumptions.assumeTrue(TorchPython.available(), "skipped: " + TorchPython.PYTHON + " cannot import torch (apt-get install python3-torch)");
        Path peer = Path.of("..", "..", "benchmarks", "torch_train_step.py").toAbsolutePath().normalize();
        Path modelConfig = tmp.resolve("model-config.json");
        ConfigJson.write(SMALL, modelConfig);
        TrainConfig d = TrainConfig.defaults();
        List<Double> weights = TrainConfig.BUNDLED_CLASS_WEIGHTS;
        TrainConfig recipe = new TrainConfig(modelConfig.toString(), false, 10, 2, d.peakLr(), 2, d.minLrFraction(), d.weightDecay(),
                d.balanceLossWeight(), Map.of("semseg", 1.0, "depth", 0.5, "normals", 2.0), 3, TrainConfig.TRAIN_SEED_BASE, 50, 10, 1,
                weights, TrainConfig.DEPTH_LOG_L1, 2.5, null);
        Path batchDir = tmp.resolve("batch");
        double[] rate = new double[1];
        TrainingBatch batch = TrainStepBenchmark.batch(recipe, SMALL.imageHeight(), SMALL.imageWidth(), rate);
        StepLosses ours;
        try (M3ViTModel model = M3ViTModel.random(SMALL, recipe.initSeed())) {
            Trainer.initialiseDepthOutput(model, recipe.depthInitMetres());
            TrainStepBenchmark.writeBatch(batch, batchDir);
            model.save(batchDir.resolve("initial"));
            recipe.write(batchDir.resolve("train-config.json"));
            Trainer trainer = new Trainer(recipe, tmp.resolve("run"), s -> { });
            try (AdamW optimizer = new AdamW(model.manager())) {
                ours = trainer.step(model, optimizer, batch, 0);
            }
        }
        Path json = tmp.resolve("peer.json");
        Process p = new ProcessBuilder(TorchPython.PYTHON, peer.toString(), "--batch", batchDir.toString(),
                "--model-config", batchDir.resolve("initial").resolve("config.json").toString(),
                "--train-config", batchDir.resolve("train-config.json").toString(),
                "--weights", batchDir.resolve("initial").resolve("model.safetensors").toString(),
                "--threads", "1", "--warmup", "0", "--steps", "1", "--json", json.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("peer output: %s", log).isZero();
        JsonNode first = new ObjectMapper().readTree(json.toFile()).get("first_loss");
        for (TaskSpec t : SMALL.tasks()) {
            double theirs = first.get("tasks").get(t.name()).asDouble();
            assertThat(ours.task().get(t.name())).as("%s loss", t.name()).isCloseTo(theirs, within(1e-4 * Math.max(1, Math.abs(theirs))));
        }
        assertThat(ours.balance()).as("balance loss").isCloseTo(first.get("balance").asDouble(), within(1e-4));
        assertThat(ours.total()).as("total loss").isCloseTo(first.get("total").asDouble(), within(1e-4 * Math.abs(ours.total())));
    }
}
