package org.m3vit.model.board;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.Tensor;

import java.util.Map;

/**
 * How the emulated backbone computes: a factory of the backbone's operations, each prepared
 * once from float32 weights (a quantising arithmetic converts them to its formats here) and
 * then applied to activations. {@link BackboneEmulator} composes them in the network's order,
 * so two arithmetics share one structure and differ only in their numbers.
 */
public interface Arithmetic {

    /** Short name for reports: "float" (double precision) or "board" (the Edge-MoE formats). */
    String name();

    /** The number format of each kind of value, for reports (activations, weights, biases, ...). */
    Map<String, String> formats();

    /**
     * The patch embedding with the cls token and position embedding: normalised 3 x H x W input
     * to (1 + patches) x D tokens. {@code weight} (D, 3, p, p), {@code bias} (D), {@code cls}
     * (1, 1, D), {@code pos} (1, N, D).
     */
    PatchOp patchEmbedding(ModelConfig config, Tensor weight, Tensor bias, Tensor cls, Tensor pos, WeightReport report);

    /**
     * A linear layer from rows {@code firstRow .. firstRow + outputs - 1} of a (out, in) weight
     * (PyTorch layout; {@code firstRow} selects q, k or v of the packed qkv) and of its bias, the
     * bias held in {@code biasFormat} by a quantising arithmetic.
     */
    LinearOp linear(String name, Tensor weight, Tensor bias, int firstRow, int outputs, FixedFormat biasFormat, WeightReport report);

    /** A LayerNorm over the width with the model's epsilon. */
    NormOp norm(String name, Tensor weight, Tensor bias, WeightReport report);

    /** softmax(q k^T / sqrt(head dim)) v over {@code heads} heads of q, k and v (tokens x D each). */
    AttentionOp attention(int heads);

    /** One task's gate, {@code weight} (D, E): top-k of the softmax over all experts. */
    GateOp gate(String name, int block, Tensor weight, int topK, WeightReport report);

    /** Residual addition a + b. */
    TokenMatrix add(TokenMatrix a, TokenMatrix b, WrapCounter wraps);

    /** out[row] += weight * y[yRow] (a gate-weighted expert output added to its token). */
    void addScaled(TokenMatrix out, int row, double weight, TokenMatrix y, int yRow, WrapCounter wraps);

    /** Patch embedding plus cls and positions. */
    interface PatchOp {
        /** Tokens of one normalised image. */
        TokenMatrix apply(float[] chw, WrapCounter wraps);
    }

    /** A linear layer. */
    interface LinearOp {
        /** The layer on every row of {@code in}, then GELU when {@code gelu}. */
        TokenMatrix apply(TokenMatrix in, boolean gelu, WrapCounter wraps);
    }

    /** A LayerNorm. */
    interface NormOp {
        /** Each row normalised. */
        TokenMatrix apply(TokenMatrix in, WrapCounter wraps);
    }

    /** The attention core between the q/k/v linears and the output projection. */
    interface AttentionOp {
        /** The heads' weighted sums of v, tokens x D. */
        TokenMatrix apply(TokenMatrix q, TokenMatrix k, TokenMatrix v, WrapCounter wraps);
    }

    /** A gate. */
    interface GateOp {
        /** Every row's top-k experts and weights. */
        GateDecision apply(TokenMatrix in, WrapCounter wraps);
    }
}
