package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingPlan;
import org.m3vit.model.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole M³ViT as one DJL block: {@code backbone} and one {@link UpHead} per task
 * ({@code decoders.<task>}). A pass runs one task: its gates in every MoE block and its head.
 * As a plain DJL block it takes (images) or (images, task id) and returns (output, balance loss).
 */
public final class M3ViTNetwork extends AbstractBlock {

    private final ModelConfig config;
    private final Backbone backbone;
    private final List<UpHead> heads = new ArrayList<>();

    /** The network of {@code config}; parameters are created by {@code initialize}. */
    public M3ViTNetwork(ModelConfig config) {
        this.config = config;
        backbone = addChildBlock("backbone", new Backbone(config));
        for (TaskSpec task : config.tasks()) {
            heads.add(addChildBlock("decoders." + task.name(),
                    new UpHead(config.embedDim(), config.gridHeight(), config.gridWidth(), config.headChannels(), task.channels())));
        }
    }

    /** The config this network was built for. */
    public ModelConfig config() { return config; }

    /** The backbone. */
    public Backbone backbone() { return backbone; }

    /** The head of task id {@code task}. */
    public UpHead head(int task) { return heads.get(task); }

    /** The input shape of a batch of {@code batch} images. */
    public Shape inputShape(int batch) {
        return new Shape(batch, 3, config.imageHeight(), config.imageWidth());
    }

    /** One single-task pass over a batch of images (B, 3, H, W). */
    public TaskPass forward(ParameterStore ps, NDArray images, int task, boolean training, boolean recordRouting) {
        return forward(ps, images, task, training, recordRouting, MoeExecution.SPARSE);
    }

    /** One single-task pass with the MoE layers run as {@code execution} says (the dense oracle is for tests and benchmarks). */
    public TaskPass forward(ParameterStore ps, NDArray images, int task, boolean training, boolean recordRouting,
                            MoeExecution execution) {
        return forward(ps, images, task, training, recordRouting, execution, RoutingPlan.NONE);
    }

    /** One single-task pass whose routing is changed by {@code plan} (the gates it names, the experts it masks). */
    public TaskPass forward(ParameterStore ps, NDArray images, int task, boolean training, boolean recordRouting,
                            MoeExecution execution, RoutingPlan plan) {
        if (task < 0 || task >= heads.size()) {
            throw new IllegalArgumentException("model '" + config.name() + "' has task ids 0.." + (heads.size() - 1) + ", not " + task);
        }
        PassContext ctx = new PassContext(task, training, recordRouting, execution, plan);
        NDArray tokens = backbone.forward(ps, images, ctx);
        NDArray out = heads.get(task).forward(ps, tokens, training);
        NDArray loss = images.getManager().zeros(new Shape());
        for (NDArray l : ctx.balanceLosses()) loss = loss.add(l);
        return new TaskPass(out, loss, ctx.routing(), ctx.routingNanos());
    }

    /** Inputs: images, and optionally the task id as a scalar; the task may also come in a {@link PassContext}. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        PassContext ctx = PassContext.from(params, training);
        int task = inputs.size() > 1 ? inputs.get(1).toType(DataType.INT32, false).getInt() : ctx.task();
        TaskPass pass = forward(ps, inputs.head(), task, training, ctx.recordRouting());
        return new NDList(pass.output(), pass.balanceLoss());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return getOutputShapes(inputShapes, 0);
    }

    /** Output shapes of the pass of task id {@code task}: the head output and the scalar loss. */
    public Shape[] getOutputShapes(Shape[] inputShapes, int task) {
        Shape tokens = backbone.getOutputShapes(inputShapes)[0];
        return new Shape[] {heads.get(task).getOutputShapes(new Shape[] {tokens})[0], new Shape()};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes[0]);
        Shape tokens = backbone.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        for (UpHead h : heads) h.initialize(manager, dataType, tokens);
    }
}
