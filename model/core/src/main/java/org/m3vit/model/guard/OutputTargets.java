package org.m3vit.model.guard;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output path before any work starts: not empty, its folder exists or can be created and
 * takes a new file, and it is not a folder itself. A run that could not write its result is refused
 * at once instead of after hours.
 */
public final class OutputTargets {

    private OutputTargets() { }

    /** An output file path ({@code what} names the option), checked writable; returns it absolute and normalised. */
    public static Path file(String what, Path file) throws IOException {
        if (file == null || file.toString().isEmpty()) throw new IOException(what + ": the path is empty");
        Path p = file.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) throw new IOException(p + ": cannot write " + what + ": it is a folder");
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            throw new IOException(p + ": cannot write " + what + ": it is not a regular file (a pipe, device or socket)");
        }
        Path parent = p.getParent();
        folder(what, parent);
        return p;
    }

    /** An output folder ({@code what} names the option), created if missing and checked writable; returns it absolute. */
    public static Path folder(String what, Path dir) throws IOException {
        if (dir == null || dir.toString().isEmpty()) throw new IOException(what + ": the path is empty");
        Path p = dir.toAbsolutePath().normalize();
        if (Files.exists(p) && !Files.isDirectory(p)) throw new IOException(p + ": cannot write " + what + " here: it is a file, not a folder");
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new IOException(p + ": cannot create the folder: " + AtomicFiles.reason(e), e);
        }
        try {
            Path probe = Files.createTempFile(p, ".m3vit-probe-", ".tmp");
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new IOException(p + ": cannot write into this folder: " + AtomicFiles.reason(e), e);
        }
        return p;
    }
}
