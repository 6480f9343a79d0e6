package org.m3vit.model.io;

import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files of float32 arrays: writes format version 1.0 (little-endian {@code <f4},
 * C order, header padded with spaces to a multiple of 64 bytes and ended by a newline, as
 * {@code numpy.save} does) and reads versions 1.0, 2.0 and 3.0 of the same dtype and order.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() { }

    /** A float32 array read from a file: its shape and values in C (row-major) order. */
    public record Array(int[] shape, float[] data) {

        /** Checks that the shape's product matches the number of values. */
        public Array {
            long n = 1;
            for (int d : shape) n *= d;
            if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Array a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

        @Override
        public String toString() { return "Npy.Array" + Arrays.toString(shape); }
    }

    /** The bytes of a version 1.0 {@code .npy} file holding {@code data} with the given shape. */
    public static byte[] encode(float[] data, int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) dims.append(", ");
            dims.append(shape[i]);
        }
        if (shape.length == 1) dims.append(',');
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        header.append(" ".repeat(pad)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        if (h.length > 0xFFFF) throw new IllegalArgumentException("npy header too long for version 1.0: " + h.length + " bytes");
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    /** Writes {@code data} with the given shape to {@code file} as float32. */
    public static void write(Path file, float[] data, int... shape) throws IOException {
        AtomicFiles.write(file, encode(data, shape));
    }

    /** Reads a float32 C-order {@code .npy} file; the message names the file and the problem otherwise. */
    public static Array read(Path file) throws IOException {
        InputFiles.requireRegular(file, ".npy file", Integer.MAX_VALUE - 16);
        try {
            return decode(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the bytes of a float32 C-order {@code .npy} file. */
    public static Array decode(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a .npy file (magic string \\x93NUMPY missing)");
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen, start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new IllegalArgumentException("truncated .npy header");
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy format version " + major + "." + (bytes[7] & 0xFF));
        }
        if (headerLen < 0 || start + headerLen > bytes.length) throw new IllegalArgumentException("truncated .npy header");
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if (!descr.equals("<f4")) throw new IllegalArgumentException("dtype '" + descr + "' is not supported, only little-endian float32 '<f4'");
        if (group(FORTRAN, header, "fortran_order").equals("True")) throw new IllegalArgumentException("Fortran-order arrays are not supported");
        List<Integer> dims = new ArrayList<>();
        for (String part : group(SHAPE, header, "shape").split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            try {
                dims.add(Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad dimension '" + t + "' in shape");
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        if (shape.length > 32) throw new IllegalArgumentException("shape has " + shape.length + " dimensions; at most 32 are read");
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            n = Math.min(n * d, Long.MAX_VALUE / (1L << 32));
        }
        int dataStart = start + headerLen;
        if ((long) bytes.length - dataStart != 4 * n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + 4 * n + " data bytes, file has " + (bytes.length - dataStart));
        }
        float[] data = new float[(int) n];
        ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Array(shape, data);
    }

    private static String group(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IllegalArgumentException("npy header has no '" + key + "' entry: " + header.trim());
        return m.group(1);
    }
}
