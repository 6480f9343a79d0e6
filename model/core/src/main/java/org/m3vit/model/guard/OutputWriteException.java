package org.m3vit.model.guard;

import java.io.IOException;
import java.nio.file.Path;

/** An output file could not be written; the message is one line, the file and the reason. A run stops at the first. */
public final class OutputWriteException extends IOException {
    private static final long serialVersionUID = 1L;


    private final transient Path file;
    private final String reason;

    /** A write failure of {@code file} for {@code reason}. */
    public OutputWriteException(Path file, String reason, Throwable cause) {
        super(file + ": cannot write: " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** Why the file could not be written, e.g. "No space left on device". */
    public String reason() { return reason; }

    /** The file that could not be written. */
    public Path file() { return file; }
}
