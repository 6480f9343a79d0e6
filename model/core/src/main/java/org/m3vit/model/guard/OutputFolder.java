package org.m3vit.model.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder that outputs go into: every file name is checked to be one plain name (no separator,
 * no {@code ..}, no control character) and the resolved path must stay directly inside the folder.
 */
public final class OutputFolder {

    private final Path root;

    private OutputFolder(Path root) {
        this.root = root;
    }

    /** The folder {@code dir} (refused when empty or not a folder), created if missing. */
    public static OutputFolder create(Path dir) throws IOException {
        Path root = OutputTargets.folder("output folder", dir);
        return new OutputFolder(root);
    }

    /** The folder's absolute, normalised path. */
    public Path root() { return root; }

    /** The path of the file {@code name} inside the folder; refuses names that would land anywhere else. */
    public Path file(String name) throws IOException {
        if (name == null || name.isEmpty()) throw new IOException(root + ": an output file name is empty");
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IOException(root + ": output file name " + Names.quote(name) + " is not a plain file name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IOException(root + ": output file name " + Names.quote(name) + " holds a control character");
            }
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new IOException(root + ": output file name " + Names.quote(name) + " is longer than 255 bytes");
        }
        Path p = root.resolve(name).normalize();
        if (!root.equals(p.getParent())) {
            throw new IOException(root + ": output file name " + Names.quote(name) + " would be written outside the folder");
        }
        if (Files.isDirectory(p)) throw new IOException(p + ": cannot write: a folder of that name is in the way");
        return p;
    }
}
