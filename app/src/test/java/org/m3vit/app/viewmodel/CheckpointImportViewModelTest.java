package org.m3vit.app.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureImages;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.service.CheckpointImports;
import org.m3vit.app.service.CheckpointImports.ConfigChoice;
import org.m3vit.app.service.DirectRunner;
import org.m3vit.app.service.DjlModelLoader;
import org.m3vit.app.service.ResultCache;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.checkpoint.ImportReport;
import org.m3vit.model.io.WeightLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Open checkpoint" without a screen: the real PyTorch 1.13 fixture of the model module is imported and opened. */
class CheckpointImportViewModelTest {

    private static final Path FIXTURE = Path.of("../model/core/src/test/resources/checkpoint/torch-1.13").toAbsolutePath().normalize();
    private static final Path RANKS = FIXTURE.resolve("ranks");
    private static final Path CONFIG = FIXTURE.resolve("config.json");

    @TempDir
    Path tmp;

    private final List<String> errors = new ArrayList<>();
    private final FixtureModel start = new FixtureModel(false);

    /** The default model is the formula fixture; any folder opens through the real loader. */
    private ExplorerViewModel vm() {
        DjlModelLoader djl = new DjlModelLoader();
        ExplorerViewModel vm = new ExplorerViewModel(dir -> dir == null ? start : djl.open(dir), FixtureImages.source(),
                new DirectRunner(), new ResultCache(8), () -> 0L);
        vm.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        vm.setLog(s -> { });
        vm.openModel(null);
        return vm;
    }

    @Test
    void importingTheRankDirectoryPublishesTheReportAndOpensTheImportedModel() throws Exception {
        ExplorerViewModel vm = vm();
        Path out = tmp.resolve("imported");
        vm.importCheckpoint(new CheckpointImports.Request(RANKS, new ConfigChoice.JsonFile(CONFIG), out));

        assertThat(errors).isEmpty();
        ModelConfig config = ConfigJson.read(CONFIG);
        ImportReport report = vm.lastImportProperty().get();
        var expected = WeightLayout.expected(config);
        assertThat(report.tensorsImported()).isEqualTo(expected.size());
        long values = expected.values().stream().mapToLong(s -> { long n = 1; for (long d : s) n *= d; return n; }).sum();
        assertThat(report.valuesImported()).isEqualTo(values);
        assertThat(report.files()).hasSize(2);
        assertThat(report.output()).isEqualTo(out.toString());
        assertThat(Files.isRegularFile(out.resolve("model.safetensors"))).isTrue();

        assertThat(vm.modelProperty().get()).isNotSameAs(start);
        assertThat(vm.config().name()).isEqualTo("torch-reference-tiny");
        assertThat(vm.tasks()).containsExactly("semseg", "depth");
        assertThat(vm.modelTrainedProperty().get()).isTrue();
        assertThat(vm.modelProvenanceProperty().get()).isEqualTo(out + ": imported from " + RANKS + " (epoch 7)");
        assertThat(vm.modelSourceProperty().get()).isEqualTo(out.toString());
        assertThat(vm.statusProperty().get()).isEqualTo("model torch-reference-tiny ready");
    }

