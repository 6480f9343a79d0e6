package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.m3vit.model.ExpertMask;

/**
 * ORACLE, for tests and benchmarks only: the MoE layer computed densely, every expert on every
 * token, then masked by the gates (softmax probabilities at each token's top-k, zero
 * elsewhere). Inference never uses it; the sparse {@link MoeLayer} must equal it. Under a routing
 * intervention the top-k is taken of the softmax plus the mask's dense shift
 * ({@link ExpertMask#scoreShift}: forced experts up, switched-off ones down), the gates stay the
 * softmax probabilities of the experts so chosen.
 */
public final class DenseMoeOracle {

    private DenseMoeOracle() { }

    /** Output (M, D) and the masked gates (M, E) for tokens (M, D); the arrays live in the tokens' manager. */
    public static NDList forward(NDArray tokens, NDArray wGate, NDArray w1, NDArray b1, NDArray w2, NDArray b2, int k) {
        return forward(tokens, wGate, w1, b1, w2, b2, k, null, 1);
    }

    /**
     * {@link #forward(NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, int)} with the top-k
     * choice changed by {@code routing} (null: none); token row r is token r mod {@code tokensPerImage}.
     */
    public static NDList forward(NDArray tokens, NDArray wGate, NDArray w1, NDArray b1, NDArray w2, NDArray b2, int k,
                                 ExpertMask routing, int tokensPerImage) {
        NDManager scope = tokens.getManager();
        long e = wGate.getShape().get(1);
        NDArray probs = tokens.matMul(wGate).softmax(-1);
        NDArray scores = probs;
        if (routing != null) {
            int rows = Math.toIntExact(tokens.getShape().get(0));
            scores = probs.add(scope.create(routing.scoreShift(rows, tokensPerImage), new Shape(rows, e)).duplicate());
        }
        NDArray ids = scores.topK(k, -1, true, true).get(1);
        NDArray mask = ids.oneHot((int) e).sum(new int[] {1});
        NDArray gates = probs.mul(mask);
        NDArray w1t = inScope(w1.transpose(0, 2, 1), scope);
        NDArray w2t = inScope(w2.transpose(0, 2, 1), scope);
        NDArray b1e = inScope(b1.expandDims(1), scope);
        NDArray b2e = inScope(b2.expandDims(1), scope);
        // (1, M, D) x (E, D, Dh) -> (E, M, Dh)
        NDArray h = Activation.gelu(tokens.expandDims(0).matMul(w1t).add(b1e));
        NDArray y = h.matMul(w2t).add(b2e);
        NDArray out = y.mul(gates.transpose().expandDims(2)).sum(new int[] {0});
        return new NDList(out, gates);
    }

    private static NDArray inScope(NDArray view, NDManager scope) {
        view.attach(scope);
        return view;
    }
}
