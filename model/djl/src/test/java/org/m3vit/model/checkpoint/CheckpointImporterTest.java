package org.m3vit.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.ModelFiles;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Import of checkpoints in the published training code's format: bit-exact tensors, report, and named errors. */
class CheckpointImporterTest {

    @TempDir
    Path tmp;

    private final Map<String, Tensor> weights = TinyCheckpoints.weights(7);

    @Test
    void singleFileImportsBitIdenticalTensorsAndReportsWhatWasIgnored() throws IOException {
        Path file = tmp.resolve("checkpoint.pth.tar");
        TinyCheckpoints.writeSingle(weights, file, "checkpoint");
        List<Double> progress = new ArrayList<>();
        ImportReport report = CheckpointImporter.importCheckpoint(file, TinyCheckpoints.CONFIG, tmp.resolve("out"),
                (f, m) -> progress.add(f));

        assertImportedExactly(tmp.resolve("out"));
        assertThat(report.tensorsImported()).isEqualTo(WeightLayout.expected(TinyCheckpoints.CONFIG).size());
        assertThat(report.valuesImported()).isEqualTo(WeightLayout.totalValues(TinyCheckpoints.CONFIG));
        assertThat(report.ignoredKeys()).containsExactlyInAnyOrder("decoders.semseg.syncbn_fc_0.num_batches_tracked",
                "decoders.depth.syncbn_fc_0.num_batches_tracked", "tam_model.fc.weight", "decoders.depth.tam_model_aux.bias");
        assertThat(report.entriesNotRead()).containsExactly("epoch", "backbone", "best_result", "optimizer");
        assertThat(report.epoch()).isEqualTo(42);
        assertThat(report.backbone()).isEqualTo("VisionTransformer_moe");
        assertThat(report.placeholderGlobals()).containsExactly("numpy.core.multiarray.scalar");
        assertThat(progress).isSorted().last().isEqualTo(1.0);
        assertThat(ConfigJson.read(tmp.resolve("out").resolve(ModelFiles.CONFIG))).isEqualTo(TinyCheckpoints.CONFIG);
        assertThat(Files.readString(tmp.resolve("out").resolve(CheckpointImporter.REPORT_FILE))).contains("\"tensorsImported\"");
    }

    @Test
    void twoRankDirectoryConcatenatesExpertSlicesInRankOrder() throws IOException {
        Path dir = tmp.resolve("best_model.pth.tar");
        TinyCheckpoints.writeRanks(weights, dir, 2);
        ImportReport report = CheckpointImporter.importCheckpoint(dir, TinyCheckpoints.CONFIG, tmp.resolve("out"), null);

        assertImportedExactly(tmp.resolve("out"));
        assertThat(report.files()).hasSize(2);
        assertThat(report.inferred().numExperts()).isEqualTo(4);
    }

