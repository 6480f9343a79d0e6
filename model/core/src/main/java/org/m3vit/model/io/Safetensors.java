package org.m3vit.model.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.InputFiles;
import org.m3vit.model.guard.JsonErrors;
import org.m3vit.model.guard.Limits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, JSON header,
 * raw little-endian data) for float32 tensors; F16, BF16, F64 and I64 are widened to float
 * on reading. Errors name the file and what is wrong with it.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() { }

    /** Writes {@code tensors} (name -> tensor) as F32, in name order, with optional metadata. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) header.put("__metadata__", new TreeMap<>(metadata));
        long offset = 0;
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            long bytes = 4L * e.getValue().size();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", e.getValue().shape());
            info.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(e.getKey(), info);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int pad = (8 - json.length % 8) % 8;
        byte[] padded = new byte[json.length + pad];
        System.arraycopy(json, 0, padded, 0, json.length);
        for (int i = json.length; i < padded.length; i++) padded[i] = ' ';
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded.length).array());
            out.write(padded);
            for (Tensor t : sorted.values()) {
                ByteBuffer buf = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(t.data());
                out.write(buf.array());
            }
        });
    }

    /** Reads every tensor of a safetensors file, in header order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return readWithMetadata(file).tensors();
    }

    /** Tensors and the {@code __metadata__} map of a safetensors file. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) { }

    /** Reads tensors and metadata. */
    public static Contents readWithMetadata(Path file) throws IOException {
        InputFiles.requireRegular(file, "weight file");
        long size = Files.size(file);
        Limits.memory(file + ": reading " + Limits.bytes(size) + " of weights", 2.0 * size);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (size < 8) throw new IOException(file + ": not a safetensors file (only " + size + " bytes)");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 1 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLen + " does not fit a " + size + "-byte file)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            Map<String, Object> header;
            try {
                header = JSON.readValue(new String(hb.array(), StandardCharsets.UTF_8).trim(), new TypeReference<>() { });
            } catch (IOException e) {
                throw new IOException(file + ": not a safetensors file (header is not a JSON object: " + JsonErrors.describe(e) + ")", e);
            }
            if (header == null) throw new IOException(file + ": not a safetensors file (header is null)");
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    if (e.getValue() instanceof Map<?, ?> m) m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                    continue;
                }
                tensors.put(e.getKey(), readTensor(file, ch, e.getKey(), e.getValue(), dataStart, dataLen));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Tensor readTensor(Path file, FileChannel ch, String name, Object infoObj, long dataStart, long dataLen) throws IOException {
        if (!(infoObj instanceof Map<?, ?> info)) throw new IOException(file + ": tensor '" + name + "' has no description in the header");
        String dtype = String.valueOf(info.get("dtype"));
        if (!(info.get("shape") instanceof List<?> shapeList) || !(info.get("data_offsets") instanceof List<?> offs) || offs.size() != 2) {
            throw new IOException(file + ": tensor '" + name + "' lacks shape or data_offsets");
        }
        if (shapeList.size() > 16) throw new IOException(file + ": tensor '" + name + "' has " + shapeList.size() + " dimensions; at most 16 are read");
        long[] shape = new long[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = integer(file, name, "shape", shapeList.get(i));
            if (shape[i] < 0) throw new IOException(file + ": tensor '" + name + "' has a negative dimension " + shape[i]);
            count = shape[i] == 0 || count <= Integer.MAX_VALUE / Math.max(1, shape[i]) ? count * shape[i] : Long.MAX_VALUE / 16;
        }
        long begin = integer(file, name, "data_offsets", offs.get(0));
        long end = integer(file, name, "data_offsets", offs.get(1));
        if (count > Integer.MAX_VALUE) throw new IOException(file + ": tensor '" + name + "' " + Tensor.shapeText(shape) + " has more than " + Integer.MAX_VALUE + " elements");
        int width = switch (dtype) {
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            case "F64", "I64" -> 8;
            default -> throw new IOException(file + ": tensor '" + name + "' has unsupported dtype " + dtype);
        };
        if (begin < 0 || end < begin || end > dataLen) {
            throw new IOException(file + ": tensor '" + name + "' lies outside the file (bytes " + begin + ".." + end
                    + " of " + dataLen + "); the file is truncated or corrupt");
        }
        if (end - begin != count * width) {
            throw new IOException(file + ": tensor '" + name + "' has " + (end - begin) + " bytes for shape "
                    + Tensor.shapeText(shape) + " of " + dtype);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin);
        buf.flip();
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "I32" -> buf.getInt();
                case "F64" -> (float) buf.getDouble();
                case "I64" -> buf.getLong();
                case "F16" -> halfToFloat(buf.getShort());
                default -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
            };
        }
        return new Tensor(shape, data);
    }

    private static long integer(Path file, String name, String field, Object o) throws IOException {
        if (o instanceof Integer || o instanceof Long) return ((Number) o).longValue();
        throw new IOException(file + ": tensor '" + name + "': " + field + " holds " + (o instanceof Number ? "the out-of-range number " + o : "a non-integer")
                + "; expected whole numbers");
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    public static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1.0p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 31) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) throw new IOException("unexpected end of file");
            pos += n;
        }
    }
}
