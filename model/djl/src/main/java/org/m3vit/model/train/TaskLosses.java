package org.m3vit.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.m3vit.model.TaskKind;
import org.m3vit.model.nn.Scalar;

/**
 * The per-task training losses of the reference: cross-entropy for segmentation (label 255
 * ignored), L1 on valid pixels (ground truth > 0) for depth, L1 between the L2-normalised
 * prediction and the ground-truth normal for normals, binary cross-entropy for probability maps.
 * Every loss is a scalar mean over the counted pixels.
 */
public final class TaskLosses {

    /** Segmentation label excluded from the loss. */
    public static final int IGNORE = 255;

    private TaskLosses() { }

    /** Loss for a head of the given kind; {@code target} is (B,H,W) labels or (B,C,H,W) values. */
    public static NDArray loss(TaskKind kind, NDArray prediction, NDArray target) {
        return switch (kind) {
            case SEGMENTATION -> crossEntropy(prediction, target);
            case DEPTH -> depthL1(prediction, target);
            case NORMALS -> normalsL1(prediction, target);
            case PROBABILITY -> binaryCrossEntropy(prediction, target);
        };
    }

    /** Mean cross-entropy of logits (B,C,H,W) against integer labels (B,H,W), ignoring {@link #IGNORE}. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return crossEntropy(logits, labels, null);
    }

    /**
     * Class-weighted cross-entropy (PyTorch's {@code F.cross_entropy(weight=w)}): the sum over
     * pixels of w[label] x -log p(label), divided by the sum of w[label]; {@code classWeights}
     * (C), a libtorch-owned array, or null for the unweighted mean.
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, NDArray classWeights) {
        NDArray valid = labels.neq(IGNORE).toType(logits.getDataType(), false);
        // ignored pixels look up class 0 and are then weighted 0
        NDArray index = labels.mul(valid.toType(labels.getDataType(), false)).toType(DataType.INT64, false);
        NDArray nll = logits.logSoftmax(1).gather(index.expandDims(1), 1).squeeze(1).neg();
        NDArray weight = classWeights == null ? valid : classWeights.take(index).mul(valid);
        return nll.mul(weight).sum().div(Scalar.max(weight.sum(), 1e-12));
    }

    /** Mean |log max(prediction, 0.01) - log truth| on pixels with positive ground-truth depth; both (B,1,H,W). */
    public static NDArray depthLogL1(NDArray prediction, NDArray target) {
        NDArray valid = target.gt(0).toType(prediction.getDataType(), false);
        NDArray logPrediction = Scalar.max(prediction, 0.01).log();
        NDArray logTarget = Scalar.max(target, 1e-3).log();
        return logPrediction.sub(logTarget).abs().mul(valid).sum().div(Scalar.max(valid.sum(), 1));
    }

    /** Mean absolute error on pixels with positive ground-truth depth; prediction (B,1,H,W), target (B,1,H,W). */
    public static NDArray depthL1(NDArray prediction, NDArray target) {
        NDArray valid = target.gt(0).toType(prediction.getDataType(), false);
        return prediction.sub(target).abs().mul(valid).sum().div(Scalar.max(valid.sum(), 1));
    }

    /** Mean over pixels of the L1 distance between normalised prediction and target, both (B,3,H,W). */
    public static NDArray normalsL1(NDArray prediction, NDArray target) {
        NDArray norm = Scalar.add(prediction.square().sum(new int[] {1}, true), 1e-12).sqrt();
        NDArray unit = prediction.div(norm);
        NDArray valid = target.abs().sum(new int[] {1}, true).gt(0).toType(prediction.getDataType(), false);
        return unit.sub(target).abs().sum(new int[] {1}, true).mul(valid).sum().div(Scalar.max(valid.sum(), 1));
    }

    /** Mean binary cross-entropy of logits against targets in [0, 1]. */
    public static NDArray binaryCrossEntropy(NDArray logits, NDArray target) {
        // log(1 + exp(-|x|)) + max(x, 0) - x * y, the numerically stable form
        NDArray softplus = Scalar.add(logits.abs().neg().exp(), 1).log();
        return softplus.add(Scalar.max(logits, 0)).sub(logits.mul(target)).mean();
    }
}
