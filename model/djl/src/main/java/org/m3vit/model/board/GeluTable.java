package org.m3vit.model.board;

import org.apache.commons.math3.special.Erf;

/**
 * The board's GELU (src/gelu.cpp): gelu(x) = relu(x) - delta(|x|) with delta(a) = a * Phi(-a)
 * (so that relu - delta is the exact erf GELU x * Phi(x) for either sign), delta read from a
 * table of {@link #ENTRIES} points a = i / 32 for i = 0..176, each stored as ap_ufixed&lt;22,0&gt;
 * (truncated to 2^-22), linearly interpolated; for |x| &gt;= 5.5 plain relu. Our table is
 * computed here from the formula (commons-math's erfc), not copied from the design.
 *
 * <p>Interpolation in fixed point, as the design does it: index = floor(32 |x|), t = the
 * fractional part of 32 |x| (exact, 22 bits), delta = a + t (b - a) truncated to 22 bits.
 * Error against the exact GELU: the interpolation of a function with |delta''| &lt;= 2 phi(0)
 * on steps h = 1/32 is at most 2 phi(0) h^2 / 8 = 9.74e-5, the table's truncation adds less
 * than 2^-22 and the final truncation less than 2^-22; beyond 5.5, delta(5.5) = 1.0e-7.
 */
public final class GeluTable {

    /** Table points. */
    public static final int ENTRIES = 177;
    /** log2 of the points per unit: step 1/32. */
    public static final int STEP_BITS = 5;
    /** Where the table ends and relu takes over: 176 / 32 = 5.5. */
    public static final double LIMIT = (ENTRIES - 1) / (double) (1 << STEP_BITS);
    /** The bound on |gelu_board(x) - gelu(x)| stated above. */
    public static final double ERROR_BOUND = 2 * 0.3989422804014327 / 8 / 1024 + 2 * Math.scalb(1.0, -22);

    private static final int LIMIT_RAW = FixedMath.of(LIMIT);
    private static final long FRAC_MASK = (1L << FixedMath.FRAC) - 1;
    private static final int[] TABLE = table();

    private GeluTable() { }

    /** delta(a) = relu(a) - gelu(a) = a * Phi(-a) for a &gt;= 0, exact (double precision). */
    public static double delta(double a) {
        return a * 0.5 * Erf.erfc(a / Math.sqrt(2));
    }

    /** Raw table entry i (22 fractional bits): floor(delta(i / 32) * 2^22). */
    public static int entry(int i) { return TABLE[i]; }

    /** The board's gelu of a raw fm_t, as raw fm_t. */
    public static int gelu(int x) {
        int relu = x < 0 ? 0 : x;
        int magnitude = x < 0 ? -x : x;                  // fm_t(-x): -(-512) wraps to -512 as on the board
        if (magnitude >= LIMIT_RAW) return relu;
        long scaled = (long) magnitude << STEP_BITS;     // |x| / (1/32), exact with 22 fractional bits
        int index = (int) ((scaled >> FixedMath.FRAC) & 0xFF);   // ap_uint<8>
        long t = scaled & FRAC_MASK;                     // ap_ufixed<22,0>
        long a = TABLE[index];
        long b = TABLE[index + 1];
        long delta = (a + ((t * (b - a)) >> FixedMath.FRAC)) & FRAC_MASK;
        return (int) (relu - delta);
    }

    private static int[] table() {
        int[] t = new int[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            t[i] = (int) FixedFormat.GELU_ENTRY.raw(delta(i / (double) (1 << STEP_BITS)));
        }
        return t;
    }
}
