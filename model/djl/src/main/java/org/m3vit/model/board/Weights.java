package org.m3vit.model.board;

/** Reading parts of float32 weight tensors as doubles. */
final class Weights {

    private Weights() { }

    /** {@code count} values of {@code data} from {@code from}. */
    static double[] slice(float[] data, int from, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) out[i] = data[from + i];
        return out;
    }
}
