package org.m3vit.app.service;

import java.util.ArrayList;
import java.util.List;

/**
 * What the window remembers between runs: its size, the last folder and model, recent files, and
 * how images of another shape are fitted ("letterbox", "crop", "stretch"; null = letterbox).
 * Stored as JSON by {@link SettingsStore}.
 */
public record Settings(double windowWidth, double windowHeight, String lastFolder, String lastModel, List<String> recentFiles,
                       String imageFit) {

    /** How many recent files are kept. */
    public static final int MAX_RECENT = 8;

    public Settings {
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
    }

    /** The settings of a first run. */
    public static Settings defaults() { return new Settings(1440, 900, null, null, List.of(), null); }

    /** With {@code file} first in the recent list (moved up if present, list capped). */
    public Settings withRecent(String file) {
        List<String> list = new ArrayList<>(recentFiles);
        list.remove(file);
        list.add(0, file);
        while (list.size() > MAX_RECENT) list.remove(list.size() - 1);
        return new Settings(windowWidth, windowHeight, lastFolder, lastModel, list, imageFit);
    }

    /** With another last folder. */
    public Settings withLastFolder(String folder) {
        return new Settings(windowWidth, windowHeight, folder, lastModel, recentFiles, imageFit);
    }

    /** With another last model. */
    public Settings withLastModel(String model) {
        return new Settings(windowWidth, windowHeight, lastFolder, model, recentFiles, imageFit);
    }

    /** With another window size. */
    public Settings withWindowSize(double width, double height) {
        return new Settings(width, height, lastFolder, lastModel, recentFiles, imageFit);
    }

    /** With another image fit. */
    public Settings withImageFit(String fit) {
        return new Settings(windowWidth, windowHeight, lastFolder, lastModel, recentFiles, fit);
    }
}
