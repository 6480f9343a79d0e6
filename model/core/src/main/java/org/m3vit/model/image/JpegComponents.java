package org.m3vit.model.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of colour components a JPEG's frame header (SOF) declares, read by walking the
 * marker segments without decoding: 1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK. The loader refuses
 * 4-component files, which Java's decoder would otherwise show with wrong colours.
 */
final class JpegComponents {

    /** Bytes walked at most before giving up (metadata segments before the frame header). */
    private static final long MAX_SCAN = 16L << 20;

    private JpegComponents() { }

    /** The component count, or -1 if no frame header was found (the decoder then reports the problem). */
    static int count(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != 0xD8) return -1;
            long read = 2;
            while (read < MAX_SCAN) {
                int b = in.readUnsignedByte();
                read++;
                if (b != 0xFF) continue;
                int marker = in.readUnsignedByte();
                read++;
                while (marker == 0xFF) {
                    marker = in.readUnsignedByte();
                    read++;
                }
                if (marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) continue;
                if (marker == 0xD9 || marker == 0xDA) return -1;
                int length = in.readUnsignedShort();
                read += 2;
                if (isFrameHeader(marker)) {
                    in.readUnsignedByte();   // sample precision
                    in.readUnsignedShort();  // height
                    in.readUnsignedShort();  // width
                    return in.readUnsignedByte();
                }
                if (length < 2) return -1;
                long skip = length - 2;
                read += skip;
                while (skip > 0) {
                    long n = in.skip(skip);
                    if (n <= 0) return -1;
                    skip -= n;
                }
            }
            return -1;
        } catch (EOFException e) {
            return -1;
        }
    }

    private static boolean isFrameHeader(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }
}
