package org.m3vit.model.nn;

import ai.djl.ndarray.types.Shape;

/** Small helpers for the shape bookkeeping of the blocks. */
final class Shapes {

    private Shapes() { }

    /** The single input shape of a block, with a clear error when there is none. */
    static Shape first(Shape[] inputShapes, String block) {
        if (inputShapes == null || inputShapes.length == 0) throw new IllegalArgumentException(block + ": no input shape");
        return inputShapes[0];
    }

    /** Throws unless {@code shape} has {@code dims} dimensions. */
    static Shape requireDims(Shape shape, int dims, String block) {
        if (shape.dimension() != dims) {
            throw new IllegalArgumentException(block + ": expected a " + dims + "-d input, got " + shape);
        }
        return shape;
    }
}
