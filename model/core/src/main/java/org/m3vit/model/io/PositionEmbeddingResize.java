package org.m3vit.model.io;

/**
 * Resamples a ViT position embedding {@code [1, 1 + h * w, D]} to another patch grid: the class
 * token's row is kept, the grid rows are interpolated bilinearly with half-pixel centres (what
 * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} does), the usual
 * way to fine-tune a ViT at a new input size.
 */
public final class PositionEmbeddingResize {

    private PositionEmbeddingResize() { }

    /** {@code pos} (a {@code fromH x fromW} grid after the class row) resampled to {@code toH x toW}. */
    public static Tensor resize(Tensor pos, int fromH, int fromW, int toH, int toW) {
        long[] s = pos.shape();
        if (s.length != 3 || s[0] != 1 || s[1] != 1L + (long) fromH * fromW) {
            throw new IllegalArgumentException("position embedding is " + pos.shapeText() + ", expected [1, " + (1 + fromH * fromW) + ", D]");
        }
        if (toH < 1 || toW < 1) throw new IllegalArgumentException("target grid must be at least 1x1, was " + toH + "x" + toW);
        int d = (int) s[2];
        float[] in = pos.data();
        float[] out = new float[(1 + toH * toW) * d];
        System.arraycopy(in, 0, out, 0, d);
        for (int y = 0; y < toH; y++) {
            Tap ty = Tap.of(y, fromH, toH);
            for (int x = 0; x < toW; x++) {
                Tap tx = Tap.of(x, fromW, toW);
                int o = (1 + y * toW + x) * d;
                int a = (1 + ty.lo * fromW + tx.lo) * d, b = (1 + ty.lo * fromW + tx.hi) * d;
                int c = (1 + ty.hi * fromW + tx.lo) * d, e = (1 + ty.hi * fromW + tx.hi) * d;
                for (int k = 0; k < d; k++) {
                    double top = in[a + k] * (1 - tx.frac) + in[b + k] * tx.frac;
                    double bottom = in[c + k] * (1 - tx.frac) + in[e + k] * tx.frac;
                    out[o + k] = (float) (top * (1 - ty.frac) + bottom * ty.frac);
                }
            }
        }
        return new Tensor(new long[] {1, 1 + (long) toH * toW, d}, out);
    }

    /** The two source cells an output cell reads and the weight of the second. */
    private record Tap(int lo, int hi, double frac) {
        static Tap of(int dst, int inSize, int outSize) {
            double src = Math.max(0, (dst + 0.5) * inSize / outSize - 0.5);
            int lo = Math.min((int) Math.floor(src), inSize - 1);
            int hi = Math.min(lo + 1, inSize - 1);
            return new Tap(lo, hi, src - lo);
        }
    }
}
