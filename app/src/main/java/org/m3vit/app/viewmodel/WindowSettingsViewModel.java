package org.m3vit.app.viewmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.m3vit.app.service.SampleGallery;
import org.m3vit.app.service.Settings;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.model.image.ImageFit;

/**
 * What the window remembers between runs, as state the window binds to: the size it opens at, the
 * folder file dialogs start in, the model of the last run, and (through the explorer's view model)
 * the recent files and the image fit. Loaded once from a {@link SettingsStore}; {@link #save} writes
 * it back with the current values.
 */
public final class WindowSettingsViewModel {

    private final ExplorerViewModel vm;
    private final SettingsStore store;
    private final Settings loaded;
    private final ReadOnlyStringWrapper lastFolder = new ReadOnlyStringWrapper(this, "lastFolder");

    /** Loads the settings of {@code store} and applies the remembered recent files and image fit to {@code vm}. */
    public WindowSettingsViewModel(ExplorerViewModel vm, SettingsStore store) {
        this.vm = vm;
        this.store = store;
        this.loaded = store.load();
        lastFolder.set(loaded.lastFolder());
        vm.recentFiles().setAll(loaded.recentFiles());
        if (loaded.imageFit() != null) {
            try {
                vm.imageFitProperty().set(ImageFit.parse(loaded.imageFit()));
            } catch (IllegalArgumentException e) {
                // a hand-edited settings file: keep the view model's fit (letterbox)
            }
        }
    }

    /** The settings file; other panels keep their own files beside it. */
    public Path file() { return store.file(); }

    /** The window width of the last run (or the first-run default). */
    public double windowWidth() { return loaded.windowWidth(); }

    /** The window height of the last run (or the first-run default). */
    public double windowHeight() { return loaded.windowHeight(); }

    /** The model asked for in the last run (null when none). */
    public String lastModel() { return loaded.lastModel(); }

    /** The folder the last file dialog ended in (null when none yet). */
    public ReadOnlyStringProperty lastFolderProperty() { return lastFolder.getReadOnlyProperty(); }

    /** Remembers {@code folder} as where the next file dialog starts; null is ignored. */
    public void rememberFolder(Path folder) {
        if (folder != null) lastFolder.set(folder.toAbsolutePath().toString());
    }

    /** Remembers the folder that holds {@code file}. */
    public void rememberFolderOf(Path file) {
        rememberFolder(file.toAbsolutePath().getParent());
    }

    /** Where a file dialog starts: the last folder if it still exists, else the sample folder, else null (the system's choice). */
    public Path initialFolder() {
        String last = lastFolder.get();
        if (last != null && Files.isDirectory(Path.of(last))) return Path.of(last);
        Path samples = SampleGallery.defaultFolder();
        return Files.isDirectory(samples) ? samples : null;
    }

    /** The folder exports default to: the last folder, else the user's home. */
    public Path exportFolder() {
        String last = lastFolder.get();
        return Path.of(last != null ? last : System.getProperty("user.home"));
    }

    /** Writes the settings: the given window size (ignored when not positive), the folder, model, recent files and image fit. */
    public void save(double width, double height) {
        boolean sized = width > 0 && height > 0;
        store.save(new Settings(sized ? width : loaded.windowWidth(), sized ? height : loaded.windowHeight(), lastFolder.get(),
                vm.modelSourceProperty().get(), List.copyOf(vm.recentFiles()), vm.imageFitProperty().get().optionName()));
    }
}
