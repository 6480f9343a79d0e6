package org.m3vit.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.m3vit.model.io.NativeCopy;
import org.m3vit.model.io.ParameterEdits;
import org.m3vit.model.io.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), written out so that its moment
 * estimates can be saved in a checkpoint and a resumed run continues exactly where it stopped.
 * Moments live in the optimiser's own NDManager; updates happen in place, in libtorch, outside
 * any gradient recording.
 */
public final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    /** An optimiser with the usual betas (0.9, 0.999) and eps 1e-8. */
    public AdamW(NDManager parent) {
        this(parent, 0.9, 0.999, 1e-8);
    }

    /** An optimiser with explicit betas and eps. */
    public AdamW(NDManager parent, double beta1, double beta2, double eps) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Updates made so far. */
    public long step() { return step; }

    /** Starts one update: call once per step, before {@link #update} for each parameter. */
    public void beginStep() { step++; }

    /**
     * Updates {@code weight} in place from {@code grad}: {@code w -= lr * (mhat / (sqrt(vhat) + eps) + decay * w)}.
     * Pass decay 0 for biases, norms and embeddings. One native call per parameter (DJL's
     * libtorch {@code adamUpdate}, in its decoupled-decay form: {@code w -= lr * decay * w}, then
     * {@code w -= lr' * m / (sqrt(v) + eps')}); with {@code lr' = lr * sqrt(c2) / c1} and
     * {@code eps' = eps * sqrt(c2)} that is exactly the bias-corrected formula above.
     */
    public void update(String name, NDArray weight, NDArray grad, double lr, double decay) {
        NDArray m = moment(firstMoments, name, weight);
        NDArray v = moment(secondMoments, name, weight);
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        double root = Math.sqrt(c2);
        ParameterEdits.record();
        JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) grad, (PtNDArray) m, (PtNDArray) v, (float) lr,
                (float) (lr * root / c1), (float) decay, 1f, -1f, (float) beta1, (float) beta2, (float) (eps * root), true);
    }

    /** The moment of {@code name}, created as zeros on first use; kept out of any enclosing {@link NDScope}. */
    private NDArray moment(Map<String, NDArray> moments, String name, NDArray weight) {
        return moments.computeIfAbsent(name, k -> {
            NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType());
            NDScope.unregister(zeros);
            return zeros;
        });
    }

    /** The optimiser state as tensors (moments under "m." and "v." prefixes, plus the step count). */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        firstMoments.forEach((k, a) -> out.put("m." + k, toTensor(a)));
        secondMoments.forEach((k, a) -> out.put("v." + k, toTensor(a)));
        out.put("step", new Tensor(new long[] {1}, new float[] {step}));
        return out;
    }

    /** Restores a state written by {@link #state()}. */
    public void restore(Map<String, Tensor> state) {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        state.forEach((k, t) -> {
            if (k.equals("step")) {
                step = (long) t.data()[0];
            } else if (k.startsWith("m.")) {
                firstMoments.put(k.substring(2), fromTensor(t));
            } else if (k.startsWith("v.")) {
                secondMoments.put(k.substring(2), fromTensor(t));
            }
        });
    }

    private NDArray fromTensor(Tensor t) {
        NDArray a = manager.zeros(new ai.djl.ndarray.types.Shape(t.shape()));
        NativeCopy.into(a, t.data());
        return a;
    }

    private static Tensor toTensor(NDArray a) {
        return new Tensor(a.getShape().getShape(), a.toFloatArray());
    }

    @Override
    public void close() {
        manager.close();
    }
}
