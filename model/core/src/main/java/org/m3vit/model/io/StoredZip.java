package org.m3vit.model.io;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Uncompressed (STORED) zip entries, the layout of PyTorch's archives (torch.save files, TorchScript modules). */
public final class StoredZip {

    private StoredZip() { }

    /** Writes {@code data} as the uncompressed entry {@code name}. */
    public static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
