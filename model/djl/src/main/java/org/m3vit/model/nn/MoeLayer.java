package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.m3vit.model.ExpertMask;
import org.m3vit.model.LayerRouting;

import java.util.ArrayList;
import java.util.List;

/**
 * The MoE layer of an odd block: one {@link Gate} per task ({@code gate.<t>}) and the shared
 * {@link ExpertBank} ({@code experts}). Sparse execution: each token's top-k experts of the
 * softmax over all E (weights not renormalised); the (token, slot) pairs are sorted by expert
 * and gathered in one go, each selected expert runs once on its contiguous slice, the rows are
 * put back in token order by a second gather, scaled by their gate weights, and each token's k
 * rows are summed. Only gathers, so it stays differentiable (DJL has no scatter-add;
 * the backward of a gather is the scatter-add). Under a routing intervention the pass's
 * {@link ExpertMask} for this block decides the k experts ({@link ExpertMask#choose}) and their
 * weights are still the gate's softmax probabilities; without one the path is the plain top-k.
 */
public final class MoeLayer extends AbstractBlock implements TokenMlp {

    private final int block;
    private final int topK;
    private final List<Gate> gates = new ArrayList<>();
    private final ExpertBank experts;

    /** The MoE layer of transformer block {@code block}. */
    public MoeLayer(int block, int dim, int numExperts, int topK, int expertHidden, int tasks) {
        this.block = block;
        this.topK = topK;
        for (int t = 0; t < tasks; t++) gates.add(addChildBlock("gate." + t, new Gate(dim, numExperts)));
        experts = addChildBlock("experts", new ExpertBank(numExperts, dim, expertHidden));
    }

    /** Index of the transformer block this layer belongs to. */
    public int block() { return block; }

    /** k, the experts per token. */
    public int topK() { return topK; }

    /** The gate of task {@code task}. */
    public Gate gate(int task) {
        if (task < 0 || task >= gates.size()) {
            throw new IllegalArgumentException("block " + block + " has gates for tasks 0.." + (gates.size() - 1) + ", not " + task);
        }
        return gates.get(task);
    }

