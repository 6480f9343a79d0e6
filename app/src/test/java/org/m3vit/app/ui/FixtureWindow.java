package org.m3vit.app.ui;

import javafx.stage.Stage;
import org.m3vit.app.fixture.FixtureImages;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.FileImageSource;
import org.m3vit.app.service.FxBackgroundRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.viewmodel.ExplorerViewModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** A test window on the formula fixture model, with the room sample in its own folder and fresh settings, shown at 1200 x 780. */
record FixtureWindow(ExplorerViewModel vm, ExplorerWindow window, Path samples) {

    /** Shows the window on {@code stage} (files under {@code tmp}); the model is not opened yet. */
    static FixtureWindow show(Stage stage, Path tmp, boolean trained) throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples-" + System.nanoTime()));
        FixtureImages.writeRoom(samples);
        FixtureModel model = new FixtureModel(trained);
        ExplorerViewModel vm = new ExplorerViewModel(dir -> model, new FileImageSource(), new FxBackgroundRunner(), new ResultCache(16),
                System::nanoTime);
        vm.setLog(s -> { });
        ExplorerWindow window = new ExplorerWindow(vm, new SettingsStore(tmp.resolve("settings-" + System.nanoTime() + ".json")), samples);
        window.show(stage);
        stage.setWidth(1200); // within Monocle's 1280x800 screen
        stage.setHeight(780);
        return new FixtureWindow(vm, window, samples);
    }
}
