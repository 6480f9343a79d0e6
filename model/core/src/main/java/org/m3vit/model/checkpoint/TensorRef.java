package org.m3vit.model.checkpoint;

import org.m3vit.model.io.Tensor;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view (offset, shape,
 * strides in elements) into a storage. Nothing is read until {@link #materialize} is called,
 * so optimizer state and other unused tensors cost nothing.
 */
public record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {

    /** Number of elements. */
    public long numel() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Shape as text, e.g. "(16, 384, 384)". */
    public String shapeText() { return Tensor.shapeText(shape); }

    /** Reads the view's elements from {@code archive} in row-major order as a float32 tensor. */
    public Tensor materialize(TorchArchive archive, String name) throws CheckpointException {
        if (storage.dtype() == null) {
            throw new CheckpointException(archive.file(), "tensor '" + name + "' is stored as torch."
                    + storage.storageClass() + ", which the importer does not decode");
        }
        long n = numel();
        if (n > Integer.MAX_VALUE) throw new CheckpointException(archive.file(), "tensor '" + name + "' is too large (" + n + " elements)");
        if (n > 0) {
            long last = offset;
            for (int i = 0; i < shape.length; i++) {
                if (stride[i] < 0) throw new CheckpointException(archive.file(), "tensor '" + name + "' has a negative stride");
                last += (shape[i] - 1) * stride[i];
            }
            if (offset < 0 || last >= storage.numel()) {
                throw new CheckpointException(archive.file(), "tensor '" + name + "' " + shapeText() + " at offset " + offset
                        + " reads past the end of its storage '" + storage.key() + "' of " + storage.numel() + " elements");
            }
        }
        java.nio.ByteBuffer raw = archive.storageBytes(storage);
        float[] out = new float[(int) n];
        TorchDtype dtype = storage.dtype();
        if (isContiguous() && dtype == TorchDtype.FLOAT32) {
            raw.position(Math.toIntExact(offset * 4));
            raw.asFloatBuffer().get(out);
        } else if (isContiguous()) {
            for (int i = 0; i < out.length; i++) out[i] = dtype.read(raw, offset + i);
        } else {
            int rank = shape.length;
            long[] index = new long[rank];
            long position = offset;
            for (int i = 0; i < out.length; i++) {
                out[i] = dtype.read(raw, position);
                for (int d = rank - 1; d >= 0; d--) {
                    index[d]++;
                    position += stride[d];
                    if (index[d] < shape[d]) break;
                    position -= index[d] * stride[d];
                    index[d] = 0;
                }
            }
        }
        return new Tensor(shape.clone(), out);
    }

    /** True when the strides are the row-major strides of the shape (size-1 dimensions may have any stride). */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }
}
