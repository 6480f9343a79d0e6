package org.m3vit.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies between Java float arrays and libtorch-owned storage. Into: Java floats into an existing
 * array's storage. DJL's
 * {@code NDArray.set(float[])} would instead point the tensor at a Java direct buffer, memory
 * libtorch does not own and the garbage collector may free.
 */
public final class NativeCopy {

    private NativeCopy() {
    }

    /**
     * The float32 array's elements in row-major order, copied once straight from libtorch's memory.
     * DJL's {@code toFloatArray()} copies twice (into a new Java byte array, then into the floats),
     * which for a 1.1 MB head output cost about as much as a pass's last up-sampling.
     */
    public static float[] toFloats(NDArray source) {
        if (source.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
            throw new IllegalArgumentException("expected a float32 array, got " + source.getDataType());
        }
        float[] out = new float[Math.toIntExact(source.size())];
        source.toByteBuffer(true).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().get(out);
        return out;
    }

    /** Overwrites every element of {@code target} (shape unchanged) with {@code data}, in row-major order. */
    public static void into(NDArray target, float[] data) {
        ParameterEdits.record();
        try (NDManager staging = target.getManager().newSubManager()) {
            target.set(new NDIndex("..."), staging.create(data, target.getShape()));
        }
    }
}
