package org.m3vit.model.checkpoint;

import org.m3vit.model.guard.Limits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads one record of a checkpoint's zip while checking what its header declares: the inflated
 * bytes are counted as they arrive (a record that inflates past its declared size, or past the
 * limit, is refused before it can fill memory), a short record is refused, and the CRC-32 must
 * match (Java's zip reader checks none of this for stored records, which torch.save writes).
 */
final class ZipRecords {

    private ZipRecords() { }

    static byte[] read(Path file, ZipFile zip, ZipEntry entry, int limit) throws CheckpointException {
        String name = entry.getName();
        long declared = entry.getSize();
        if (declared > limit) {
            throw new CheckpointException(file, "record '" + name + "' declares " + Limits.bytes(declared) + "; at most "
                    + Limits.bytes(limit) + " are read");
        }
        int cap = declared >= 0 ? (int) declared : limit;
        byte[] out = new byte[declared >= 0 ? cap : Math.min(cap, 1 << 16)];
        int n = 0;
        CRC32 crc = new CRC32();
        try (InputStream in = zip.getInputStream(entry)) {
            while (true) {
                if (n == out.length) {
                    if (n >= cap) {
                        if (in.read() < 0) break;
                        throw new CheckpointException(file, "record '" + name + "' inflates to more than the "
                                + cap + " bytes " + (declared >= 0 ? "its header declares" : "accepted") + "; the archive is damaged or forged");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(cap, 2L * out.length));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) break;
                crc.update(out, n, r);
                n += r;
            }
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, "record '" + name + "' cannot be read (truncated or damaged archive): "
                    + org.m3vit.model.guard.OneLine.of(String.valueOf(e.getMessage())), e);
        }
        if (declared >= 0 && n != declared) {
            throw new CheckpointException(file, "record '" + name + "' has " + n + " bytes, its header declares " + declared
                    + " (truncated or damaged archive)");
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new CheckpointException(file, "record '" + name + "' is damaged: its CRC-32 is " + Long.toHexString(crc.getValue())
                    + ", the archive says " + Long.toHexString(entry.getCrc()));
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
