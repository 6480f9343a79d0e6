package org.m3vit.model.checkpoint;

import org.m3vit.model.guard.Limits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One file written by {@code torch.save} in the zip format (PyTorch 1.6 and later):
 * {@code <folder>/data.pkl} (the object graph), {@code <folder>/data/<key>} (raw storages),
 * {@code <folder>/version} and, in newer files, {@code <folder>/byteorder}. The folder may
 * have any name.
 */
public final class TorchArchive implements AutoCloseable {

    private static final int PICKLE_PROTO = 0x80;

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final ByteOrder order;
    private final Map<String, byte[]> storages = new HashMap<>();
    /** Storage records read from the zip so far (each should be read once). */
    int storageReads;

    private TorchArchive(Path file, ZipFile zip, String prefix, ByteOrder order) {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.order = order;
    }

    /** Opens {@code file}; the error says whether it is missing, not a zip, truncated or not a torch archive. */
    public static TorchArchive open(Path file) throws CheckpointException {
        if (!Files.exists(file)) throw new CheckpointException(file, "checkpoint file not found");
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "is not a regular file (a pipe, device or socket); only regular files are read");
        }
        int first = firstByte(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointException(file, notZipReason(file, first), e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read: " + e.getMessage(), e);
        }
        try {
            String prefix = findPrefix(file, zip);
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            if (bo != null) {
                String text = new String(readEntry(file, zip, bo, 64), StandardCharsets.US_ASCII).trim();
                if (text.equals("big")) order = ByteOrder.BIG_ENDIAN;
                else if (!text.equals("little")) throw new CheckpointException(file, "unknown byteorder " + org.m3vit.model.guard.Names.quote(text));
            }
            return new TorchArchive(file, zip, prefix, order);
        } catch (CheckpointException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static String notZipReason(Path file, int first) {
        try {
            long size = Files.size(file);
            if (first == 'P') {
                return "is a truncated or damaged zip archive (" + size + " bytes; its central directory is missing)";
            }
            if (first == PICKLE_PROTO) {
                return "is a bare pickle (the torch.save format before PyTorch 1.6, or not a checkpoint at all); "
                        + "re-save it with a current PyTorch (zip format) to import it";
            }
            return "is not a PyTorch checkpoint (not a zip archive; " + size + " bytes)";
        } catch (IOException e) {
            return "is not a PyTorch checkpoint (not a zip archive)";
        }
    }

    private static int firstByte(Path file) throws CheckpointException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read();
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String findPrefix(Path file, ZipFile zip) throws CheckpointException {
        List<String> candidates = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith("data.pkl") && (name.equals("data.pkl") || name.endsWith("/data.pkl"))
                    && name.indexOf('/') == name.lastIndexOf('/')) {
                candidates.add(name.substring(0, name.length() - "data.pkl".length()));
            }
        }
        if (candidates.isEmpty()) throw new CheckpointException(file, "is a zip archive but not a torch.save file (no <folder>/data.pkl inside)");
        if (candidates.size() > 1) throw new CheckpointException(file, "holds several data.pkl records " + candidates + "; expected one torch.save archive");
        return candidates.get(0);
    }

    /** The checkpoint file. */
    public Path file() { return file; }

    /** The archive's folder name inside the zip, e.g. {@code archive/}. */
    public String prefix() { return prefix; }

    /** The pickled object graph. */
    public byte[] pickle() throws CheckpointException {
        return readEntry(file, zip, zip.getEntry(prefix + "data.pkl"), PickleLimits.PICKLE_BYTES);
    }

    /** The raw bytes of a storage, with the archive's byte order set; checks it holds {@code numel} elements. */
    public ByteBuffer storageBytes(StorageRef storage) throws CheckpointException {
        byte[] cached = storages.get(storage.key());
        if (cached == null) {
            cached = readStorage(storage);
            storages.put(storage.key(), cached);
        }
        return ByteBuffer.wrap(cached).order(order);
    }

    /** Forgets the cached bytes of a storage no tensor still needs. */
    void release(StorageRef storage) {
        storages.remove(storage.key());
    }

    private byte[] readStorage(StorageRef storage) throws CheckpointException {
        String name = prefix + "data/" + storage.key();
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) throw new CheckpointException(file, "storage record '" + name + "' is missing from the archive");
        long needed = storage.numel() * storage.dtype().bytes();
        if (needed > Integer.MAX_VALUE - 16) {
            throw new CheckpointException(file, "storage record '" + name + "' of " + storage.numel() + " elements needs "
                    + Limits.bytes(needed) + "; at most 2 GB per storage are read");
        }
        try {
            Limits.memory("storage record '" + name + "'", Math.max(needed, entry.getSize()));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
        byte[] bytes = readEntry(file, zip, entry, Integer.MAX_VALUE - 16);
        storageReads++;
        if (bytes.length < needed) {
            throw new CheckpointException(file, "storage record '" + name + "' has " + bytes.length + " bytes, "
                    + storage.numel() + " elements of torch." + storage.storageClass() + " need " + needed);
        }
        return bytes;
    }

    /** The entry's bytes, read against its declared size (never more than it, nor than {@code limit}) and its CRC-32. */
    private static byte[] readEntry(Path file, ZipFile zip, ZipEntry entry, int limit) throws CheckpointException {
        return ZipRecords.read(file, zip, entry, limit);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close loses nothing
        }
    }
}
