package org.m3vit.model.board;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A fixed-point number format like Vitis HLS's {@code ap_fixed<W, I>} / {@code ap_ufixed<W, I>}
 * with their default modes: W bits of which I are integer bits (sign included when signed), so
 * F = W - I fractional bits; a value is stored as the integer {@code raw} = value * 2^F.
 * Conversion from a real number truncates toward minus infinity (AP_TRN) and wraps around
 * the W-bit two's-complement (or unsigned) range (AP_WRAP), as the HLS types do when a float
 * weight is assigned to them. The constants are the formats of the public Edge-MoE design
 * (include/datatypes.hpp, src/gelu.cpp).
 */
public record FixedFormat(String name, int width, int intBits, boolean signed) {

    /** Activations, {@code fm_t} = ap_fixed&lt;32,10&gt;: 22 fractional bits, range [-512, 512). */
    public static final FixedFormat ACTIVATION = new FixedFormat("ap_fixed<32,10>", 32, 10, true);
    /** Weights of every linear layer and of the gates, {@code wt_linear_t} = ap_fixed&lt;16,2&gt;: range [-2, 2). */
    public static final FixedFormat LINEAR_WEIGHT = new FixedFormat("ap_fixed<16,2>", 16, 2, true);
    /** Biases of the MLPs, experts and patch embedding, {@code wt_bias_t} = ap_fixed&lt;16,5&gt;: range [-16, 16). */
    public static final FixedFormat BIAS = new FixedFormat("ap_fixed<16,5>", 16, 5, true);
    /** LayerNorm weights, {@code wt_norm_t} = ap_fixed&lt;16,5&gt;. */
    public static final FixedFormat NORM_WEIGHT = new FixedFormat("ap_fixed<16,5>", 16, 5, true);
    /** Biases of the q, k, v and proj linears, {@code wt_attn_bias_t} = ap_fixed&lt;16,7&gt;: range [-64, 64). */
    public static final FixedFormat ATTENTION_BIAS = new FixedFormat("ap_fixed<16,7>", 16, 7, true);
    /** Patch-embedding weights, {@code wt_patch_embed_t} = ap_fixed&lt;16,0&gt;: range [-0.5, 0.5). */
    public static final FixedFormat PATCH_WEIGHT = new FixedFormat("ap_fixed<16,0>", 16, 0, true);
    /** Pixels, {@code pixel_t} = ap_ufixed&lt;8,0&gt;: an 8-bit byte b stands for b / 256. */
    public static final FixedFormat PIXEL = new FixedFormat("ap_ufixed<8,0>", 8, 0, false);
    /** Entries of the GELU correction table, ap_ufixed&lt;22,0&gt; (the fractional part of fm_t). */
    public static final FixedFormat GELU_ENTRY = new FixedFormat("ap_ufixed<22,0>", 22, 0, false);

    public FixedFormat {
        if (width < 1 || width > 62) throw new IllegalArgumentException(name + ": width " + width + " is not in 1..62");
        if (intBits > width) throw new IllegalArgumentException(name + ": " + intBits + " integer bits exceed the width " + width);
    }

    /** F, the fractional bits. */
    public int fracBits() { return width - intBits; }

    /** The smallest raw value: -2^(W-1), or 0 unsigned. */
    public long minRaw() { return signed ? -(1L << (width - 1)) : 0; }

    /** The largest raw value: 2^(W-1) - 1, or 2^W - 1 unsigned. */
    public long maxRaw() { return signed ? (1L << (width - 1)) - 1 : (1L << width) - 1; }

    /** The smallest value. */
    public double min() { return value(minRaw()); }

    /** The largest value. */
    public double max() { return value(maxRaw()); }

    /** The value of a raw integer, raw * 2^-F (exact in a double for every format here). */
    public double value(long raw) { return Math.scalb((double) raw, -fracBits()); }

    /** True when {@code v} lies in the range, so that converting it does not wrap. */
    public boolean fits(double v) {
        double floor = Math.floor(Math.scalb(v, fracBits()));
        return floor >= minRaw() && floor <= maxRaw();
    }

    /** The raw integer of {@code v}: floor(v * 2^F), wrapped into W bits. */
    public long raw(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " cannot hold " + v);
        double scaled = Math.floor(Math.scalb(v, fracBits()));
        if (Math.abs(scaled) < 0x1p62) return wrap((long) scaled);
        // beyond a long: wrap the exact integer (what AP_WRAP keeps are its low W bits)
        BigInteger exact = new BigDecimal(scaled).setScale(0, RoundingMode.FLOOR).toBigInteger();
        return wrap(exact.mod(BigInteger.ONE.shiftLeft(width)).longValue());
    }

    /** {@code v} as this format holds it: {@code value(raw(v))}. */
    public double quantise(double v) { return value(raw(v)); }

    /** The low W bits of {@code raw}, as a signed or unsigned W-bit integer. */
    public long wrap(long raw) {
        int shift = 64 - width;
        return signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
    }

    @Override
    public String toString() { return name; }
}
