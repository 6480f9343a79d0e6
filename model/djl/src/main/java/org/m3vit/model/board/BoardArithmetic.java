package org.m3vit.model.board;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Edge-MoE board's arithmetic (sharc-lab/Edge-MoE, include/datatypes.hpp and src/*.cpp):
 * activations in fm_t = ap_fixed&lt;32,10&gt;, weights converted once to their 16-bit formats
 * ({@link FixedFormat}), every product truncated toward minus infinity when stored, sums
 * wrapping in 32 bits, GELU by table ({@link GeluTable}), single-pass softmax
 * ({@link OnlineSoftmax}), LayerNorm from E[x^2] - E[x]^2 with a fixed-point square root and
 * divide. Each operation is its own class; this one creates them and does the additions.
 */
public final class BoardArithmetic implements Arithmetic {

    /** Patch-embedding weights one integer bit wider than the design's: range [-1, 1), 15 fractional bits. */
    public static final FixedFormat WIDE_PATCH_WEIGHT = new FixedFormat("ap_fixed<16,1>", 16, 1, true);

    private final String name;
    private final FixedFormat patchWeight;

    /** The design as built. */
    public BoardArithmetic() { this("board", FixedFormat.PATCH_WEIGHT); }

    /** The design with the patch-embedding weights in {@code patchWeight} instead of ap_fixed&lt;16,0&gt;. */
    public BoardArithmetic(String name, FixedFormat patchWeight) {
        this.name = name;
        this.patchWeight = patchWeight;
    }

    /** The design with {@link #WIDE_PATCH_WEIGHT}: what a model whose folded input weights exceed 0.5 needs. */
    public static BoardArithmetic widePatch() { return new BoardArithmetic("board-wide-patch", WIDE_PATCH_WEIGHT); }

    @Override
    public String name() { return name; }

    @Override
    public Map<String, String> formats() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("activations", FixedFormat.ACTIVATION.name());
        m.put("linearAndGateWeights", FixedFormat.LINEAR_WEIGHT.name());
        m.put("attentionBiases", FixedFormat.ATTENTION_BIAS.name());
        m.put("mlpExpertAndPatchBiases", FixedFormat.BIAS.name());
        m.put("layerNormWeights", FixedFormat.NORM_WEIGHT.name());
        m.put("layerNormBiases", FixedFormat.BIAS.name());
        m.put("patchEmbeddingWeights", patchWeight.name());
        m.put("pixels", FixedFormat.PIXEL.name());
        m.put("positionEmbedding", FixedFormat.ACTIVATION.name());
        m.put("geluTableEntries", FixedFormat.GELU_ENTRY.name());
        m.put("taskHeads", "float32 (host)");
        return m;
    }

    @Override
    public PatchOp patchEmbedding(ModelConfig config, Tensor weight, Tensor bias, Tensor cls, Tensor pos, WeightReport report) {
        return new BoardPatchEmbedding(config, weight, bias, cls, pos, patchWeight, report);
    }

    @Override
    public LinearOp linear(String name, Tensor weight, Tensor bias, int firstRow, int outputs, FixedFormat biasFormat, WeightReport report) {
        return new BoardLinear(name, weight, bias, firstRow, outputs, biasFormat, report);
    }

    @Override
    public NormOp norm(String name, Tensor weight, Tensor bias, WeightReport report) {
        return new BoardNorm(name, weight, bias, report);
    }

    @Override
    public AttentionOp attention(int heads) { return new BoardAttention(heads); }

    @Override
    public GateOp gate(String name, int block, Tensor weight, int topK, WeightReport report) {
        return new BoardGate(name, block, weight, topK, report);
    }

    /** compute_add: elementwise fm_t addition, wrapping. */
    @Override
    public TokenMatrix add(TokenMatrix a, TokenMatrix b, WrapCounter wraps) {
        int[] x = raw(a), y = raw(b);
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = wraps.store((long) x[i] + y[i]);
        return matrix(a.rows(), a.width(), out);
    }

    /** write_out_stream_indirect with use_score: the expert's row times its gate weight (truncated), added to the token's row. */
    @Override
    public void addScaled(TokenMatrix out, int row, double weight, TokenMatrix y, int yRow, WrapCounter wraps) {
        int d = out.width();
        int score = raw(weight);
        double[] o = out.values(), yv = y.values();
        for (int i = 0; i < d; i++) {
            int scaled = FixedMath.mul(raw(yv[yRow * d + i]), score, wraps);
            o[row * d + i] = FixedMath.value(wraps.store((long) raw(o[row * d + i]) + scaled));
        }
    }

    /** The raw fm_t of a value that is one (the emulator's board activations always are). */
    static int raw(double v) {
        double scaled = Math.scalb(v, FixedMath.FRAC);
        int r = (int) scaled;
        if (r != scaled) throw new IllegalStateException(v + " is not an fm_t value");
        return r;
    }

    /** The raw fm_t values of a matrix. */
    static int[] raw(TokenMatrix m) {
        double[] v = m.values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = raw(v[i]);
        return out;
    }

    /** A matrix of raw fm_t values. */
    static TokenMatrix matrix(int rows, int width, int[] raw) {
        double[] v = new double[raw.length];
        for (int i = 0; i < raw.length; i++) v[i] = FixedMath.value(raw[i]);
        return new TokenMatrix(rows, width, v);
    }

    /** Raw values of {@code values} in {@code format} (recorded in the report under {@code name}). */
    static int[] convert(String name, double[] values, FixedFormat format, WeightReport report) {
        report.add(name, format, values);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (int) format.raw(values[i]);
        return out;
    }

    /** A raw value of {@code format} moved onto the 22-bit fm_t grid (exact: every weight format has at most 22 fractional bits). */
    static int toActivation(int raw, FixedFormat format) {
        return raw << (FixedMath.FRAC - format.fracBits());
    }
}
