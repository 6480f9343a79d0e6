package org.m3vit.model.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a whole output folder (a model directory) beside its target and swaps it in only when
 * complete: a failure in the middle leaves the old folder as it was and no half-built one. A
 * non-empty target is replaced only when asked to.
 */
public final class FolderSwap {

    /** Fills a new, empty folder. */
    @FunctionalInterface
    public interface Builder {
        /** Writes every file into {@code folder}. */
        void build(Path folder) throws IOException;
    }

    private FolderSwap() { }

    /** Refuses {@code target} if it is a file, or a non-empty folder and not {@code replace}; returns it absolute. */
    public static Path check(Path target, boolean replace) throws IOException {
        if (target == null || target.toString().isEmpty()) throw new IOException("--out: the path is empty");
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t) && !Files.isDirectory(t)) throw new IOException(t + ": is a file, not a folder; choose a new folder");
        if (!replace && Files.isDirectory(t)) {
            long n;
            try (Stream<Path> s = Files.list(t)) {
                n = s.count();
            }
            if (n > 0) {
                throw new IOException(t + ": the folder is not empty (" + n + " entries); choose a new or empty folder "
                        + "(or, on the command line, pass --force to replace it)");
            }
        }
        OutputTargets.folder("output folder", t.getParent());
        return t;
    }

    /** Builds the folder beside {@code target} with {@code builder}, then puts it in place of {@code target}. */
    public static void write(Path target, boolean replace, Builder builder) throws IOException {
        Path t = check(target, replace);
        String stamp = Long.toHexString(System.nanoTime());
        Path staging = t.resolveSibling("." + t.getFileName() + ".building-" + stamp);
        Files.createDirectory(staging);
        try {
            builder.build(staging);
        } catch (OutputWriteException e) {
            deleteTree(staging);
            Path named = e.file() != null && e.file().startsWith(staging) ? t.resolve(staging.relativize(e.file())) : e.file();
            throw new OutputWriteException(named, e.reason(), e);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        if (!Files.exists(t)) {
            move(staging, t);
            return;
        }
        Path old = t.resolveSibling("." + t.getFileName() + ".old-" + stamp);
        move(t, old);
        try {
            move(staging, t);
        } catch (IOException e) {
            move(old, t);
            deleteTree(staging);
            throw e;
        }
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(to + ": cannot put the new folder in place: " + AtomicFiles.reason(e), e);
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException ignored) {
            // a leftover hidden staging folder loses nothing; the caller reports the real failure
        }
    }
}
