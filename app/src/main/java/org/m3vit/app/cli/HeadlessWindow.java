package org.m3vit.app.cli;

import javafx.stage.Stage;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.ui.ExplorerLauncher;
import org.m3vit.app.ui.ExplorerWindow;
import org.m3vit.app.ui.HardwareTab;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.hw.panel.HardwarePanel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real explorer window for a command (screenshots, benchmarks): the real view model and
 * services, the Hardware tab, a window of the given size with throw-away settings, the model
 * opened and the first image's output on screen.
 */
record HeadlessWindow(ExplorerWindow window, ExplorerViewModel vm, HardwarePanel hardware, List<String> log, Path settings) {

    /** Opens the window on {@code gallery} with {@code model} (null: bundled) and waits for {@code image}'s first output. */
    static HeadlessWindow open(String model, Path gallery, Path image, int width, int height) throws Exception {
        // the engine's threads as the window sets them (before the engine starts)
        if (System.getProperty(ExplorerLauncher.ENGINE_THREADS) == null) {
            System.setProperty(ExplorerLauncher.ENGINE_THREADS, Integer.toString(ExplorerLauncher.windowEngineThreads()));
        }
        FxRunner.start();
        Path settings = Files.createTempFile("m3vit-window", ".json");
        Files.writeString(settings, "{\"windowWidth\":" + width + ",\"windowHeight\":" + height + "}");
        ExplorerViewModel vm = ExplorerLauncher.realViewModel();
        List<String> lines = new ArrayList<>();
        vm.setLog(lines::add);
        HardwarePanel[] hardware = new HardwarePanel[1];
        ExplorerWindow w = FxRunner.call(() -> {
            ExplorerWindow win = new ExplorerWindow(vm, new SettingsStore(settings), gallery);
            Stage stage = new Stage();
            win.show(stage);
            hardware[0] = HardwareTab.install(win, vm);
            stage.setWidth(width);
            stage.setHeight(height);
            return win;
        });
        vm.setErrorReporter((t, m) -> { throw new IllegalStateException(t + ": " + m); });
        FxRunner.run(() -> vm.openModel(model));
        FxRunner.await("the model", 300, () -> vm.modelProperty().get() != null);
        FxRunner.run(() -> vm.openImage(image));
        FxRunner.await("the first output", 300, () -> vm.currentResultProperty().get() != null);
        return new HeadlessWindow(w, vm, hardware[0], lines, settings);
    }

    /** Hides the window, stops the toolkit and deletes the settings file. */
    void close() throws Exception {
        FxRunner.run(() -> window.scene().getWindow().hide());
        javafx.application.Platform.exit();
        Files.deleteIfExists(settings);
    }
}
