package org.m3vit.app.teach;

import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.OutputWriteException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link FrameSink} that writes one file under a temporary name beside its target: commit renames
 * it over the target; discard stops the writer and deletes it (and does nothing once committed).
 */
abstract class FileSink implements FrameSink {

    /** The file being written. */
    protected final AtomicFiles.Pending pending;
    private boolean committed;

    FileSink(Path target) throws OutputWriteException {
        pending = AtomicFiles.begin(target);
    }

    @Override
    public final Path target() { return pending.target(); }

    @Override
    public final void commit() throws IOException {
        pending.commit();
        committed = true;
    }

    @Override
    public final void discard() {
        if (committed) return;
        stop();
        pending.discard();
    }

    /** Stops writing (closes the stream, ends the encoder) so that the temporary file can be deleted; safe to call twice. */
    protected abstract void stop();
}
