package org.m3vit.app.service;

import java.io.IOException;
import java.nio.file.Path;

/** The output folder of an import already holds something; the window asks before replacing it. */
public final class FolderNotEmptyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path folder;

    /** {@code folder} holds what {@code contents} describes ("an earlier import of m3vit-synth", "3 files: a, b, c"). */
    public FolderNotEmptyException(Path folder, String contents) {
        super(folder + ": the folder already holds " + contents);
        this.folder = folder;
    }

    /** The folder. */
    public Path folder() { return folder; }
}
