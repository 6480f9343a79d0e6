package org.m3vit.model.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Only regular files are opened as inputs: a pipe or a device would block or never end, so they
 * are refused before anything opens them. Messages start with the path.
 */
public final class InputFiles {

    private InputFiles() { }

    /**
     * Returns {@code file} if it is a regular file (links are followed) of at most {@code maxBytes};
     * otherwise refuses it saying it is missing, a directory, a special file or too large.
     * {@code what} names what the file should be ("config file", "image file" ...).
     */
    public static Path requireRegular(Path file, String what, long maxBytes) throws IOException {
        if (file.toString().isEmpty()) throw new IOException("the " + what + " path is empty");
        if (!Files.exists(file)) throw new IOException(file + ": " + what + " not found");
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, not a " + what);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": is not a regular file (a pipe, device or socket); only regular files are read");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + ": " + what + " of " + Limits.bytes(size) + " is larger than the "
                    + Limits.bytes(maxBytes) + " accepted");
        }
        return file;
    }

    /** {@link #requireRegular(Path, String, long)} without a size bound. */
    public static Path requireRegular(Path file, String what) throws IOException {
        return requireRegular(file, what, Long.MAX_VALUE);
    }
}
