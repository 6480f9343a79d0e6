package org.m3vit.hw.sim;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * The Edge-MoE kernel as built (sharc-lab/Edge-MoE): the steps of src/ViT_compute.cpp in their
 * order, each one operation whose cycles come from its HLS loops (trip counts at II = 1 unless a
 * pragma says otherwise) and whose DDR streams sit on the bundles the code puts them on
 * ({@link BoardBundles}). An operation lasts fill + max(computation, its streams) + drain: fill is
 * the m_axi read latency when it reads, drain the write response when it writes. Steps run one after
 * the other; loads overlap computation only where {@link ProgramBuilder#overlapLoads} says so.
 * File and line of every step are in docs/simulator.md.
 */
final class BoardProgram {

    private final ProgramBuilder b;
    private final HardwareConfig hw;
    private final AsBuiltDesign board;
    private final ModelConfig model;
    private final BoardStreams io;
    /** Bytes of one kernel-side beat (256 bits: include/hardware.hpp line 9). */
    private final int beat;
    /** fm_t values per beat (FEATURE_BLOCK_SIZE = 256 / 32: include/hardware.hpp line 10). */
    private final int featureBlock;
    /** Expert weight loads so far in the current MoE layer (the first is the prologue, which does not overlap). */
    private int expertLoads;

    BoardProgram(ProgramBuilder b) {
        this.b = b;
        this.hw = b.hw;
        this.board = b.hw.asBuilt();
        this.model = b.model;
        this.io = new BoardStreams(hw, b.ports);
        this.beat = io.beat;
        this.featureBlock = beat / hw.activationBytes();
    }

    /** One image through ViT_compute's loop body (src/ViT_compute.cpp lines 143-204). */
    void inference(int inf, RoutingTrace trace, MoeDataflow moe, boolean includeHeads) {
        int n = model.numTokens();
        int d = model.embedDim();
        patchEmbed(inf);
        for (int blk = 0; blk < model.depth(); blk++) {
            String layer = "block " + blk;
            b.overlapLoads(false);
            Op norms = normsLoad(inf, layer);
            layerNorm(inf, layer, "ln1", n, norms, false);
            linearOn(inf, layer, "q", n, d, d, BoardBundles.INOUT1, BoardBundles.INOUT2);
            linearOn(inf, layer, "k", n, d, d, BoardBundles.INOUT1, BoardBundles.INOUT3);
            queryKey(inf, layer);
            linearOn(inf, layer, "v", n, d, d, BoardBundles.INOUT1, BoardBundles.INOUT2);
            attentionValue(inf, layer);
            linearOn(inf, layer, "proj", n, d, d, BoardBundles.INOUT1, BoardBundles.INOUT3);
            residual(inf, layer);
            layerNorm(inf, layer, "ln2", n, norms, true);
            if (model.isMoe(blk)) {
                moe.emit(b, inf, layer, trace, trace.layerForBlock(blk));
                b.overlapLoads(false);
            } else {
                linearOn(inf, layer, "fc1+gelu", n, d, model.mlpHidden(), BoardBundles.INOUT1, BoardBundles.INOUT4);
                linearOn(inf, layer, "fc2", n, model.mlpHidden(), d, BoardBundles.INOUT4, BoardBundles.INOUT3);
            }
            residual(inf, layer);
        }
        if (includeHeads) b.head(inf, trace.task());
    }

    /** Beats of a row of {@code values} fm_t activations. */
    private long rowBeats(int values) { return ProgramBuilder.ceil(values, featureBlock); }

    private long latency() { return hw.axiLatencyCycles(); }

    // ---- the steps ---------------------------------------------------------------------------

    /**
     * compute_patch_embed (src/conv.cpp lines 143-165): per 16-row band of the image a dataflow region
     * (read the band's pixels, accumulate; lines 102-116), then the band's patches plus pos_embed are
     * written (lines 118-141); the band loop is not pipelined, so each band pays its latencies; then the
     * cls row. Patch-embedding weights stay on chip (load_one_time_weights, only when reload_one_time_weights).
     */
    private void patchEmbed(int inf) {
        int n = model.numTokens();
        int p = model.numPatches();
        int d = model.embedDim();
        long db = rowBeats(d);
        int pixelsPerBeat = beat / hw.pixelBytes();
        long patchesPerBeat = Math.max(1, pixelsPerBeat / model.patchSize());
        long beatsPerImageRow = ProgramBuilder.ceil(model.gridWidth(), patchesPerBeat);
        long accumulate = 3L * model.patchSize() * beatsPerImageRow * db;
        long bandOutputBytes = (long) model.gridWidth() * db * beat;
        long output = Math.max(model.gridWidth() * db,
                Math.max(io.portCycles(BoardBundles.WEIGHTS, bandOutputBytes), io.portCycles(BoardBundles.INOUT2, bandOutputBytes)));
        long cls = Math.max(db, io.portCycles(BoardBundles.INOUT2, db * beat));
        long cycles = model.gridHeight() * (latency() + accumulate + latency() + output + latency()) + latency() + cls + latency();
        Op op = b.computeOp(Lane.VECTOR, inf, "embed", "patch-embed+pos", -1, n, cycles, (long) p * 3 * model.patchSize() * model.patchSize() * d);
        op.latencyCycles = 0;
        io.sequential(op, BoardBundles.INOUT1, false, ProgramBuilder.ceil(3L * model.imageHeight() * model.imageWidth() * hw.pixelBytes(), beat));
        io.sequential(op, BoardBundles.WEIGHTS, false, n * db);
        op.streamedWeightBytes = n * db * beat;
        io.sequential(op, BoardBundles.INOUT2, true, n * db);
        op.onChipBits = op.macs * hw.weightBits();
    }

    /** load_norms (src/layernorm.cpp lines 10-72): four pipelined loops of ceil(D/8) 8-value reads, each paying the read latency. */
    private Op normsLoad(int inf, String layer) {
        int d = model.embedDim();
        Op op = b.loadOp(inf, layer, "norms", -1, b.norm, null);
        long reads = 4 * ProgramBuilder.ceil(d, featureBlock);
        long bytes = reads * featureBlock * hw.biasBytes();
        op.latencyCycles = 4 * latency();
        io.bursts(op, BoardBundles.WEIGHTS, false, bytes, 4);
        op.acquireBytes = 4L * d * hw.biasBytes();
        op.onChipBits = op.acquireBytes * 8;
        return op;
    }

    /**
     * compute_norm (src/layernorm.cpp lines 138-158): the token loop is not pipelined and its body is a
     * dataflow region: read the row (read latency + its beats, lines 74-101), then a square root and a
     * divide (line 118), then write the row (its beats + the write response, lines 120-135). Each row
     * pays all of it; x on inout2, the output tmp1 on inout1 (ViT_compute.cpp lines 151, 175).
     */
    private void layerNorm(int inf, String layer, String name, int tokens, Op norms, boolean last) {
        long rowBytes = rowBeats(model.embedDim()) * beat;
        long row = latency() + io.portCycles(BoardBundles.INOUT2, rowBytes) + board.normRowLatency()
                + io.portCycles(BoardBundles.INOUT1, rowBytes) + latency();
        Op op = b.computeOp(Lane.VECTOR, inf, layer, name, -1, tokens, tokens * row, 0);
        op.latencyCycles = 0;
        io.perRow(op, BoardBundles.INOUT2, false, tokens, rowBeats(model.embedDim()));
        io.perRow(op, BoardBundles.INOUT1, true, tokens, rowBeats(model.embedDim()));
        op.onChipBits = (long) tokens * 2L * model.embedDim() * hw.biasBytes() * 8;
        b.needs(op, norms);
        if (last) op.releases.add(b.norm);
    }

    /** A task head's LayerNorm (our own head model): the same per-row structure, its own parameters. */
    void headNorm(int inf, String layer, String name, int tokens) {
        Op params = b.loadOp(inf, layer, name + " params", -1, b.norm, null);
        params.latencyCycles = 2 * latency();
        io.sequential(params, BoardBundles.WEIGHTS, false, 2 * ProgramBuilder.ceil((long) model.embedDim() * hw.biasBytes(), beat));
        params.acquireBytes = 2L * model.embedDim() * hw.biasBytes();
        layerNorm(inf, layer, name, tokens, params, true);
    }

    /** x2 up-sampling of a head (our own model): one pipelined pass, input on inout1, output on inout2. */
    void upsample(int inf, String layer, String name, int pixels, int channels) {
        long outPixels = 4L * pixels;
        Op op = b.computeOp(Lane.VECTOR, inf, layer, name, -1, (int) Math.min(Integer.MAX_VALUE, outPixels),
                outPixels * ProgramBuilder.ceil(channels, hw.vectorLanes()), 0);
        op.drainCycles = latency();
        io.sequential(op, BoardBundles.INOUT1, false, pixels * rowBeats(channels));
        io.sequential(op, BoardBundles.INOUT2, true, outPixels * rowBeats(channels));
    }

    /**
     * A dense linear layer: load_linear_weights (src/linear.cpp lines 10-90, out x ceil(in/16) beats) and
     * load_linear_bias (lines 102-152, ceil(out/16) beats), two calls each paying the read latency; then
     * compute_linear (lines 504-530), a dataflow region of read, compute (length x ceil(out/16) x ceil(in/16)
     * iterations, lines 430-502) and write, the input on {@code src} and the output on {@code dst}.
     */
    private List<Op> linearOn(int inf, String layer, String name, int tokens, int in, int out, String src, String dst) {
        return linearChunks(inf, layer, name, -1, tokens, in, out, src, dst, false, false);
    }

    /**
     * A linear layer asked for by a MoE schedule or a head. Experts (compute_moe, src/moe.cpp lines
     * 304-435): FC1 gathers its queue's rows of tmp1 (inout1) and writes tmp_hidden (inout4) per row;
     * FC2 gathers tmp_hidden and accumulates score x y into out = tmp3 (inout3: read, then write, per row;
     * linear.cpp lines 310-385). Every expert load after the layer's first may overlap the computation
     * before it (the expert loop). A head's convolution reads inout1 and writes inout2 (our assumption).
     */
    List<Op> linear(int inf, String layer, String name, int expert, int tokens, int in, int out, int inBytesPerValue,
                    boolean accumulate) {
        if (expert < 0) return linearChunks(inf, layer, name, -1, tokens, in, out, BoardBundles.INOUT1, BoardBundles.INOUT2, false, false);
        b.overlapLoads(expertLoads > 0);
        expertLoads++;
        return linearChunks(inf, layer, name, expert, tokens, in, out, expertSource(accumulate), expertTarget(accumulate), true, accumulate);
    }

    /** FC1 gathers tmp1 (inout1); FC2 gathers tmp_hidden (inout4): src/moe.cpp lines 346-381. */
    private static String expertSource(boolean fc2) { return fc2 ? BoardBundles.INOUT4 : BoardBundles.INOUT1; }

    /** FC1 writes tmp_hidden (inout4); FC2 accumulates into out = tmp3 (inout3). */
    private static String expertTarget(boolean fc2) { return fc2 ? BoardBundles.INOUT3 : BoardBundles.INOUT4; }

    private List<Op> linearChunks(int inf, String layer, String name, int expert, int tokens, int in, int out, String src,
                                  String dst, boolean gathered, boolean accumulate) {
        int rowsPerChunk = b.rowsPerChunk(in, out);
        List<Op> ops = new ArrayList<>();
        for (int r0 = 0; r0 < out; r0 += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, out - r0);
            String chunkName = rowsPerChunk < out ? name + " [" + r0 + ":" + (r0 + rows) + "]" : name;
            Buffer target = b.nextBuffer();
            Op load = weightLoad(inf, layer, chunkName, expert, rows, in, target);
            Op op = linearCompute(inf, layer, chunkName, expert, tokens, in, rows, src, dst, gathered, accumulate);
            b.needs(op, load);
            op.releases.add(target);
            ops.add(op);
        }
        return ops;
    }

    /** A load of {@code bytes} of weights (and their bias: two calls) into {@code target}, e.g. a resident expert. */
    Op load(int inf, String layer, String name, int expert, long bytes, Buffer target, Object owner) {
        Op op = b.loadOp(inf, layer, name, expert, target, owner);
        op.latencyCycles = 2 * latency();
        io.sequential(op, BoardBundles.WEIGHTS, false, ProgramBuilder.ceil(bytes, beat));
        op.acquireBytes = bytes;
        op.onChipBits = bytes * 8;
        return op;
    }

    /** An expert's FC1 (gathered from inout1 into inout4) or FC2 (accumulated into inout3) on weights already on chip. */
    Op expertCompute(int inf, String layer, String name, int expert, int tokens, int in, int out, boolean accumulate) {
        return linearCompute(inf, layer, name, expert, tokens, in, out, expertSource(accumulate), expertTarget(accumulate), true, accumulate);
    }

    private Op weightLoad(int inf, String layer, String name, int expert, int rows, int in, Buffer target) {
        int weightsPerBeat = beat / hw.weightBytes();
        Op op = b.loadOp(inf, layer, name, expert, target, null);
        op.latencyCycles = 2 * latency();
        long weightBeats = rows * ProgramBuilder.ceil(in, weightsPerBeat);
        long biasBeats = ProgramBuilder.ceil(rows, beat / hw.biasBytes());
        io.sequential(op, BoardBundles.WEIGHTS, false, weightBeats + biasBeats);
        op.acquireBytes = b.weightBytes(rows, in);
        op.onChipBits = op.acquireBytes * 8;
        return op;
    }

    private Op linearCompute(int inf, String layer, String name, int expert, int tokens, int in, int rows, String src,
                             String dst, boolean gathered, boolean accumulate) {
        long cycles = (long) tokens * ProgramBuilder.ceil(rows, hw.macRows()) * ProgramBuilder.ceil(in, hw.macCols());
        Op op = b.computeOp(Lane.LINEAR, inf, layer, name, expert, tokens, cycles, (long) tokens * rows * in);
        op.drainCycles = latency();
        if (gathered) {
            io.perRow(op, src, false, tokens, rowBeats(in));
            io.perRow(op, dst, true, tokens, rowBeats(rows));
            if (accumulate) io.perRow(op, dst, false, tokens, rowBeats(rows));
        } else {
            io.sequential(op, src, false, tokens * rowBeats(in));
            io.sequential(op, dst, true, tokens * rowBeats(rows));
        }
        op.onChipBits = op.macs * hw.weightBits() + (long) tokens * rows * hw.biasBits();
        return op;
    }

    /** Iterations of an attention loop nest over query blocks, key rows and {@code inner} (src/attention.cpp FOR_BLOCK with the early return). */
    private long attentionIterations(long inner) {
        int n = model.numTokens();
        int p = hw.attentionQueryRows();
        int limit = n + p - 1;
        long blocks = ProgramBuilder.ceil(limit, p);
        long fullBlocks = ProgramBuilder.ceil(n, p);
        long overflow = limit % p;
        long partial = blocks > fullBlocks && overflow > 0 ? overflow * inner : 0;
        return fullBlocks * n * inner + partial;
    }

    /** Bytes of one element of the score matrix: heads_t, roundup_p2(H) fm_t values (include/hardware.hpp line 24). */
    private long scoreBytes() { return Integer.highestOneBit(Math.max(1, 2 * model.numHeads() - 1)) * (long) hw.activationBytes(); }

    /** Bytes of one softmax-statistics row: roundup_p2(2H) fm_t values (include/hardware.hpp line 27). */
    private long softmaxRowBytes() { return Integer.highestOneBit(Math.max(1, 4 * model.numHeads() - 1)) * (long) hw.activationBytes(); }

    /**
     * compute_q_matmul_k (src/attention.cpp lines 262-284), all heads in one dataflow region: read_x reads Q
     * once (tmp2, inout2); read_kv re-reads all of K (tmp3, inout3) for every block of p query rows, one beat
     * per iteration (lines 25-43); the matmul runs one iteration per K beat; finalize_attn (lines 127-213)
     * writes the scores (attn, inout1) and write_attn_softmax_info the statistics (inout4).
     */
    private void queryKey(int inf, String layer) {
        Op op = attentionPass(inf, layer, "qk^T+softmax", BoardBundles.INOUT3, true);
        io.sequential(op, BoardBundles.INOUT2, false, model.numTokens() * rowBeats(model.embedDim()));
    }

    /**
     * compute_attn_matmul_v (src/attention.cpp lines 472-494): read_kv re-reads all of V (tmp2, inout2) per
     * block of p query rows; read_attn the scores (attn, inout1), read_attn_softmax_info the statistics
     * (inout4); the output (tmp1) is written on inout1.
     */
    private void attentionValue(int inf, String layer) {
        Op op = attentionPass(inf, layer, "attn x v", BoardBundles.INOUT2, false);
        io.sequential(op, BoardBundles.INOUT1, true, model.numTokens() * rowBeats(model.embedDim()));
    }

    /**
     * One attention pass: one iteration per re-streamed K (or V) beat on {@code reStreamed}; the scores on
     * inout1 and the softmax statistics on inout4, written by Q·K^T and read back by attention·V.
     */
    private Op attentionPass(int inf, String layer, String name, String reStreamed, boolean writesScores) {
        int n = model.numTokens();
        long iterations = attentionIterations(rowBeats(model.embedDim()));
        long scoreBytes = attentionIterations(hw.attentionQueryRows()) * scoreBytes();
        long statsBytes = n * softmaxRowBytes();
        Op op = b.computeOp(Lane.ATTENTION, inf, layer, name, -1, n, iterations, (long) n * n * model.embedDim());
        op.drainCycles = latency();
        io.sequential(op, reStreamed, false, iterations);
        io.contiguousBytes(op, BoardBundles.INOUT1, writesScores, scoreBytes);
        io.contiguousBytes(op, BoardBundles.INOUT4, writesScores, statsBytes);
        b.holdsQueryRows(op, (long) hw.attentionQueryRows() * model.embedDim() * hw.activationBytes());
        return op;
    }

    /** compute_add (src/add.cpp lines 3-20): x (inout2) + tmp3 (inout3) into x, one beat per iteration. */
    private void residual(int inf, String layer) {
        b.overlapLoads(false);
        int n = model.numTokens();
        long beats = n * rowBeats(model.embedDim());
        Op op = b.computeOp(Lane.VECTOR, inf, layer, "residual", -1, n, beats, 0);
        op.drainCycles = latency();
        io.sequential(op, BoardBundles.INOUT2, false, beats);
        io.sequential(op, BoardBundles.INOUT3, false, beats);
        io.sequential(op, BoardBundles.INOUT2, true, beats);
    }

    /**
     * load_w_gate, compute_gating and zero_output of one MoE layer (src/moe.cpp lines 19-54, 244-302, 316-317).
     * The gate matrix is read with strided reads (expert is the inner index, line 36): one request per 8 weights,
     * no burst. Per token (the token loop is not pipelined, lines 255-269): ceil(E x D / MACs) cycles of dot
     * products (lines 169-195), E iterations of the softmax statistics at their II (lines 197-225), E of top-k
     * (lines 128-167). zero_output writes the whole output once (lines 291-302); it is an independent call in
     * the same block as compute_gating, so it may run beside it.
     */
    Op gating(int inf, String layer, RoutingTrace trace, int tokens, long metadataBytes) {
        b.overlapLoads(false);
        expertLoads = 0;
        int e = model.numExperts();
        int d = model.embedDim();
        int n = model.numTokens();
        long db = rowBeats(d);
        Op gateLoad = b.loadOp(inf, layer, "gate load (" + trace.task() + ")", -1, b.gate, null);
        long reads = e * ProgramBuilder.ceil(d, featureBlock);
        io.bursts(gateLoad, BoardBundles.WEIGHTS, false, reads * featureBlock * hw.weightBytes(), reads);
        gateLoad.acquireBytes = (long) e * d * hw.weightBytes();
        gateLoad.onChipBits = gateLoad.acquireBytes * 8;

        long perToken = ProgramBuilder.ceil((long) e * d, hw.gatingMacsPerCycle()) + e * Math.round(board.softmaxStatsII().value()) + e;
        Op g = b.computeOp(Lane.GATING, inf, layer, "gating", -1, tokens, tokens * perToken, (long) tokens * e * d);
        io.sequential(g, BoardBundles.INOUT1, false, tokens * db);
        b.needs(g, gateLoad);
        g.releases.add(b.gate);
        g.acquires = b.queues;
        g.acquireOwner = g;
        g.acquireBytes = metadataBytes;
        g.onChipBits = (long) tokens * e * d * hw.weightBits() + metadataBytes * 8;

        Op zero = b.computeAlongside(Lane.VECTOR, inf, layer, "zero output", -1, n, n * db, 0);
        zero.latencyCycles = 0;
        zero.drainCycles = latency();
        io.sequential(zero, BoardBundles.INOUT3, true, n * db);
        return g;
    }
}
