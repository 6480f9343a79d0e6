package org.m3vit.app.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link Settings} as JSON, by default {@code ~/.m3vit/settings.json} (the
 * system property {@code m3vit.settings} moves it, e.g. for tests). A missing or unreadable
 * file gives the defaults: settings never stop the window from opening.
 */
public final class SettingsStore {

    private static final System.Logger LOG = System.getLogger("org.m3vit.app");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path file;

    /** A store at {@code file}. */
    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store at the default place. */
    public static SettingsStore standard() {
        String p = System.getProperty("m3vit.settings");
        return new SettingsStore(p != null && !p.isBlank() ? Path.of(p)
                : Path.of(System.getProperty("user.home"), ".m3vit", "settings.json"));
    }

    /** The file used. */
    public Path file() { return file; }

    /** The stored settings, or the defaults when there are none or they cannot be read. */
    public Settings load() {
        if (!Files.isRegularFile(file)) return Settings.defaults();
        try {
            Settings s = JSON.readValue(file.toFile(), Settings.class);
            if (s.windowWidth() < 400 || s.windowHeight() < 300 || s.windowWidth() > 16_384 || s.windowHeight() > 16_384) {
                s = s.withWindowSize(1440, 900);
            }
            return s;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable settings " + file + ": " + org.m3vit.model.guard.JsonErrors.describe(e));
            return Settings.defaults();
        }
    }

    /** Writes the settings; a failure is printed, not thrown. */
    public void save(Settings settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            org.m3vit.model.guard.AtomicFiles.write(file, JSON.writeValueAsBytes(settings));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot save settings to " + file + ": " + e.getMessage());
        }
    }
}
