package org.m3vit.model.board;

/**
 * Arithmetic on activations in the board's {@code fm_t} = ap_fixed&lt;32,10&gt; as raw Java ints
 * (value = raw * 2^-22). A Java int is exactly a 32-bit two's-complement register, so int
 * addition is the board's wrapping addition; every product is formed at full precision in a
 * long and truncated toward minus infinity (an arithmetic shift right) when stored, as
 * ap_fixed does.
 *
 * <p>The HLS math functions the design calls ({@code hls::exp}, {@code hls::sqrt}, the
 * fixed-point divide and {@code hls::recip}) are modelled as the exact result truncated to
 * fm_t. That is exact for the divide (ap_fixed's operator / is an integer division of the
 * shifted raw values) and for a digit-by-digit square root; for {@code hls::exp}, whose
 * implementation is not part of the public design, it is an assumption (Vitis documents its
 * fixed-point exp as accurate to about one unit in the last place).
 */
public final class FixedMath {

    /** Fractional bits of fm_t. */
    public static final int FRAC = 22;
    /** The raw value of 1.0. */
    public static final int ONE = 1 << FRAC;
    /** The smallest fm_t, -512 (the design's {@code ap_fixed_min<fm_t>()}). */
    public static final int MIN = Integer.MIN_VALUE;

    /** Arguments from which e^x no longer fits fm_t (ln 512). */
    private static final double EXP_LIMIT = Math.log(512);

    private FixedMath() { }

    /** fm_t of a real number: truncated toward minus infinity, wrapped. */
    public static int of(double v) { return (int) FixedFormat.ACTIVATION.raw(v); }

    /** The value of a raw fm_t. */
    public static double value(int raw) { return Math.scalb((double) raw, -FRAC); }

    /** a * b of two fm_t values, stored as fm_t. */
    public static int mul(int a, int b, WrapCounter wraps) {
        return wraps.store(((long) a * b) >> FRAC);
    }

    /** a * w of an fm_t and a weight raw with {@code weightFrac} fractional bits, stored as fm_t. */
    public static int mulWeight(int a, int w, int weightFrac, WrapCounter wraps) {
        return wraps.store(((long) a * w) >> weightFrac);
    }

    /** {@code hls::exp} on fm_t: floor(e^x * 2^22); beyond the range the format's largest value, counted. */
    public static int exp(int x, WrapCounter wraps) {
        double v = value(x);
        if (v >= EXP_LIMIT) {
            wraps.count();
            return Integer.MAX_VALUE;
        }
        return (int) Math.floor(Math.scalb(Math.exp(v), FRAC));
    }

    /** {@code hls::sqrt} on fm_t: floor(sqrt(v) * 2^22); 0 for v &lt;= 0, counted. */
    public static int sqrt(int v, WrapCounter wraps) {
        if (v <= 0) {
            wraps.count();
            return 0;
        }
        long n = (long) v << FRAC;
        long r = (long) Math.sqrt((double) n);
        while (r * r > n) r--;
        while ((r + 1) * (r + 1) <= n) r++;
        return (int) r;
    }

    /** a / b of two fm_t (ap_fixed's divide: the quotient truncated toward zero), stored as fm_t; b = 0 gives the largest value, counted. */
    public static int div(int a, int b, WrapCounter wraps) {
        if (b == 0) {
            wraps.count();
            return Integer.MAX_VALUE;
        }
        return wraps.store(((long) a << FRAC) / b);
    }

    /** {@code hls::recip}: 1 / b as {@link #div}. */
    public static int recip(int b, WrapCounter wraps) { return div(ONE, b, wraps); }
}
