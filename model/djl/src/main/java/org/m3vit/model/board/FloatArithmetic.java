package org.m3vit.model.board;

import org.apache.commons.math3.special.Erf;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.nn.TransformerBlock;

import java.util.Arrays;
import java.util.Map;

/**
 * The emulator's reference arithmetic: our network's maths in double precision with no
 * quantisation (exact erf GELU, LayerNorm with the model's epsilon on the two-pass variance,
 * softmax with the maximum subtracted, gate top-k by probability, lower expert first on ties).
 * Run through {@link BackboneEmulator} it reproduces the DJL backbone, which proves the
 * emulator's structure; {@link BoardArithmetic} is that structure in the board's formats.
 */
public final class FloatArithmetic implements Arithmetic {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    @Override
    public String name() { return "float"; }

    @Override
    public Map<String, String> formats() { return Map.of("everything", "IEEE double, no quantisation"); }

    /**
     * The exact GELU, x * Phi(x) = x (1 + erf(x / sqrt 2)) / 2: erf from its Taylor series where
     * |x / sqrt 2| &lt; 2 (the terms stay below e^4, so about 14 digits hold; most activations lie
     * there and the series is fast), elsewhere from commons-math's erfc.
     */
    public static double gelu(double x) {
        double z = x / SQRT2;
        if (Math.abs(z) >= 2) return 0.5 * x * Erf.erfc(-z);
        double z2 = z * z, term = z, sum = z;
        for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum) && n < 60; n++) {
            term *= -z2 / n;
            sum += term / (2 * n + 1);
        }
        return 0.5 * x * (1 + TWO_OVER_SQRT_PI * sum);
    }

    @Override
    public PatchOp patchEmbedding(ModelConfig config, Tensor weight, Tensor bias, Tensor cls, Tensor pos, WeightReport report) {
        int d = config.embedDim();
        int[][] pixels = PatchGrid.indices(config);
        int k = pixels[0].length;
        float[] w = weight.data(), b = bias.data(), c = cls.data(), p = pos.data();
        return (chw, wraps) -> {
            TokenMatrix out = TokenMatrix.zeros(config.numTokens(), d);
            double[] o = out.values();
            for (int j = 0; j < d; j++) o[j] = (double) c[j] + p[j];
            for (int n = 0; n < pixels.length; n++) {
                int[] idx = pixels[n];
                for (int j = 0; j < d; j++) {
                    double acc = b[j];
                    int base = j * k;
                    for (int i = 0; i < k; i++) acc += (double) w[base + i] * chw[idx[i]];
                    o[(n + 1) * d + j] = acc + p[(n + 1) * d + j];
                }
            }
            return out;
        };
    }

    @Override
    public LinearOp linear(String name, Tensor weight, Tensor bias, int firstRow, int outputs, FixedFormat biasFormat, WeightReport report) {
        int in = (int) weight.shape()[weight.shape().length - 1];
        double[] w = Weights.slice(weight.data(), firstRow * in, outputs * in);
        double[] b = Weights.slice(bias.data(), firstRow, outputs);
        return (x, gelu, wraps) -> {
            TokenMatrix out = TokenMatrix.zeros(x.rows(), outputs);
            double[] xv = x.values(), o = out.values();
            for (int r = 0; r < x.rows(); r++) {
                int xr = r * in;
                for (int j = 0; j < outputs; j++) {
                    double acc = b[j] + dot(xv, xr, w, j * in, in);
                    o[r * outputs + j] = gelu ? gelu(acc) : acc;
                }
            }
            return out;
        };
    }

    @Override
    public NormOp norm(String name, Tensor weight, Tensor bias, WeightReport report) {
        float[] g = weight.data(), b = bias.data();
        return (x, wraps) -> {
            int d = x.width();
            TokenMatrix out = TokenMatrix.zeros(x.rows(), d);
            double[] xv = x.values(), o = out.values();
            for (int r = 0; r < x.rows(); r++) {
                double mean = 0;
                for (int i = 0; i < d; i++) mean += xv[r * d + i];
                mean /= d;
                double var = 0;
                for (int i = 0; i < d; i++) {
                    double c = xv[r * d + i] - mean;
                    var += c * c;
                }
                double inv = 1 / Math.sqrt(var / d + TransformerBlock.LN_EPS);
                for (int i = 0; i < d; i++) o[r * d + i] = (xv[r * d + i] - mean) * inv * g[i] + b[i];
            }
            return out;
        };
    }

    @Override
    public AttentionOp attention(int heads) {
        return (q, k, v, wraps) -> {
            int n = q.rows(), d = q.width(), hd = d / heads;
            double scale = Math.pow(hd, -0.5);
            TokenMatrix out = TokenMatrix.zeros(n, d);
            double[] qv = q.values(), kv = k.values(), vv = v.values(), o = out.values();
            double[] p = new double[n];
            for (int h = 0; h < heads; h++) {
                int off = h * hd;
                for (int t = 0; t < n; t++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < n; s++) {
                        p[s] = dot(qv, t * d + off, kv, s * d + off, hd) * scale;
                        max = Math.max(max, p[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s < n; s++) {
                        p[s] = Math.exp(p[s] - max);
                        sum += p[s];
                    }
                    for (int s = 0; s < n; s++) {
                        double a = p[s] / sum;
                        for (int i = 0; i < hd; i++) o[t * d + off + i] += a * vv[s * d + off + i];
                    }
                }
            }
            return out;
        };
    }

    @Override
    public GateOp gate(String name, int block, Tensor weight, int topK, WeightReport report) {
        int dim = (int) weight.shape()[0], experts = (int) weight.shape()[1];
        float[] w = weight.data();
        return (x, wraps) -> {
            int n = x.rows();
            int[][] ids = new int[n][];
            double[][] chosen = new double[n][topK];
            double[][] probs = new double[n][experts];
            double[] xv = x.values();
            for (int t = 0; t < n; t++) {
                double[] logit = new double[experts];
                for (int i = 0; i < dim; i++) {
                    double xi = xv[t * dim + i];
                    for (int e = 0; e < experts; e++) logit[e] += xi * w[i * experts + e];
                }
                double max = Arrays.stream(logit).max().orElseThrow(), sum = 0;
                for (int e = 0; e < experts; e++) sum += probs[t][e] = Math.exp(logit[e] - max);
                for (int e = 0; e < experts; e++) probs[t][e] /= sum;
                ids[t] = TopK.of(probs[t], topK);
                for (int j = 0; j < topK; j++) chosen[t][j] = probs[t][ids[t][j]];
            }
            return new GateDecision(block, ids, chosen, probs);
        };
    }

    /** a[ai..ai+n) . b[bi..bi+n) with four partial sums (independent additions pipeline; double precision keeps the order immaterial). */
    private static double dot(double[] a, int ai, double[] b, int bi, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ai + i] * b[bi + i];
            s1 += a[ai + i + 1] * b[bi + i + 1];
            s2 += a[ai + i + 2] * b[bi + i + 2];
            s3 += a[ai + i + 3] * b[bi + i + 3];
        }
        for (; i < n; i++) s0 += a[ai + i] * b[bi + i];
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public TokenMatrix add(TokenMatrix a, TokenMatrix b, WrapCounter wraps) {
        double[] out = a.values().clone();
        double[] bv = b.values();
        for (int i = 0; i < out.length; i++) out[i] += bv[i];
        return new TokenMatrix(a.rows(), a.width(), out);
    }

    @Override
    public void addScaled(TokenMatrix out, int row, double weight, TokenMatrix y, int yRow, WrapCounter wraps) {
        int d = out.width();
        for (int i = 0; i < d; i++) out.values()[row * d + i] += weight * y.values()[yRow * d + i];
    }
}
