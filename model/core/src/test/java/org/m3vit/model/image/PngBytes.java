package org.m3vit.model.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Writes PNG files byte by byte (chunks with CRCs, filter 0 rows), so tests control every header field. */
final class PngBytes {

    static final int GREY = 0, RGB = 2, PALETTE = 3, GREY_ALPHA = 4, RGBA = 6;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PngBytes() {
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    }

    /** The IHDR chunk: the header the size check reads. */
    PngBytes header(int width, int height, int bitDepth, int colourType) {
        byte[] d = new byte[13];
        putInt(d, 0, width);
        putInt(d, 4, height);
        d[8] = (byte) bitDepth;
        d[9] = (byte) colourType;
        return chunk("IHDR", d);
    }

    /** A PLTE chunk from 0xRRGGBB entries. */
    PngBytes palette(int... rgb) {
        byte[] d = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            d[3 * i] = (byte) (rgb[i] >> 16);
            d[3 * i + 1] = (byte) (rgb[i] >> 8);
            d[3 * i + 2] = (byte) rgb[i];
        }
        return chunk("PLTE", d);
    }

    /** A tRNS chunk: alpha of the first palette entries. */
    PngBytes paletteAlpha(int... alpha) {
        byte[] d = new byte[alpha.length];
        for (int i = 0; i < alpha.length; i++) d[i] = (byte) alpha[i];
        return chunk("tRNS", d);
    }

    /** IDAT holding {@code rows} (raw sample bytes per row, big-endian for 16-bit), each with filter byte 0. */
    PngBytes pixels(byte[]... rows) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] r : rows) {
            raw.write(0);
            raw.writeBytes(r);
        }
        return chunk("IDAT", deflate(raw.toByteArray()));
    }

    /** IDAT holding already-compressed bytes. */
    PngBytes compressedPixels(byte[] zlib) {
        return chunk("IDAT", zlib);
    }

    PngBytes end() {
        return chunk("IEND", new byte[0]);
    }

    byte[] bytes() { return out.toByteArray(); }

    PngBytes chunk(String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
        return this;
    }

    static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9))) {
            d.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return z.toByteArray();
    }

    static byte[] row(int... bytes) {
        byte[] r = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) r[i] = (byte) bytes[i];
        return r;
    }

    private static void putInt(byte[] d, int at, int v) {
        d[at] = (byte) (v >>> 24);
        d[at + 1] = (byte) (v >>> 16);
        d[at + 2] = (byte) (v >>> 8);
        d[at + 3] = (byte) v;
    }
}
