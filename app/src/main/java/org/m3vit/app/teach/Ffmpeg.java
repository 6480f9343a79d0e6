package org.m3vit.app.teach;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the ffmpeg program that encodes the video exports (Debian's package: {@code apt-get install
 * -y ffmpeg}): the file named by the system property {@code m3vit.ffmpeg} if set, else {@code ffmpeg}
 * on the PATH. Its sibling ffprobe is found the same way.
 */
public final class Ffmpeg {

    /** System property naming the ffmpeg executable to use instead of the PATH's. */
    public static final String PROPERTY = "m3vit.ffmpeg";
    /** How to get it, said in every message about a missing ffmpeg. */
    public static final String INSTALL = "install it (Debian, Ubuntu: apt-get install -y ffmpeg) or export a GIF instead";

    private Ffmpeg() { }

    /** The ffmpeg to run, if there is one. */
    public static Optional<Path> find() {
        return find("ffmpeg", System.getProperty(PROPERTY), System.getenv("PATH"));
    }

    /** ffprobe beside the ffmpeg found (else on the PATH), if there is one. */
    public static Optional<Path> findProbe() {
        String own = System.getProperty(PROPERTY);
        String beside = own == null ? null : Path.of(own).resolveSibling("ffprobe").toString();
        return find("ffprobe", beside, System.getenv("PATH"));
    }

    /** {@code explicit} if given and executable (else none), else the first executable {@code name} on {@code path}. */
    static Optional<Path> find(String name, String explicit, String path) {
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The ffmpeg to run, or a one-line refusal naming {@code option} and how to install it. */
    public static Path require(String option) throws IOException {
        return require(option, System.getProperty(PROPERTY), System.getenv("PATH"));
    }

    static Path require(String option, String explicit, String path) throws IOException {
        Optional<Path> p = find("ffmpeg", explicit, path);
        if (p.isPresent()) return p.get();
        if (explicit != null && !explicit.isBlank()) {
            throw new IOException(option + ": ffmpeg is not at " + explicit + " (named by -D" + PROPERTY + "), or it is not executable; " + INSTALL);
        }
        throw new IOException(option + ": the video encoder ffmpeg is not installed (not found on the PATH); " + INSTALL);
    }
}
