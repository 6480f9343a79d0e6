package org.m3vit.model.board;

/**
 * The attention core of src/attention.cpp in fm_t, per head and query:
 * <ul>
 *   <li>score(q, k): for each block of 8 features (a 256-bit beat) the products q_i * k_i
 *       truncated and summed, the block sum times the scale (truncated), the blocks summed;</li>
 *   <li>the single-pass softmax over the keys in the board's order: the design computes 4
 *       queries at a time and query q starts at key q mod 4, wrapping round
 *       (q mod 4, ..., N - 1, 0, ..., q mod 4 - 1);</li>
 *   <li>weight(q, k) = exp(score - max) * (1 / sum), both truncated; out = sum of v * weight.</li>
 * </ul>
 * The scale: the design hard-codes 0.125 = 1/sqrt(64), right for its head dim of 64; our
 * networks use head_dim^-0.5 (32 for m3vit-synth: 0.17678), so the emulation uses
 * fm_t(head_dim^-0.5), which is exact only for power-of-four head dims.
 */
final class BoardAttention implements Arithmetic.AttentionOp {

    /** Features per 256-bit beat of 32-bit activations (FEATURE_BLOCK_SIZE). */
    static final int BEAT = 8;
    /** Queries computed together (ATTN_MATMUL_PARALLEL). */
    static final int PARALLEL_QUERIES = 4;

    private final int heads;

    BoardAttention(int heads) { this.heads = heads; }

    @Override
    public TokenMatrix apply(TokenMatrix qm, TokenMatrix km, TokenMatrix vm, WrapCounter wraps) {
        int n = qm.rows(), d = qm.width(), hd = d / heads;
        int scale = FixedMath.of(Math.pow(hd, -0.5));
        int[] q = BoardArithmetic.raw(qm), k = BoardArithmetic.raw(km), v = BoardArithmetic.raw(vm);
        long[] acc = new long[n * d];
        int[] scores = new int[n];
        for (int h = 0; h < heads; h++) {
            int off = h * hd;
            for (int t = 0; t < n; t++) {
                for (int s = 0; s < n; s++) scores[s] = score(q, k, t * d + off, s * d + off, hd, scale, wraps);
                OnlineSoftmax softmax = new OnlineSoftmax(wraps);
                int first = t % PARALLEL_QUERIES;
                for (int i = 0; i < n; i++) softmax.add(scores[(first + i) % n]);
                int recip = FixedMath.recip(softmax.sum(), wraps);
                for (int s = 0; s < n; s++) {
                    int e = FixedMath.exp(wraps.store((long) scores[s] - softmax.bias()), wraps);
                    int weight = FixedMath.mul(e, recip, wraps);
                    for (int i = 0; i < hd; i++) acc[t * d + off + i] += ((long) v[s * d + off + i] * weight) >> FixedMath.FRAC;
                }
            }
        }
        int[] out = new int[n * d];
        for (int i = 0; i < out.length; i++) out[i] = wraps.store(acc[i]);
        return BoardArithmetic.matrix(n, d, out);
    }

    private static int score(int[] q, int[] k, int qi, int ki, int hd, int scale, WrapCounter wraps) {
        long total = 0;
        for (int b = 0; b < hd; b += BEAT) {
            long beat = 0;
            for (int i = b; i < Math.min(hd, b + BEAT); i++) beat += ((long) q[qi + i] * k[ki + i]) >> FixedMath.FRAC;
            total += FixedMath.mul(wraps.store(beat), scale, wraps);
        }
        return wraps.store(total);
    }
}