    @Test
    void eachRankAloneHoldsOnlyItsSliceOfTheExperts() throws IOException {
        Path dir = tmp.resolve("ranks");
        TinyCheckpoints.writeRanks(weights, dir, 2);
        assertThat(CheckpointImporter.inspect(dir.resolve("0.pth")).numExperts()).isEqualTo(2);
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(dir.resolve("0.pth"), TinyCheckpoints.CONFIG, tmp.resolve("o"), null))
                .hasMessageContaining("0.pth").hasMessageContaining("numExperts: checkpoint has 2, config tiny-test says 4")
                .hasMessageContaining("pass the directory of rank files");
    }

    @Test
    void bareStateDictWithoutModulePrefixIsAccepted() throws IOException {
        TorchSaveWriter.Ordered sd = new TorchSaveWriter.Ordered();
        weights.forEach((k, v) -> sd.put(k, TinyCheckpoints.encode(k, v)));
        Path file = tmp.resolve("bare.pth");
        TorchSaveWriter.save(sd, file, "some_other_folder_name");
        ImportReport report = CheckpointImporter.importCheckpoint(file, TinyCheckpoints.CONFIG, tmp.resolve("out"), null);
        assertImportedExactly(tmp.resolve("out"));
        assertThat(report.epoch()).isNull();
        assertThat(report.entriesNotRead()).isEmpty();
    }

    @Test
    void inferenceReadsEveryShapeDeterminedValue() throws IOException {
        Path file = tmp.resolve("c.pth");
        TinyCheckpoints.writeSingle(weights, file, "archive");
        InferredConfig in = CheckpointImporter.inspect(file);
        assertThat(in.embedDim()).isEqualTo(24);
        assertThat(in.depth()).isEqualTo(4);
        assertThat(in.patchSize()).isEqualTo(8);
        assertThat(in.numPatches()).isEqualTo(4 * 6);
        assertThat(in.mlpHidden()).isEqualTo(96);
        assertThat(in.moeBlocks()).containsExactly(1, 3);
        assertThat(in.numExperts()).isEqualTo(4);
        assertThat(in.expertHidden()).isEqualTo(48);
        assertThat(in.headChannels()).isEqualTo(8);
        assertThat(in.tasks()).containsExactly(
                new InferredConfig.InferredTask("semseg", 5, org.m3vit.model.TaskKind.SEGMENTATION),
                new InferredConfig.InferredTask("depth", 1, org.m3vit.model.TaskKind.DEPTH));
    }

    @Test
    void withoutConfigTheErrorSaysWhatCannotBeInferred() throws IOException {
        Path file = tmp.resolve("c.pth");
        TinyCheckpoints.writeSingle(weights, file, "archive");
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(file, null, tmp.resolve("out"), null))
                .hasMessageContaining("c.pth").hasMessageContaining("numHeads").hasMessageContaining("topK")
                .hasMessageContaining("embedDim 24").hasMessageContaining("no preset matches");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void configMismatchNamesEveryDifferingValue() throws IOException {
        Path file = tmp.resolve("c.pth");
        TinyCheckpoints.writeSingle(weights, file, "archive");
        ModelConfig c = TinyCheckpoints.CONFIG;
        ModelConfig other = new ModelConfig("other", 64, 96, 8, 24, 4, 2, 96, List.of(1, 3), 8, 2, 48, 8, c.tasks(), "");
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(file, other, tmp.resolve("out"), null))
                .hasMessageContaining("c.pth")
                .hasMessageContaining("numExperts: checkpoint has 4, config other says 8")
                .hasMessageContaining("imageHeight x imageWidth: checkpoint has 32x48 (24 patches of 8 px at the config's aspect 2:3), config other says 64x96");
    }

    @Test
    void missingUnexpectedAndMisshapedTensorsAreAllNamed() throws IOException {
        TorchSaveWriter.Ordered sd = new TorchSaveWriter.Ordered();
        weights.forEach((k, v) -> {
            if (k.equals("backbone.blocks.2.attn.proj.bias") || k.equals("decoders.depth.norm.weight")) return;
            Tensor t = k.equals("backbone.blocks.0.mlp.fc2.bias") ? new Tensor(new long[] {25}, new float[25]) : v;
            sd.put("module." + k, TorchSaveWriter.PyTensor.of(t));
        });
        sd.put("module.backbone.head.weight", TorchSaveWriter.PyTensor.of(new Tensor(new long[] {2}, new float[2])));
        Path file = tmp.resolve("broken.pth");
        TorchSaveWriter.save(Map.of("state_dict", sd), file, "archive");
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(file, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("broken.pth")
                .hasMessageContaining("2 missing tensor(s): backbone.blocks.2.attn.proj.bias, decoders.depth.norm.weight")
                .hasMessageContaining("1 unexpected tensor(s): backbone.head.weight")
                .hasMessageContaining("backbone.blocks.0.mlp.fc2.bias is (25,), expected (24,)");
    }

    @Test
    void truncatedZipAndNonZipAreNamed() throws IOException {
        Path file = tmp.resolve("c.pth");
        TinyCheckpoints.writeSingle(weights, file, "archive");
        byte[] all = Files.readAllBytes(file);
        Path truncated = tmp.resolve("truncated.pth");
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(truncated, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                .hasMessageContaining("truncated.pth").hasMessageContaining("truncated");
        Path text = tmp.resolve("notes.pth");
        Files.writeString(text, "hello, not a checkpoint");
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(text, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                .hasMessageContaining("notes.pth").hasMessageContaining("not a PyTorch checkpoint");
        Path legacy = tmp.resolve("legacy.pth");
        Files.write(legacy, new PickleOut().emptyDict().stop());
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(legacy, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                .hasMessageContaining("legacy.pth").hasMessageContaining("before PyTorch 1.6");
    }

    @Test
    void missingRankFileIsNamed() throws IOException {
        Path dir = tmp.resolve("ranks");
        TinyCheckpoints.writeRanks(weights, dir, 3 - 1);
        Files.move(dir.resolve("1.pth"), dir.resolve("2.pth"));
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(dir, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                .hasMessageContaining("rank file 1.pth is missing");
    }

    @Test
    void codeRunningGlobalIsRefusedWithoutExecuting() throws IOException {
        Path sentinel = tmp.resolve("pwned");
        for (String[] global : new String[][] {{"os", "system"}, {"posix", "system"}, {"builtins", "eval"}, {"subprocess", "check_call"}}) {
            Map<String, Object> ck = TinyCheckpoints.checkpoint(weights, 0, 1);
            ck.put("best_result", new TorchSaveWriter.PyCall(global[0], global[1], List.of("touch " + sentinel)));
            Path file = tmp.resolve("evil-" + global[1] + ".pth");
            TorchSaveWriter.save(ck, file, "archive");
            assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(file, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("refused global " + global[0] + "." + global[1]);
        }
        byte[] inst = new PickleOut().mark().string("touch " + sentinel).inst("os", "system").stop();
        byte[] stackGlobal = new PickleOut().stackGlobal("subprocess", "Popen").mark().string("touch " + sentinel).tuple().reduce().stop();
        for (byte[] pickle : List.of(inst, stackGlobal)) {
            Path file = tmp.resolve("evil-raw.pth");
            TorchSaveWriter.saveRawPickle(pickle, file);
            assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(file, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                    .hasMessageContaining("evil-raw.pth").hasMessageContaining("refused global");
        }
        assertThat(sentinel).doesNotExist();
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void wholePickledModelIsRejectedNamingItsClass() throws IOException {
        Path file = tmp.resolve("model.pth");
        TorchSaveWriter.save(new TorchSaveWriter.PyCall("models.vision_transformer_moe", "VisionTransformerMoE", List.of()), file, "archive");
        assertThatThrownBy(() -> CheckpointImporter.importCheckpoint(file, TinyCheckpoints.CONFIG, tmp.resolve("out"), null))
                .hasMessageContaining("model.pth").hasMessageContaining("models.vision_transformer_moe.VisionTransformerMoE");
    }

    private void assertImportedExactly(Path out) throws IOException {
        Map<String, Tensor> read = Safetensors.read(out.resolve(ModelFiles.WEIGHTS));
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(weights.keySet());
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            Tensor got = read.get(e.getKey());
            assertThat(got.shape()).as(e.getKey()).containsExactly(e.getValue().shape());
            int[] gotBits = bits(got.data());
            assertThat(gotBits).as(e.getKey()).containsExactly(bits(e.getValue().data()));
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }
}
