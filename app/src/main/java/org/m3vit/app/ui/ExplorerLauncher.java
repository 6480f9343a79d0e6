package org.m3vit.app.ui;

import javafx.application.Application;
import javafx.stage.Stage;
import org.m3vit.app.service.DjlModelLoader;
import org.m3vit.app.service.FileImageSource;
import org.m3vit.app.service.FxBackgroundRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.SampleGallery;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.Presets;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the JavaFX explorer window from a plain (non-Application) main class. */
public final class ExplorerLauncher {

    /**
     * The window's result cache holds at most this many bytes of outputs and routing: 192 MiB, or an
     * eighth of the heap when that is less (46 MiB in the launcher's 384 MiB window heap: about 100
     * results of the bundled model, all three tasks of 30 images; docs/gui.md, "Memory").
     */
    public static final long CACHE_BYTES = Math.min(192L << 20, Runtime.getRuntime().maxMemory() / 8);

    private ExplorerLauncher() { }

    /** Opens the window; {@code model} is a model directory or preset, null for the last or the bundled model. */
    public static void launch(String model) {
        System.setProperty("m3vit.model", model == null ? "" : model);
        Application.launch(Window.class);
    }

    /** A view model wired to the real services: the DJL network, the image loader, one worker thread. */
    public static ExplorerViewModel realViewModel() {
        return new ExplorerViewModel(new DjlModelLoader(), new FileImageSource(), new FxBackgroundRunner(),
                new ResultCache(256, CACHE_BYTES), System::nanoTime);
    }

    /**
     * The model to open at start: the one asked for, else the last one if it still exists, else the
     * default (null). If it fails to open, the view model falls back to the default model.
     */
    static String startModel(String asked, String last) {
        if (asked != null && !asked.isBlank()) return asked;
        if (last != null && (Presets.exists(last) || Files.isDirectory(Path.of(last)))) return last;
        return null;
    }

    /** The explorer as a JavaFX application. */
    public static final class Window extends Application {
        private ExplorerViewModel vm;

        @Override
        public void start(Stage stage) {
            vm = realViewModel();
            ExplorerViewModel vm = this.vm;
            ExplorerWindow window = new ExplorerWindow(vm, SettingsStore.standard(), SampleGallery.defaultFolder());
            window.show(stage);
            HardwareTab.install(window, vm);
            SampleGallery.startImage(vm.recentFiles(), SampleGallery.defaultFolder()).ifPresent(vm::setStartImage);
            String asked = System.getProperty("m3vit.model", "");
            vm.openModel(startModel(asked, window.lastModel()));
        }

        /** Closes the model once the worker is done with it, then stops the worker (the JVM exits cleanly, natives freed). */
        @Override
        public void stop() {
            if (vm == null) return;
            vm.shutdown();
            if (vm.runner() instanceof FxBackgroundRunner r) r.close();
        }
    }
}
