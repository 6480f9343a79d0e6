package org.m3vit.model.checkpoint;

import org.m3vit.model.io.Safetensors;

import java.nio.ByteBuffer;
import java.util.Optional;

/** The element types of PyTorch storages that the importer can decode, named by their storage class. */
public enum TorchDtype {
    FLOAT32("FloatStorage", 4),
    FLOAT16("HalfStorage", 2),
    BFLOAT16("BFloat16Storage", 2),
    FLOAT64("DoubleStorage", 8),
    INT64("LongStorage", 8),
    INT32("IntStorage", 4);

    private final String storageClass;
    private final int bytes;

    TorchDtype(String storageClass, int bytes) {
        this.storageClass = storageClass;
        this.bytes = bytes;
    }

    /** The storage class name inside the {@code torch} module, e.g. {@code FloatStorage}. */
    public String storageClass() { return storageClass; }

    /** Bytes per element. */
    public int bytes() { return bytes; }

    /** The dtype whose storage class is {@code torch.<name>}, if we decode it. */
    public static Optional<TorchDtype> ofStorageClass(String name) {
        for (TorchDtype t : values()) {
            if (t.storageClass.equals(name)) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** Element {@code index} of {@code raw} (byte order already set on the buffer), widened to float. */
    public float read(ByteBuffer raw, long index) {
        int at = Math.toIntExact(index * bytes);
        return switch (this) {
            case FLOAT32 -> raw.getFloat(at);
            case FLOAT16 -> Safetensors.halfToFloat(raw.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((raw.getShort(at) & 0xFFFF) << 16);
            case FLOAT64 -> (float) raw.getDouble(at);
            case INT64 -> (float) raw.getLong(at);
            case INT32 -> (float) raw.getInt(at);
        };
    }
}
