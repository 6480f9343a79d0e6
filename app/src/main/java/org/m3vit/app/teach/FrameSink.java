package org.m3vit.app.teach;

import java.io.IOException;

/**
 * Where the frames of a clip go (a GIF, a video encoder). The file is written under a temporary
 * name: {@link #finish()} completes it, {@link #commit()} puts it in place, {@link #discard()}
 * (after a failure or a cancel, at any point) removes it and leaves any earlier file as it was.
 */
public interface FrameSink {

    /** Appends the next frame. */
    void add(Frame frame) throws IOException;

    /** Completes the temporary file after the last frame (the target is not touched yet). */
    void finish() throws IOException;

    /** Renames the finished file over its target. */
    void commit() throws IOException;

    /** Stops and deletes the temporary file; safe to call more than once and after {@link #commit()} (then it does nothing). */
    void discard();

    /** The file this sink writes. */
    java.nio.file.Path target();
}