    /** The shared experts. */
    public ExpertBank experts() { return experts; }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, PassContext ctx) {
        Shape s = x.getShape();
        long tokensPerImage = s.get(s.dimension() - 2);
        long dim = s.get(s.dimension() - 1);
        NDArray flat = x.reshape(-1, dim);
        int m = Math.toIntExact(flat.getShape().get(0));
        int e = experts.size();
        NDManager scope = x.getManager();

        if (ctx.execution() == MoeExecution.DENSE_ORACLE) return oracle(ps, flat, (int) tokensPerImage, ctx).reshape(s);
        NDArray probs = gate(ctx.gateTask()).probabilities(ps, flat, ctx.training());
        ExpertMask mask = ctx.mask(block);
        NDArray weights;
        long[] chosen;
        if (mask == null) {
            NDList top = probs.topK(topK, -1, true, true);
            weights = top.get(0);
            chosen = top.get(1).toLongArray();
        } else {
            chosen = masked(mask, probs.toFloatArray(), m, e, (int) tokensPerImage);
            long[] cell = new long[chosen.length];
            for (int p = 0; p < chosen.length; p++) cell[p] = (long) (p / topK) * e + chosen[p];
            weights = probs.reshape(-1).get(new NDIndex("{}", indices(scope, cell))).reshape(m, topK);
        }

        // counting sort of the (token, slot) pairs by expert, token order kept inside a group
        int[] counts = new int[e];
        for (long c : chosen) counts[(int) c]++;
        int[] first = new int[e + 1];
        for (int j = 0; j < e; j++) first[j + 1] = first[j] + counts[j];
        int[] fill = first.clone();
        long[] tokenOfRow = new long[chosen.length];
        long[] rowOfSlot = new long[chosen.length];
        for (int p = 0; p < chosen.length; p++) {
            int row = fill[(int) chosen[p]]++;
            tokenOfRow[row] = p / topK;
            rowOfSlot[p] = row;
        }
        // gather every group at once, run each selected expert once on its slice
        NDArray grouped = flat.get(new NDIndex("{}", indices(scope, tokenOfRow)));
        NDList outputs = new NDList();
        StackedLinear.Slices in = experts.htoh4().slices(ps, flat, ctx.training());
        StackedLinear.Slices back = experts.h4toh().slices(ps, flat, ctx.training());
        long[] boundaries = new long[e - 1];
        for (int j = 1; j < e; j++) boundaries[j - 1] = first[j];
        NDList groups = grouped.split(boundaries, 0);
        for (int j = 0; j < e; j++) {
            if (counts[j] == 0) continue;
            outputs.add(back.apply(ai.djl.nn.Activation.gelu(in.apply(groups.get(j), j)), j));
        }
        NDArray expertRows = outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 0);
        // back to token order (row of token t, slot s at t * k + s), scaled by the gate weights, the k rows of a token summed
        NDArray slotRows = expertRows.get(new NDIndex("{}", indices(scope, rowOfSlot)));
        NDArray out = slotRows.mul(weights.reshape(-1, 1)).reshape(m, topK, dim).sum(new int[] {1});

        if (ctx.balanceLossWanted()) ctx.addBalanceLoss(balanceLoss(probs, chosen, m, e));
        if (ctx.recordRouting()) {
            long t0 = System.nanoTime();
            LayerRouting recorded = routing(probs, weights, chosen, (int) tokensPerImage, e);
            ctx.addRouting(recorded, System.nanoTime() - t0);
        }
        return out.reshape(s);
    }

    /**
     * An index array of {@code values}. With autograd on it is copied into libtorch's own memory (the graph keeps it
     * for the backward pass, after the pass's arrays are closed); without, the array over the Java buffer serves.
     */
    private static NDArray indices(NDManager scope, long[] values) {
        NDArray index = scope.create(values);
        return ai.djl.pytorch.jni.JniUtils.isGradMode() ? index.duplicate() : index;
    }

    /** Each of the m token rows' k experts under {@code mask}, slot-major per row; row r is token r mod tokensPerImage. */
    private long[] masked(ExpertMask mask, float[] probs, int m, int e, int tokensPerImage) {
        long[] chosen = new long[m * topK];
        float[] row = new float[e];
        for (int r = 0; r < m; r++) {
            System.arraycopy(probs, r * e, row, 0, e);
            int[] ids = mask.choose(row, r % tokensPerImage, topK);
            for (int j = 0; j < topK; j++) chosen[r * topK + j] = ids[j];
        }
        return chosen;
    }

    private NDArray oracle(ParameterStore ps, NDArray flat, int tokensPerImage, PassContext ctx) {
        boolean tr = ctx.training();
        return DenseMoeOracle.forward(flat, gate(ctx.gateTask()).weight(ps, flat, tr),
                experts.htoh4().weight(ps, flat, tr), experts.htoh4().bias(ps, flat, tr),
                experts.h4toh().weight(ps, flat, tr), experts.h4toh().bias(ps, flat, tr), topK,
                ctx.mask(block), tokensPerImage).head();
    }

    /** cv²(importance) + cv²(load) of this pass, with the published cv² (unbiased variance / (mean² + 1e-10)). */
    private NDArray balanceLoss(NDArray probs, long[] chosen, int m, int e) {
        NDManager scope = probs.getManager();
        if (e == 1) return scope.zeros(new Shape());
        float[] mask = new float[m * e];
        for (int p = 0; p < chosen.length; p++) mask[(p / topK) * e + (int) chosen[p]] = 1f;
        NDArray maskArray = scope.create(mask, new Shape(m, e)).duplicate();
        NDArray importance = probs.mul(maskArray).sum(new int[] {0});
        NDArray load = maskArray.sum(new int[] {0});
        return cvSquared(importance, e).add(cvSquared(load, e));
    }

    private static NDArray cvSquared(NDArray values, int n) {
        NDArray mean = values.mean();
        NDArray var = Scalar.div(values.sub(mean).square().sum(), n - 1);
        return var.div(Scalar.add(mean.square(), 1e-10));
    }

    private LayerRouting routing(NDArray probs, NDArray weights, long[] chosen, int tokens, int e) {
        float[] p = probs.get(new NDIndex("0:" + tokens)).toFloatArray();
        float[] w = weights.get(new NDIndex("0:" + tokens)).toFloatArray();
        int[][] ids = new int[tokens][topK];
        float[][] gw = new float[tokens][topK];
        float[][] all = new float[tokens][e];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < topK; j++) {
                ids[t][j] = (int) chosen[t * topK + j];
                gw[t][j] = w[t * topK + j];
            }
            System.arraycopy(p, t * e, all[t], 0, e);
        }
        return new LayerRouting(block, ids, gw, all);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), PassContext.from(params, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Shapes.first(inputShapes, "moe")};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.first(inputShapes, "moe");
        Shape flat = new Shape(in.size() / in.get(in.dimension() - 1), in.get(in.dimension() - 1));
        for (Gate g : gates) g.initialize(manager, dataType, flat);
        experts.initialize(manager, dataType, flat);
    }
}
