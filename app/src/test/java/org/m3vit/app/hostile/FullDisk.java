package org.m3vit.app.hostile;

import org.m3vit.model.guard.AtomicFiles;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A full disk without filling one: the {@code failingOpen}-th output file opened (1-based) takes
 * {@code bytesBefore} bytes and then fails as a full disk does; the others are written normally.
 */
final class FullDisk implements AtomicFiles.Opener {

    private final int failingOpen;
    private final long bytesBefore;
    private final AtomicInteger opens = new AtomicInteger();

    FullDisk(int failingOpen, long bytesBefore) {
        this.failingOpen = failingOpen;
        this.bytesBefore = bytesBefore;
    }

    @Override
    public OutputStream open(Path tmp) throws IOException {
        OutputStream real = Files.newOutputStream(tmp);
        if (opens.incrementAndGet() != failingOpen) return real;
        return new FilterOutputStream(real) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                if (written++ >= bytesBefore) throw new FileSystemException(tmp.toString(), null, "No space left on device");
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) write(b[off + i]);
            }
        };
    }
}
