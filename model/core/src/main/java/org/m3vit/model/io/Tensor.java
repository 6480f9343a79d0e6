package org.m3vit.model.io;

import java.util.Arrays;

/** A named-free float32 tensor held in Java memory: a shape and its values in row-major order. */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** Number of values. */
    public int size() { return data.length; }

    /** Shape as text, e.g. "(16, 384, 384)". */
    public String shapeText() { return shapeText(shape); }

    /** Shape as text, e.g. "(16, 384, 384)". */
    public static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) b.append(", ");
            b.append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    @Override
    public String toString() { return "Tensor" + shapeText(); }
}
