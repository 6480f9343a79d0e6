package org.m3vit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Test stress: frees unreachable Java direct buffers, then fills freed memory with NaN, from the JVM side and from libtorch's. */
public final class FreedMemory {

    private FreedMemory() { }

    /** Collects garbage, then allocates and releases NaN-filled blocks of several sizes. */
    public static void collectAndScribble(NDManager m) {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> keep = new ArrayList<>();
        for (int size : new int[] {1, 1 << 10, 1 << 14, 1 << 18}) {
            for (int k = 0; k < 4; k++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 * size).order(ByteOrder.nativeOrder());
                for (int i = 0; i < size; i++) b.putFloat(4 * i, Float.NaN);
                keep.add(b);
            }
        }
        List<NDArray> nan = new ArrayList<>();
        for (int size : new int[] {64, 1 << 12, 1 << 16, 1 << 20}) {
            for (int k = 0; k < 3; k++) nan.add(m.full(new Shape(size), Float.NaN));
        }
        nan.forEach(NDArray::close);
        if (keep.size() != 16) throw new AssertionError("scribble buffers lost");
    }
}
