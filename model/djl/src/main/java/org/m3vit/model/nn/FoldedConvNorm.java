package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.m3vit.model.GradModeOff;
import org.m3vit.model.io.ParameterEdits;

/**
 * A convolution's weight and bias with the following inference-mode BatchNorm folded in:
 * {@code s = gamma / sqrt(runningVar + eps)}, {@code w' = w * s} per output channel,
 * {@code b' = (b - runningMean) * s + beta}, so that conv + BN is one conv. Made from the
 * parameters on first use and again after any parameter edit ({@link ParameterEdits}) or when a
 * parameter array is replaced; kept in the parameters' manager between passes.
 */
final class FoldedConvNorm {

    /** A folded pair and what it was made from. */
    private record Folded(NDArray weight, NDArray bias, long edits, NDArray[] sources) {
        boolean isCurrent(long now, NDArray[] from) {
            if (edits != now) return false;
            for (int i = 0; i < from.length; i++) if (sources[i] != from[i]) return false;
            return true;
        }
    }

    private volatile Folded folded;

    /**
     * The folded (weight, bias) of conv {@code w, b} followed by BatchNorm {@code gamma, beta,
     * mean, var} with epsilon {@code eps}; the arrays stay owned by this object (do not close them).
     */
    NDArray[] of(NDArray w, NDArray b, NDArray gamma, NDArray beta, NDArray mean, NDArray var, float eps) {
        NDArray[] from = {w, b, gamma, beta, mean, var};
        long now = ParameterEdits.current();
        Folded f = folded;
        if (f == null || !f.isCurrent(now, from)) {
            synchronized (this) {
                f = folded;
                if (f == null || !f.isCurrent(now, from)) {
                    Folded made = fold(w, b, gamma, beta, mean, var, eps, now, from);
                    folded = made;
                    if (f != null) {
                        f.weight.close();
                        f.bias.close();
                    }
                    f = made;
                }
            }
        }
        return new NDArray[] {f.weight, f.bias};
    }

    private static Folded fold(NDArray w, NDArray b, NDArray gamma, NDArray beta, NDArray mean, NDArray var, float eps,
                               long edits, NDArray[] from) {
        NDArray[] out = new NDArray[2];
        GradModeOff.run(() -> {
            try (NDArray epsilon = var.getManager().create(eps); NDArray padded = var.add(epsilon); NDArray std = padded.sqrt(); NDArray scale = gamma.div(std);
                 NDArray column = scale.reshape(scale.getShape().get(0), 1, 1, 1); NDArray centred = b.sub(mean);
                 NDArray shifted = centred.mul(scale)) {
                out[0] = w.mul(column);
                out[1] = shifted.add(beta);
            }
        });
        // kept across passes: an enclosing NDScope (a training step's) must not free them
        NDScope.unregister(out);
        return new Folded(out[0], out[1], edits, from);
    }
}