    @Test
    void aConfigThatDoesNotMatchGivesAnErrorNamingTheFileAndTheCurrentModelStays() {
        ExplorerViewModel vm = vm();
        Path out = tmp.resolve("wrong");
        vm.importCheckpoint(new CheckpointImports.Request(RANKS, new ConfigChoice.Preset("m3vit-synth"), out));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("Cannot import checkpoint: " + RANKS).contains("does not match config m3vit-synth")
                .contains("embedDim: checkpoint has 8");
        assertThat(vm.modelProperty().get()).isSameAs(start);
        assertThat(vm.lastImportProperty().get()).isNull();
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void inferringTheConfigOfACheckpointNoPresetMatchesIsRefusedWithTheShapesItHas() {
        ExplorerViewModel vm = vm();
        vm.importCheckpoint(new CheckpointImports.Request(RANKS, new ConfigChoice.Inferred(), tmp.resolve("x")));
        assertThat(errors).singleElement().asString().contains("the config cannot be inferred: no preset matches")
                .contains("embedDim 8, depth 4");
        assertThat(vm.modelProperty().get()).isSameAs(start);
    }

    @Test
    void aFileThatIsNotACheckpointIsNamedInTheError() throws Exception {
        ExplorerViewModel vm = vm();
        Path bogus = Files.writeString(tmp.resolve("notes.pth"), "hello");
        vm.importCheckpoint(new CheckpointImports.Request(bogus, new ConfigChoice.JsonFile(CONFIG), tmp.resolve("y")));
        assertThat(errors).singleElement().asString().isEqualTo("Cannot import checkpoint: " + bogus
                + ": is not a PyTorch checkpoint (not a zip archive; 5 bytes)");
        assertThat(vm.modelProperty().get()).isSameAs(start);
    }

    @Test
    void cancellingStopsBeforeAnythingIsWritten() {
        Path out = tmp.resolve("cancelled");
        List<String> seen = new ArrayList<>();
        BackgroundRunner.Progress cancelAfterFirst = new BackgroundRunner.Progress() {
            @Override public void update(double fraction, String message) { seen.add(message); }
            @Override public boolean isCancelled() { return !seen.isEmpty(); }
        };
        assertThatThrownBy(() -> CheckpointImports.run(new CheckpointImports.Request(RANKS, new ConfigChoice.JsonFile(CONFIG), out),
                cancelAfterFirst)).isInstanceOf(CancellationException.class);
        assertThat(seen).hasSize(1);
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aNonEmptyOutputFolderIsReplacedOnlyWhenThePersonAgrees() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("thesis.tex"), "x");
        ExplorerViewModel vm = vm();
        List<String> asked = new ArrayList<>();
        vm.setConfirmation((title, question, action) -> {
            asked.add(question);
            return false;
        });
        vm.importCheckpoint(new CheckpointImports.Request(RANKS, new ConfigChoice.JsonFile(CONFIG), out));
        assertThat(asked).singleElement().asString().startsWith(out + ": the folder already holds 1 entry (thesis.tex). Replace");
        assertThat(errors).isEmpty();
        assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("x");   // declined: untouched
        assertThat(vm.statusProperty().get()).endsWith(out + " is not empty");
        assertThat(vm.modelProperty().get()).isSameAs(start);

        vm.setConfirmation((title, question, action) -> {
            asked.add(question);
            return true;
        });
        vm.importCheckpoint(new CheckpointImports.Request(RANKS, new ConfigChoice.JsonFile(CONFIG), out));
        assertThat(errors).isEmpty();
        assertThat(Files.exists(out.resolve("thesis.tex"))).isFalse();
        assertThat(Files.exists(out.resolve("model.safetensors"))).isTrue();
        assertThat(vm.modelProperty().get()).isNotSameAs(start);
        // importing again into that folder: it names an earlier import
        vm.importCheckpoint(new CheckpointImports.Request(RANKS, new ConfigChoice.JsonFile(CONFIG), out));
        assertThat(asked.get(2)).startsWith(out + ": the folder already holds an earlier import (config.json, import-report.json,"
                + " model.safetensors)");
    }

    /**
     * "Infer from checkpoint" with a checkpoint of the m3vit-synth preset's shapes, written by real
     * PyTorch with the model module's torch_reference.py; skipped when /usr/bin/python3 has no torch.
     */
    @Test
    void inferringTheConfigOfAPresetShapedCheckpointImportsItUnderThatPreset() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(torchAvailable(),
                "skipped: /usr/bin/python3 -c 'import torch' fails (apt-get install python3-torch to run it)");
        Path json = tmp.resolve("synth.json");
        ConfigJson.write(org.m3vit.model.Presets.get("m3vit-synth"), json);
        Path written = tmp.resolve("torch");
        Process p = new ProcessBuilder("/usr/bin/python3", FIXTURE.getParent().resolve("torch_reference.py").toString(),
                written.toString(), json.toString(), "--no-outputs").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        Path checkpoint = written.resolve("checkpoint.pth");
        assertThat(CheckpointImports.matchingPresets(checkpoint)).containsExactly("m3vit-synth");

        ExplorerViewModel vm = vm();
        Path out = tmp.resolve("synth-imported");
        vm.importCheckpoint(new CheckpointImports.Request(checkpoint, new ConfigChoice.Inferred(), out));
        assertThat(errors).isEmpty();
        assertThat(vm.lastImportProperty().get().config()).isEqualTo("m3vit-synth");
        assertThat(vm.lastImportProperty().get().tensorsImported())
                .isEqualTo(WeightLayout.expected(org.m3vit.model.Presets.get("m3vit-synth")).size());
        assertThat(vm.config().name()).isEqualTo("m3vit-synth");
        assertThat(vm.modelTrainedProperty().get()).isTrue();
    }

    private static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theDefaultOutputIsNamedAfterTheCheckpoint() {
        assertThat(CheckpointImports.defaultOutput(Path.of("/data/best_model.pth.tar")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".m3vit", "imported", "best_model"));
        assertThat(CheckpointImports.defaultOutput(Path.of("/data/run3/checkpoint.pth")).getFileName().toString()).isEqualTo("checkpoint");
    }
}
