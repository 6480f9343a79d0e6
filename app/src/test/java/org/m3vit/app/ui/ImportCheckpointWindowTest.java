package org.m3vit.app.ui;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.DjlModelLoader;
import org.m3vit.app.service.FileImageSource;
import org.m3vit.app.service.FxBackgroundRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** File > Open checkpoint in the headless window, with the real PyTorch 1.13 fixture of the model module. */
@ExtendWith(ApplicationExtension.class)
class ImportCheckpointWindowTest {

    private static final Path FIXTURE = Path.of("../model/core/src/test/resources/checkpoint/torch-1.13").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    private ExplorerWindow window;
    private ExplorerViewModel vm;
    private FixtureModel start;

    @Start
    void start(Stage stage) {
        start = new FixtureModel(false);
        DjlModelLoader djl = new DjlModelLoader();
        vm = new ExplorerViewModel(dir -> dir == null ? start : djl.open(dir), new FileImageSource(), new FxBackgroundRunner(),
                new ResultCache(8), System::nanoTime);
        vm.setLog(s -> { });
        window = new ExplorerWindow(vm, new SettingsStore(tmp.resolve("settings-" + System.nanoTime() + ".json")), tmp);
        window.show(stage);
        vm.openModel(null);
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> {
            if (window.lastError() != null) window.lastError().close();
            if (window.lastImportReport() != null) window.lastImportReport().close();
        });
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ImportCheckpointDialog fillDialog(FxRobot robot, String config, Path out) throws Exception {
        waitFor(() -> vm.modelProperty().get() == start);
        ImportCheckpointDialog[] d = new ImportCheckpointDialog[1];
        robot.interact(() -> {
            d[0] = window.openImportDialog();
            d[0].fill(FIXTURE.resolve("ranks"), config, FIXTURE.resolve("config.json"));
        });
        robot.lookup("#import-out").queryTextInputControl();
        robot.interact(() -> robot.lookup("#import-out").queryTextInputControl().setText(out.toString()));
        return d[0];
    }

    /** Pictures of the dialogs for reviewing their layout, in target/ (not compared). */
    private static void snapshot(FxRobot robot, javafx.scene.Node node, String name) {
        robot.interact(() -> {
            try {
                org.m3vit.app.service.Exporter.snapshot(node, Path.of("target", name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void confirm(FxRobot robot, ImportCheckpointDialog d) {
        ButtonType ok = d.getDialogPane().getButtonTypes().get(0);
        robot.interact(() -> ((Button) d.getDialogPane().lookupButton(ok)).fire());
    }

    @Test
    void importingTheFixtureShowsTheReportAndOpensTheModel(FxRobot robot) throws Exception {
        Path out = tmp.resolve("imported-" + System.nanoTime());
        ImportCheckpointDialog d = fillDialog(robot, ImportCheckpointDialog.FROM_JSON, out);
        // the checkpoint is read off the FX thread; its answer arrives a moment later
        waitFor(() -> robot.lookup("#import-infer-note").queryLabeled().getText().startsWith("Its shapes"));
        assertThat(robot.lookup("#import-infer-note").queryLabeled().getText())
                .isEqualTo("Its shapes match no preset: choose the config JSON it was trained with.");
        snapshot(robot, d.getDialogPane(), "import-dialog.png");
        confirm(robot, d);
        waitFor(() -> window.lastImportReport() != null && window.lastImportReport().isShowing()
                && vm.config() != null && vm.config().name().equals("torch-reference-tiny"));
        String report = ((TextArea) window.lastImportReport().getDialogPane().getContent()).getText();
        assertThat(report).contains("tensors imported: " + vm.lastImportProperty().get().tensorsImported())
                .contains("(2 rank files, epoch 7").contains("config: torch-reference-tiny");
        assertThat(window.lastImportReport().getHeaderText()).startsWith("Imported " + vm.lastImportProperty().get().tensorsImported() + " tensors");
        snapshot(robot, window.lastImportReport().getDialogPane(), "import-report.png");
        assertThat(vm.tasks()).containsExactly("semseg", "depth");
        assertThat(vm.modelTrainedProperty().get()).isTrue();
        assertThat(Files.isRegularFile(out.resolve("import-report.json"))).isTrue();
        assertThat(robot.lookup("#untrained-banner").query().isVisible()).isFalse();
    }

    @Test
    void aMismatchingPresetGivesADialogNamingTheFileAndTheModelStays(FxRobot robot) throws Exception {
        Path out = tmp.resolve("wrong-" + System.nanoTime());
        ImportCheckpointDialog d = fillDialog(robot, "m3vit-synth", out);
        confirm(robot, d);
        waitFor(() -> window.lastError() != null && window.lastError().isShowing());
        assertThat(window.lastError().getHeaderText()).isEqualTo("Cannot import checkpoint");
        assertThat(window.lastError().getContentText()).startsWith(FIXTURE.resolve("ranks").toString())
                .contains("does not match config m3vit-synth");
        assertThat(vm.modelProperty().get()).isSameAs(start);
        assertThat(Files.exists(out)).isFalse();
    }
}
