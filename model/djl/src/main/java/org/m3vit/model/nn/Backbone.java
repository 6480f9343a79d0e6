package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.m3vit.model.ModelConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The ViT-MoE backbone: patch embedding, {@code cls_token} prepended, {@code pos_embed} added,
 * then the blocks (dense MLP or MoE). No final norm: it returns the last block's tokens.
 */
public final class Backbone extends AbstractBlock {

    private final ModelConfig config;
    private final Parameter clsToken;
    private final Parameter posEmbed;
    private final PatchEmbedding patchEmbed;
    private final List<TransformerBlock> blocks = new ArrayList<>();

    /** The backbone of {@code config}. */
    public Backbone(ModelConfig config) {
        this.config = config;
        int d = config.embedDim();
        clsToken = addParameter(Parameter.builder().setName("cls_token").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, d)).optInitializer(Initializer.ZEROS).build());
        posEmbed = addParameter(Parameter.builder().setName("pos_embed").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, config.numTokens(), d)).optInitializer(Initializer.ZEROS).build());
        patchEmbed = addChildBlock("patch_embed", new PatchEmbedding(config.patchSize(), d));
        for (int b = 0; b < config.depth(); b++) {
            TokenMlp mlp = config.isMoe(b)
                    ? new MoeLayer(b, d, config.numExperts(), config.topK(), config.expertHidden(), config.numTasks())
                    : new DenseMlp(d, config.mlpHidden());
            blocks.add(addChildBlock("blocks." + b, new TransformerBlock(d, config.numHeads(), mlp)));
        }
    }

    /** The transformer blocks in order. */
    public List<TransformerBlock> blocks() { return List.copyOf(blocks); }

    /** Images (B, 3, H, W) -> the last block's tokens (B, 1 + H/p * W/p, D). */
    public NDArray forward(ParameterStore ps, NDArray images, PassContext ctx) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != config.imageHeight() || s.get(3) != config.imageWidth()) {
            throw new IllegalArgumentException("model '" + config.name() + "' takes images (B, 3, " + config.imageHeight()
                    + ", " + config.imageWidth() + "), got " + s);
        }
        NDArray patches = patchEmbed.forward(ps, images, ctx.training());
        NDArray cls = images.getManager().zeros(new Shape(s.get(0), 1, config.embedDim()))
                .add(ps.getValue(clsToken, images.getDevice(), ctx.training()));
        NDArray x = NDArrays.concat(new NDList(cls, patches), 1)
                .add(ps.getValue(posEmbed, images.getDevice(), ctx.training()));
        for (TransformerBlock block : blocks) {
            NDArray next = LayerScope.apply(x, in -> block.forward(ps, in, ctx), ctx.balanceLosses());
            x.close(); // the block's input, no longer needed (autograd keeps what it saved)
            x = next;
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), PassContext.from(params, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Shapes.first(inputShapes, "backbone");
        return new Shape[] {new Shape(in.get(0), config.numTokens(), config.embedDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.requireDims(Shapes.first(inputShapes, "backbone"), 4, "backbone");
        patchEmbed.initialize(manager, dataType, in);
        Shape tokens = getOutputShapes(inputShapes)[0];
        for (TransformerBlock b : blocks) b.initialize(manager, dataType, tokens);
    }
}
