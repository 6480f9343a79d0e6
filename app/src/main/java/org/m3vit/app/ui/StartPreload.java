package org.m3vit.app.ui;

import org.m3vit.app.service.ImageSource;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.ModelLoader;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.TaskResult;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.app.viewmodel.MetricsText;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.MultiTaskModel;
import org.m3vit.model.image.ImageFit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The window's start, ahead of the window: while the JavaFX toolkit starts and the window is built,
 * a thread of its own opens the start model, reads the start image and runs the first task on it,
 * and puts the result into the window's result cache. The view model's first "open model" then takes
 * this model ({@link #loader}) and finds the first output in the cache: no model loading and no
 * inference wait behind the window. The model is handed over only after the thread is done with it,
 * so it is never used by two threads at once; the worker owns it from then on.
 */
final class StartPreload {

    private final String source;
    private final CompletableFuture<MultiTaskModel> model = new CompletableFuture<>();
    private boolean taken;

    private StartPreload(String source) { this.source = blankToNull(source); }

    /**
     * Starts opening {@code source} (a model directory or preset, null for the bundled model) with
     * {@code loader}; then {@code image} (may be null) is read with {@code fit} and the model's first
     * task run on it into {@code cache}.
     */
    static StartPreload start(String source, Path image, ImageFit fit, ModelLoader loader, ImageSource images, ResultCache cache) {
        StartPreload p = new StartPreload(source);
        Thread t = new Thread(() -> p.run(loader, image, fit, images, cache), "m3vit-start-preload");
        t.setDaemon(true);
        t.start();
        return p;
    }

    private void run(ModelLoader loader, Path image, ImageFit fit, ImageSource images, ResultCache cache) {
        MultiTaskModel m;
        try {
            m = loader.open(source);
        } catch (Throwable e) { // the view model reports it, as it would its own attempt
            model.completeExceptionally(e);
            return;
        }
        try {
            if (image != null) {
                LoadedImage img = images.load(image, m.config(), fit);
                String task = m.config().tasks().get(0).name();
                InferenceResult r = m.infer(img.chw(), List.of(task));
                String metrics = Objects.requireNonNullElse(MetricsText.of(r.output(task), img.truth()), "");
                cache.put(ExplorerViewModel.resultKey(m, img, task), new TaskResult(r.output(task), r.trace(task), r.nanos(), metrics));
            }
        } catch (Throwable e) {
            // the image or the first pass failed here: the view model reads and runs it again, and reports what fails
        } finally {
            model.complete(m);
        }
    }

    /**
     * A loader that gives the preloaded model to the first request for the same source and asks
     * {@code real} for anything else.
     */
    ModelLoader loader(ModelLoader real) {
        return dirOrPreset -> take(dirOrPreset) ? await() : real.open(dirOrPreset);
    }

    private synchronized boolean take(String dirOrPreset) {
        if (taken || !Objects.equals(blankToNull(dirOrPreset), source)) return false;
        taken = true;
        return true;
    }

    private MultiTaskModel await() throws Exception {
        try {
            return model.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    /** Closes the preloaded model if the window never took it (it closes before the model was asked for). */
    void discard() {
        synchronized (this) {
            if (taken) return;
            taken = true;
        }
        model.thenAccept(MultiTaskModel::close);
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
