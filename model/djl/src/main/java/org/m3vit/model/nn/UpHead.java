package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.m3vit.model.HeadPlan;
import org.m3vit.model.io.ParameterEdits;

import java.util.ArrayList;
import java.util.List;

/**
 * A task head of the published code (VisionTransformerUpHead, 4 convs): drop cls, LayerNorm
 * {@code norm}, tokens to a (B, D, h, w) map; {@code conv_0..2} 3x3 + BatchNorm
 * {@code syncbn_fc_k} + ReLU + bilinear x2; {@code conv_3} 3x3 + BN + ReLU; {@code conv_4}
 * 1x1 to the task's outputs; bilinear x2. Output (B, outputs, 16h, 16w) for patch 16.
 */
public final class UpHead extends AbstractBlock {

    /** BatchNorm epsilon of the published head. */
    public static final float BN_EPS = 1e-5f;

    private final int gridHeight;
    private final int gridWidth;
    private final HeadPlan plan;
    private final LayerNorm norm;
    private final List<TorchConv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final List<FoldedConvNorm> folded = new ArrayList<>();
    private Upsample2x upsample;
    private static final NDIndex PATCH_TOKENS = new NDIndex(":, 1:, :");

    /** A head on an h x w grid of {@code dim}-wide tokens with C channels and {@code outputs} output channels. */
    public UpHead(int dim, int gridHeight, int gridWidth, int channels, int outputs) {
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
        this.plan = HeadPlan.of(dim, gridHeight, gridWidth, channels, outputs);
        norm = addChildBlock("norm", TransformerBlock.layerNorm());
        for (HeadPlan.Step c : plan.convs()) {
            folded.add(new FoldedConvNorm());
            convs.add(addChildBlock("conv_" + c.index(), new TorchConv2d(c.inChannels(), c.outChannels(), c.kernel(), 1, c.kernel() / 2)));
        }
        for (HeadPlan.Step c : plan.convs()) {
            if (!c.normAndRelu()) continue;
            // DJL's momentum 0.9 is PyTorch's 0.1 (the engine passes 1 - momentum)
            norms.add(addChildBlock("syncbn_fc_" + c.index(), BatchNorm.builder()
                    .optAxis(1).optEpsilon(BN_EPS).optMomentum(0.9f).build()));
        }
    }

    /** The head's layers, as the MAC counter and the simulator see them. */
    public HeadPlan plan() { return plan; }

    /** Tokens (B, 1 + h*w, D) of the last block -> head output (B, outputs, 16h, 16w). */
    public NDArray forward(ParameterStore ps, NDArray tokens, boolean training) {
        Shape s = tokens.getShape();
        NDArray x = LayerScope.apply(tokens, t -> {
            NDArray normed = norm.forward(ps, new NDList(t.get(PATCH_TOKENS)), training).singletonOrThrow();
            return normed.transpose(0, 2, 1).reshape(s.get(0), s.get(2), gridHeight, gridWidth);
        });
        for (HeadPlan.Step step : plan.steps()) {
            NDArray next;
            if (step.kind() == HeadPlan.Kind.UPSAMPLE) {
                if (upsample == null) throw new IllegalStateException("head used before initialize()");
                next = upsample.apply(x);
            } else if (step.kind() == HeadPlan.Kind.CONV) {
                next = LayerScope.apply(x, in -> convolve(ps, step, in, training));
            } else {
                continue;
            }
            x.close(); // the step's input: the head's own array, no longer needed (autograd keeps what it saved)
            x = next;
        }
        return x;
    }

    /** A conv step: the conv, then BatchNorm and ReLU where the step has them. */
    private NDArray convolve(ParameterStore ps, HeadPlan.Step step, NDArray x, boolean training) {
        TorchConv2d conv = convs.get(step.index());
        if (!step.normAndRelu()) return conv.forward(ps, x, training);
        BatchNorm bn = norms.get(step.index());
        if (!training) {
            // inference: BatchNorm with its running statistics is affine per channel, folded into the conv
            NDArray[] wb = conv.weightAndBias(ps, x, false);
            PairList<String, ai.djl.nn.Parameter> p = bn.getParameters();
            NDArray[] f = folded.get(step.index()).of(wb[0], wb[1], value(ps, p, "gamma", x), value(ps, p, "beta", x),
                    value(ps, p, "runningMean", x), value(ps, p, "runningVar", x), BN_EPS);
            return Activation.relu(conv.forwardWith(x, f[0], f[1]));
        }
        ParameterEdits.record(); // a training pass updates the running statistics
        NDArray y = conv.forward(ps, x, true);
        return Activation.relu(bn.forward(ps, new NDList(y), true).singletonOrThrow());
    }

    private static NDArray value(ParameterStore ps, PairList<String, ai.djl.nn.Parameter> params, String name, NDArray like) {
        return ps.getValue(params.get(name), like.getDevice(), false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Shapes.first(inputShapes, "head");
        return new Shape[] {new Shape(in.get(0), plan.convs().get(plan.convs().size() - 1).outChannels(), plan.outputHeight(), plan.outputWidth())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.requireDims(Shapes.first(inputShapes, "head"), 3, "head");
        long b = in.get(0);
        upsample = new Upsample2x(manager);
        norm.initialize(manager, dataType, new Shape(b, (long) gridHeight * gridWidth, in.get(2)));
        for (HeadPlan.Step c : plan.convs()) {
            convs.get(c.index()).initialize(manager, dataType, new Shape(b, c.inChannels(), c.height(), c.width()));
            if (c.normAndRelu()) norms.get(c.index()).initialize(manager, dataType, new Shape(b, c.outChannels(), c.height(), c.width()));
        }
    }
}
