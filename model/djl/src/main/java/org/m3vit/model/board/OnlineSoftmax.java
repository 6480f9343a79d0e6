package org.m3vit.model.board;

/**
 * The board's single-pass softmax statistics over a stream of fm_t scores (src/attention.cpp
 * finalize_attn, src/moe.cpp update_softmax_info): a running maximum ("bias", starting at
 * -512) and the sum of e^(score - bias), rescaled by e^(old bias - new bias) whenever a larger
 * score arrives. Every product and exp is truncated to fm_t, so the sum depends on the order of
 * the scores, and the order is part of the emulation.
 */
final class OnlineSoftmax {

    private final WrapCounter wraps;
    private int sum;
    private int bias = FixedMath.MIN;
    private boolean empty = true;

    OnlineSoftmax(WrapCounter wraps) { this.wraps = wraps; }

    /** Takes the next score. */
    void add(int score) {
        if (empty) {
            // the board multiplies e^(-512 - score) (a wrapped argument) by the empty sum 0 and adds 1
            empty = false;
            sum = FixedMath.ONE;
            bias = score;
            return;
        }
        long below = (long) bias - score;               // exact, one bit wider than fm_t
        boolean newMaximum = below < 0;
        int e = FixedMath.exp(wraps.store(newMaximum ? below : -below), wraps);
        if (newMaximum) {
            sum = FixedMath.mul(sum, e, wraps) + FixedMath.ONE;
            bias = score;
        } else {
            sum = sum + e;
        }
    }

    /** The sum of e^(score - max) so far. */
    int sum() { return sum; }

    /** The largest score so far. */
    int bias() { return bias; }
}
