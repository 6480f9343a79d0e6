package org.m3vit.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies Java floats into an existing array's libtorch-owned storage. DJL's
 * {@code NDArray.set(float[])} would instead point the tensor at a Java direct buffer, memory
 * libtorch does not own and the garbage collector may free.
 */
public final class NativeCopy {

    private NativeCopy() {
    }

    /** Overwrites every element of {@code target} (shape unchanged) with {@code data}, in row-major order. */
    public static void into(NDArray target, float[] data) {
        try (NDManager staging = target.getManager().newSubManager()) {
            target.set(new NDIndex("..."), staging.create(data, target.getShape()));
        }
    }
}
