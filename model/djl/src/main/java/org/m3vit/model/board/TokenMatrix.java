package org.m3vit.model.board;

/**
 * Activations of one image in the emulator: {@code rows} tokens (0 = cls, then the patches in
 * row-major order) of {@code width} values each, row-major. In board arithmetic every value is
 * an fm_t, held exactly by the double.
 */
public record TokenMatrix(int rows, int width, double[] values) {

    public TokenMatrix {
        if (values.length != (long) rows * width) {
            throw new IllegalArgumentException(values.length + " values are not " + rows + " x " + width);
        }
    }

    /** A zero matrix. */
    public static TokenMatrix zeros(int rows, int width) { return new TokenMatrix(rows, width, new double[rows * width]); }

    /** The given rows, in the given order. */
    public TokenMatrix gather(int[] rowIds) {
        double[] out = new double[rowIds.length * width];
        for (int r = 0; r < rowIds.length; r++) System.arraycopy(values, rowIds[r] * width, out, r * width, width);
        return new TokenMatrix(rowIds.length, width, out);
    }

    /** The values as float32, row-major (what the float32 heads read). */
    public float[] toFloats() {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) values[i];
        return out;
    }
}
