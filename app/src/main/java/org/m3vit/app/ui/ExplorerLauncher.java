package org.m3vit.app.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.m3vit.app.service.DjlModelLoader;
import org.m3vit.app.service.FileImageSource;
import org.m3vit.app.service.FxBackgroundRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.SampleGallery;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.service.StartupTimes;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.Presets;
import org.m3vit.model.image.ImageFit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the JavaFX explorer window from a plain (non-Application) main class. */
public final class ExplorerLauncher {

    /**
     * The window's result cache holds at most this many bytes of outputs and routing: 192 MiB, or an
     * eighth of the heap when that is less (40 MiB in the launcher's 320 MiB window heap: about 85
     * results of the bundled model, all three tasks of 28 images; docs/gui.md, "Memory").
     */
    public static final long CACHE_BYTES = Math.min(192L << 20, Runtime.getRuntime().maxMemory() / 8);

    private ExplorerLauncher() { }

    /** The start's preload (model, image, first output), made before the toolkit starts; null in other JVMs. */
    private static StartPreload preload;
    private static ResultCache startCache;
    private static org.m3vit.app.service.Settings startSettings;

    /** Opens the window; {@code model} is a model directory or preset, null for the last or the bundled model. */
    public static void launch(String model) {
        System.setProperty("m3vit.model", model == null ? "" : model);
        // before the engine starts: half the cores for the network (at most 4), the rest for the window's own threads
        if (System.getProperty(ENGINE_THREADS) == null) System.setProperty(ENGINE_THREADS, Integer.toString(windowEngineThreads()));
        // the model, the start image and its first output are prepared on a thread of their own while the toolkit starts
        // and the window is built (the settings are read here for the start model, image and fit; the window reads them again)
        startSettings = SettingsStore.standard().load();
        startCache = newCache();
        Path image = SampleGallery.startImage(startSettings.recentFiles(), SampleGallery.defaultFolder()).orElse(null);
        ImageFit fit = ImageFit.LETTERBOX;
        try {
            if (startSettings.imageFit() != null) fit = ImageFit.parse(startSettings.imageFit());
        } catch (IllegalArgumentException e) {
            // a hand-edited settings file: the window keeps letterbox too
        }
        // -Dm3vit.preload=false: the window opens its model and image itself, after it is built (to measure what the preload saves)
        if (!"false".equals(System.getProperty("m3vit.preload"))) {
            preload = StartPreload.start(startModel(model, startSettings.lastModel()), image, fit, new DjlModelLoader(),
                    new FileImageSource(), startCache);
        }
        Application.launch(Window.class);
    }

    /** The system property that sets libtorch's intra-op threads (read once, when the engine starts). */
    public static final String ENGINE_THREADS = "ai.djl.pytorch.num_threads";

    /**
     * libtorch's intra-op threads in the window: half the processors, at least 1 and at most 4. With two
     * threads on two cores the forward pass waits for the FX and render threads (and any other program):
     * on this project's 2-core machine with one core busy, the switch with inference took 127-137 ms
     * (median) with two threads against 79 ms with one (docs/gui.md).
     */
    public static int windowEngineThreads() { return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)); }

    /** A view model wired to the real services: the DJL network, the image loader, one worker thread. */
    public static ExplorerViewModel realViewModel() {
        return new ExplorerViewModel(new DjlModelLoader(), new FileImageSource(), new FxBackgroundRunner(), newCache(), System::nanoTime);
    }

    private static ResultCache newCache() { return new ResultCache(256, CACHE_BYTES); }

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
            StartupTimes.mark(StartupTimes.TOOLKIT);
            StartPreload ahead = preload;
            org.m3vit.app.service.ModelLoader loader = ahead == null ? new DjlModelLoader() : ahead.loader(new DjlModelLoader());
            vm = new ExplorerViewModel(loader, new FileImageSource(), new FxBackgroundRunner(),
                    startCache != null ? startCache : newCache(), System::nanoTime);
            ExplorerViewModel vm = this.vm;
            SettingsStore store = SettingsStore.standard();
            org.m3vit.app.service.Settings settings = startSettings != null ? startSettings : store.load();
            // the model is asked for before the window is built: the worker takes the preloaded one (or opens it) meanwhile
            SampleGallery.startImage(settings.recentFiles(), SampleGallery.defaultFolder()).ifPresent(vm::setStartImage);
            vm.openModel(startModel(System.getProperty("m3vit.model", ""), settings.lastModel()));
            ExplorerWindow window = new ExplorerWindow(vm, store, SampleGallery.defaultFolder());
            StartupTimes.mark(StartupTimes.BUILT);
            window.show(stage);
            HardwareTab.install(window, vm);
            StartupTimes.mark(StartupTimes.SHOWN);
            watchStart(window, vm);
        }

        /** Closes the model once the worker is done with it, then stops the worker (the JVM exits cleanly, natives freed). */
        @Override
        public void stop() {
            if (preload != null) preload.discard();
            if (vm == null) return;
            vm.shutdown();
            if (vm.runner() instanceof FxBackgroundRunner r) r.close();
        }
    }

    /**
     * Records the start's milestones (window laid out, model ready, first output laid out); prints them
     * with {@code --debug}, and closes the window after the first output for {@code bench start}.
     */
    private static void watchStart(ExplorerWindow window, ExplorerViewModel vm) {
        Scene scene = window.scene();
        afterNextLayout(scene, () -> StartupTimes.mark(StartupTimes.WINDOW));
        if (vm.modelProperty().get() != null) StartupTimes.mark(StartupTimes.MODEL);
        vm.modelProperty().addListener((o, was, now) -> { if (now != null) StartupTimes.mark(StartupTimes.MODEL); });
        javafx.beans.InvalidationListener[] first = new javafx.beans.InvalidationListener[1];
        first[0] = o -> {
            if (vm.currentResultProperty().get() == null) return;
            vm.currentResultProperty().removeListener(first[0]);
            afterNextLayout(scene, () -> {
                StartupTimes.mark(StartupTimes.OUTPUT);
                if (Boolean.getBoolean("m3vit.debug")) System.getLogger("org.m3vit.app").log(System.Logger.Level.INFO, StartupTimes.line());
                if (Boolean.getBoolean(EXIT_AFTER_START)) javafx.application.Platform.exit();
            });
        };
        vm.currentResultProperty().addListener(first[0]);
    }

    /** System property: close the window once the first output is on screen (for {@code bench start}). */
    public static final String EXIT_AFTER_START = "m3vit.exitAfterStart";

    private static void afterNextLayout(Scene scene, Runnable r) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            r.run();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
