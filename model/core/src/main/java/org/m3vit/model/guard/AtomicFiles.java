package org.m3vit.model.guard;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every output file is written under a temporary name beside its target and renamed over it only
 * when complete, so a failed write (full disk, lost permission) leaves nothing half-written: the old
 * file, or none. The failure is one {@link OutputWriteException} naming the file and the reason.
 */
public final class AtomicFiles {

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Body {
        /** Writes everything to {@code out}; need not close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Opens the stream of a new temporary file (replaceable so that tests can inject a full disk). */
    @FunctionalInterface
    public interface Opener {
        /** A new stream writing {@code tmp}. */
        OutputStream open(Path tmp) throws IOException;
    }

    private static final Opener FILES = tmp -> Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static volatile Opener opener = FILES;

    private AtomicFiles() { }

    /** Writes {@code target} from {@code body} through a temporary file and a rename. */
    public static void write(Path target, Body body) throws OutputWriteException {
        Pending p = begin(target);
        try {
            try (OutputStream out = new BufferedOutputStream(p.open(), 1 << 16)) {
                body.writeTo(out);
            }
            p.commit();
        } catch (IOException | RuntimeException e) {
            p.discard();
            if (e instanceof OutputWriteException w) throw w;
            throw new OutputWriteException(p.target(), reason(e), e);
        }
    }

    /**
     * Starts writing {@code target} under a hidden temporary name beside it, for outputs written
     * over a long time or by another program (an encoder): fill {@link Pending#temporary()} (or
     * {@link Pending#open()}), then {@link Pending#commit()} renames it over the target, or
     * {@link Pending#discard()} deletes it and leaves the target as it was.
     */
    public static Pending begin(Path target) throws OutputWriteException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) throw new OutputWriteException(abs, "a folder of that name is in the way", null);
        String name = abs.getFileName().toString();
        String stamp = ".partial-" + Long.toHexString(System.nanoTime());
        return new Pending(abs, abs.getParent().resolve(name.length() > 200 ? ".m3vit" + stamp : "." + name + stamp));
    }

    /** An output being written under a temporary name; see {@link #begin}. */
    public static final class Pending {
        private final Path target;
        private final Path temporary;

        private Pending(Path target, Path temporary) {
            this.target = target;
            this.temporary = temporary;
        }

        /** The file that will be written, absolute. */
        public Path target() { return target; }

        /** The hidden file to write now (in the target's folder, so the rename is atomic). */
        public Path temporary() { return temporary; }

        /** A new stream writing the temporary file (through the injectable opener, so tests can fill the disk). */
        public OutputStream open() throws IOException { return opener.open(temporary); }

        /** Renames the finished temporary file over the target. */
        public void commit() throws OutputWriteException {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                discard();
                throw new OutputWriteException(target, reason(e), e);
            }
        }

        /** Deletes the temporary file; the target stays as it was. */
        public void discard() {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the reason the caller reports is what the user must see; a left temporary file has a hidden name
            }
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws OutputWriteException {
        write(target, out -> out.write(bytes));
    }

    /** Writes text to a writer. */
    @FunctionalInterface
    public interface TextBody {
        /** Writes everything to {@code out}; need not flush or close it. */
        void writeTo(java.io.Writer out) throws IOException;
    }

    /** Writes UTF-8 text to {@code target} atomically. */
    public static void writeText(Path target, TextBody body) throws OutputWriteException {
        write(target, out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
            body.writeTo(w);
            w.flush();
        });
    }

    /** Writes {@code image} to {@code target} as PNG, atomically. */
    public static void writePng(Path target, java.awt.image.RenderedImage image) throws OutputWriteException {
        write(target, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) throw new IOException("no PNG writer for this image type");
        });
    }

    /** The reason of an I/O failure in plain words, e.g. "No space left on device" or "permission denied". */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof FileSystemException)) t = t.getCause();
        if (t instanceof AccessDeniedException) return "permission denied";
        if (t instanceof NoSuchFileException) return "no such file or folder";
        if (t instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        String m = t.getMessage();
        return m == null || m.isBlank() ? "write failed" : OneLine.of(m);
    }

    /** Replaces how temporary files are opened, until the returned handle is closed (for tests of failing disks). */
    public static AutoCloseable injectOpener(Opener o) {
        opener = o;
        return () -> opener = FILES;
    }
}
