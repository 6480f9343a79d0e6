package org.m3vit.model;

import org.apache.commons.math3.special.Erf;
import org.m3vit.model.io.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test oracle: the M³ViT forward pass in plain Java double precision, written from the
 * reference maths (M3VIT-REFERENCE.md) without DJL: conv, layer norm, attention, erf GELU,
 * per-task gating with un-renormalised top-k, experts, BatchNorm in inference mode and
 * bilinear x2 with align_corners = false.
 */
final class ReferenceForward {

    /** Routing of one MoE block: per token the top-k ids (best first), their weights and the softmax. */
    record Routing(int block, int[][] experts, double[][] weights, double[][] probabilities) { }

    /** Head output (C x H x W, row-major) and the routing per MoE block. */
    record Result(double[] output, int channels, int height, int width, List<Routing> routing) { }

    private final ModelConfig c;
    private final Map<String, Tensor> w;

    ReferenceForward(ModelConfig config, Map<String, Tensor> weights) {
        this.c = config;
        this.w = weights;
    }

    Result run(float[] image, int task) {
        int d = c.embedDim(), gh = c.gridHeight(), gw = c.gridWidth(), n = c.numTokens();
        double[] img = new double[image.length];
        for (int i = 0; i < image.length; i++) img[i] = image[i];
        double[] patches = conv(img, 3, c.imageHeight(), c.imageWidth(), "backbone.patch_embed.proj", c.patchSize(), c.patchSize(), 0);
        double[][] x = new double[n][d];
        double[] cls = get("backbone.cls_token");
        double[] pos = get("backbone.pos_embed");
        for (int k = 0; k < d; k++) x[0][k] = cls[k] + pos[k];
        for (int r = 0; r < gh; r++) {
            for (int col = 0; col < gw; col++) {
                int t = 1 + r * gw + col;
                for (int k = 0; k < d; k++) x[t][k] = patches[(k * gh + r) * gw + col] + pos[t * d + k];
            }
        }
        List<Routing> routing = new ArrayList<>();
        for (int b = 0; b < c.depth(); b++) {
            String p = "backbone.blocks." + b + ".";
            double[][] a = attention(layerNorm(x, p + "norm1"), p + "attn");
            for (int t = 0; t < n; t++) for (int k = 0; k < d; k++) x[t][k] += a[t][k];
            double[][] h = layerNorm(x, p + "norm2");
            double[][] m = c.isMoe(b) ? moe(h, b, task, routing) : mlp(h, p + "mlp");
            for (int t = 0; t < n; t++) for (int k = 0; k < d; k++) x[t][k] += m[t][k];
        }
        return head(x, task, routing);
    }

    private Result head(double[][] x, int task, List<Routing> routing) {
        TaskSpec spec = c.tasks().get(task);
        String p = "decoders." + spec.name() + ".";
        int d = c.embedDim(), gh = c.gridHeight(), gw = c.gridWidth();
        double[][] tokens = new double[c.numPatches()][];
        for (int i = 0; i < tokens.length; i++) tokens[i] = x[i + 1];
        double[][] normed = layerNorm(tokens, p + "norm");
        double[] map = new double[d * gh * gw];
        for (int i = 0; i < tokens.length; i++) for (int k = 0; k < d; k++) map[k * gh * gw + i] = normed[i][k];
        int ch = d, h = gh, wd = gw;
        for (int k = 0; k <= 3; k++) {
            map = conv(map, ch, h, wd, p + "conv_" + k, 3, 1, 1);
            ch = c.headChannels();
            map = batchNormRelu(map, ch, h * wd, p + "syncbn_fc_" + k);
            if (k < 3) {
                map = upsample(map, ch, h, wd);
                h *= 2;
                wd *= 2;
            }
        }
        map = conv(map, ch, h, wd, p + "conv_4", 1, 1, 0);
        map = upsample(map, spec.channels(), h, wd);
        return new Result(map, spec.channels(), 2 * h, 2 * wd, routing);
    }

    private double[] get(String name) {
        Tensor t = w.get(name);
        if (t == null) throw new IllegalArgumentException("no tensor " + name);
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = t.data()[i];
        return out;
    }

