package org.m3vit.model.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be used as model input; the message starts with the file's path. */
public final class ImageLoadException extends IOException {
    private static final long serialVersionUID = 1L;


    private final transient Path file;

    /** A refusal of {@code file} for {@code problem}. */
    public ImageLoadException(Path file, String problem) {
        this(file, problem, null);
    }

    /** A refusal of {@code file} for {@code problem}, caused by {@code cause}. */
    public ImageLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The refused file. */
    public Path file() { return file; }
}
