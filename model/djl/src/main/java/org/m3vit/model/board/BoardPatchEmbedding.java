package org.m3vit.model.board;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.Tensor;

/**
 * compute_patch_embed (src/conv.cpp) for our input: the image as 8-bit pixels
 * (ap_ufixed&lt;8,0&gt;), the normalisation folded into the weights ({@link InputFold}), weights
 * ap_fixed&lt;16,0&gt; (or a wider format given), bias ap_fixed&lt;16,5&gt;; per patch and feature the accumulator starts at the
 * bias and adds every pixel * weight truncated to fm_t (the design sums each patch row's
 * products into an fm_t addend, truncating at every addition, which is the same thing), then
 * the position embedding (fm_t) is added. The kernel writes token 0 as pos_embed[0]: the host
 * puts cls_token + pos_embed[0] (added in float32) into that row, and so do we.
 */
final class BoardPatchEmbedding implements Arithmetic.PatchOp {

    private final int dim;
    private final int tokens;
    private final int[][] pixels;
    private final int[] weight;
    private final int[] bias;
    private final int[] pos;
    private final int productShift;

    BoardPatchEmbedding(ModelConfig config, Tensor weight, Tensor bias, Tensor cls, Tensor pos, FixedFormat weightFormat, WeightReport report) {
        this.dim = config.embedDim();
        this.tokens = config.numTokens();
        this.pixels = PatchGrid.indices(config);
        this.weight = BoardArithmetic.convert("backbone.patch_embed.proj.weight (normalisation folded in)",
                InputFold.weights(weight), weightFormat, report);
        // pixel (8 fractional bits) * weight (16 in the design) has 24 fractional bits; fm_t keeps 22
        this.productShift = FixedFormat.PIXEL.fracBits() + weightFormat.fracBits() - FixedMath.FRAC;
        int[] b = BoardArithmetic.convert("backbone.patch_embed.proj.bias (normalisation folded in)",
                InputFold.bias(weight, bias), FixedFormat.BIAS, report);
        this.bias = new int[dim];
        for (int j = 0; j < dim; j++) this.bias[j] = BoardArithmetic.toActivation(b[j], FixedFormat.BIAS);
        double[] rows = Weights.slice(pos.data(), 0, pos.size());
        for (int j = 0; j < dim; j++) rows[j] = cls.data()[j] + pos.data()[j];   // float32 addition, as the host does it
        this.pos = BoardArithmetic.convert("backbone.pos_embed (cls_token added to row 0)", rows, FixedFormat.ACTIVATION, report);
    }

    @Override
    public TokenMatrix apply(float[] chw, WrapCounter wraps) {
        int[] image = InputFold.bytes(chw);
        int k = pixels[0].length;
        int[] out = new int[tokens * dim];
        System.arraycopy(pos, 0, out, 0, dim);
        for (int n = 0; n < pixels.length; n++) {
            int[] idx = pixels[n];
            for (int j = 0; j < dim; j++) {
                long acc = bias[j];
                int base = j * k;
                for (int i = 0; i < k; i++) acc += ((long) image[idx[i]] * weight[base + i]) >> productShift;
                int o = (n + 1) * dim + j;
                out[o] = wraps.store((long) wraps.store(acc) + pos[o]);
            }
        }
        return BoardArithmetic.matrix(tokens, dim, out);
    }
}