    /** Cross-correlation with square kernel k, stride s, zero padding pad; weight (O, C, k, k). */
    private double[] conv(double[] in, int channels, int h, int wd, String name, int k, int s, int pad) {
        double[] weight = get(name + ".weight");
        double[] bias = get(name + ".bias");
        int outC = bias.length;
        int oh = (h + 2 * pad - k) / s + 1, ow = (wd + 2 * pad - k) / s + 1;
        double[] out = new double[outC * oh * ow];
        for (int o = 0; o < outC; o++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    double acc = bias[o];
                    for (int ci = 0; ci < channels; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            int iy = y * s + ky - pad;
                            if (iy < 0 || iy >= h) continue;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = xx * s + kx - pad;
                                if (ix < 0 || ix >= wd) continue;
                                acc += weight[((o * channels + ci) * k + ky) * k + kx] * in[(ci * h + iy) * wd + ix];
                            }
                        }
                    }
                    out[(o * oh + y) * ow + xx] = acc;
                }
            }
        }
        return out;
    }

    private double[][] layerNorm(double[][] x, String name) {
        double[] g = get(name + ".weight");
        double[] b = get(name + ".bias");
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            int d = x[t].length;
            double mean = 0;
            for (double v : x[t]) mean += v;
            mean /= d;
            double var = 0;
            for (double v : x[t]) var += (v - mean) * (v - mean);
            var /= d;
            double inv = 1.0 / Math.sqrt(var + 1e-6);
            out[t] = new double[d];
            for (int k = 0; k < d; k++) out[t][k] = (x[t][k] - mean) * inv * g[k] + b[k];
        }
        return out;
    }

    /** y = x W^T + b with W (out, in). */
    private static double[][] linear(double[][] x, double[] weight, int wOffset, double[] bias, int bOffset, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[bOffset + o];
                for (int i = 0; i < in; i++) acc += weight[wOffset + o * in + i] * x[t][i];
                y[t][o] = acc;
            }
        }
        return y;
    }

    private static double gelu(double v) { return 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2))); }

    private double[][] attention(double[][] x, String p) {
        int n = x.length, d = c.embedDim(), heads = c.numHeads(), hd = d / heads;
        double[][] qkv = linear(x, get(p + ".qkv.weight"), 0, get(p + ".qkv.bias"), 0, 3 * d);
        double[][] mixed = new double[n][d];
        double scale = Math.pow(hd, -0.5);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                double[] s = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int k = 0; k < hd; k++) acc += qkv[i][h * hd + k] * qkv[j][d + h * hd + k];
                    s[j] = acc * scale;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) { s[j] = Math.exp(s[j] - max); sum += s[j]; }
                for (int k = 0; k < hd; k++) {
                    double acc = 0;
                    for (int j = 0; j < n; j++) acc += s[j] / sum * qkv[j][2 * d + h * hd + k];
                    mixed[i][h * hd + k] = acc;
                }
            }
        }
        return linear(mixed, get(p + ".proj.weight"), 0, get(p + ".proj.bias"), 0, d);
    }

    private double[][] mlp(double[][] x, String p) {
        double[][] h = linear(x, get(p + ".fc1.weight"), 0, get(p + ".fc1.bias"), 0, c.mlpHidden());
        for (double[] row : h) for (int i = 0; i < row.length; i++) row[i] = gelu(row[i]);
        return linear(h, get(p + ".fc2.weight"), 0, get(p + ".fc2.bias"), 0, c.embedDim());
    }

    private double[][] moe(double[][] x, int block, int task, List<Routing> routing) {
        String p = "backbone.blocks." + block + ".mlp.";
        int n = x.length, d = c.embedDim(), e = c.numExperts(), k = c.topK(), dh = c.expertHidden();
        double[] gate = get(p + "gate." + task + ".w_gate");
        double[] w1 = get(p + "experts.htoh4.weight"), b1 = get(p + "experts.htoh4.bias");
        double[] w2 = get(p + "experts.h4toh.weight"), b2 = get(p + "experts.h4toh.bias");
        double[][] out = new double[n][d];
        int[][] ids = new int[n][k];
        double[][] gw = new double[n][k];
        double[][] probs = new double[n][e];
        for (int t = 0; t < n; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < e; j++) {
                double acc = 0;
                for (int i = 0; i < d; i++) acc += x[t][i] * gate[i * e + j];
                probs[t][j] = acc;
                max = Math.max(max, acc);
            }
            double sum = 0;
            for (int j = 0; j < e; j++) { probs[t][j] = Math.exp(probs[t][j] - max); sum += probs[t][j]; }
            for (int j = 0; j < e; j++) probs[t][j] /= sum;
            boolean[] taken = new boolean[e];
            for (int s = 0; s < k; s++) {
                int best = -1;
                for (int j = 0; j < e; j++) if (!taken[j] && (best < 0 || probs[t][j] > probs[t][best])) best = j;
                taken[best] = true;
                ids[t][s] = best;
                gw[t][s] = probs[t][best];
                double[][] h = linear(new double[][] {x[t]}, w1, best * dh * d, b1, best * dh, dh);
                for (int i = 0; i < dh; i++) h[0][i] = gelu(h[0][i]);
                double[][] y = linear(h, w2, best * d * dh, b2, best * d, d);
                for (int i = 0; i < d; i++) out[t][i] += gw[t][s] * y[0][i];
            }
        }
        routing.add(new Routing(block, ids, gw, probs));
        return out;
    }

    private double[] batchNormRelu(double[] x, int channels, int plane, String name) {
        double[] g = get(name + ".weight"), b = get(name + ".bias"), mean = get(name + ".running_mean"), var = get(name + ".running_var");
        double[] out = new double[x.length];
        for (int ch = 0; ch < channels; ch++) {
            double inv = 1.0 / Math.sqrt(var[ch] + 1e-5);
            for (int i = 0; i < plane; i++) {
                double v = (x[ch * plane + i] - mean[ch]) * inv * g[ch] + b[ch];
                out[ch * plane + i] = Math.max(0, v);
            }
        }
        return out;
    }

    /** Bilinear x2, align_corners = false: output o reads input (o + 0.5) / 2 - 0.5, clamped at 0. */
    private static double[] upsample(double[] x, int channels, int h, int wd) {
        int oh = 2 * h, ow = 2 * wd;
        double[] out = new double[channels * oh * ow];
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < oh; y++) {
                double sy = Math.max(0, (y + 0.5) / 2 - 0.5);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, h - 1);
                double ly = sy - y0;
                for (int xx = 0; xx < ow; xx++) {
                    double sx = Math.max(0, (xx + 0.5) / 2 - 0.5);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, wd - 1);
                    double lx = sx - x0;
                    double top = x[(ch * h + y0) * wd + x0] * (1 - lx) + x[(ch * h + y0) * wd + x1] * lx;
                    double bottom = x[(ch * h + y1) * wd + x0] * (1 - lx) + x[(ch * h + y1) * wd + x1] * lx;
                    out[(ch * oh + y) * ow + xx] = top * (1 - ly) + bottom * ly;
                }
            }
        }
        return out;
    }
}
