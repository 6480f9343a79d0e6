package org.m3vit.hw.sim;

import org.m3vit.model.HeadPlan;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a model, its routing traces and a schedule into the accelerator's program: the
 * weight loads (in program order) and the computations (one after the other, as the HLS top
 * level calls them), layer by layer as in Edge-MoE's ViT_compute: patch embedding, then per
 * block LN1, Q, K, V, attention per head, proj, residual, LN2, dense MLP or gating + MoE,
 * residual; optionally the task head. Costs are derived here from the hardware config; the
 * timing itself comes from {@link EventEngine}.
 */
final class ProgramBuilder {

    final HardwareConfig hw;
    final ModelConfig model;
    final List<Op> loads = new ArrayList<>();
    final List<Op> computes = new ArrayList<>();
    final List<Buffer> buffers = new ArrayList<>();
    final MemoryPorts ports;
    /** The board's layer sequence and costs, or null when idealised. */
    final BoardProgram board;
    final Buffer ping;
    final Buffer pong;
    final Buffer resident;
    final Buffer gate;
    final Buffer queues;
    final Buffer norm;
    final Buffer attentionCache;
    private boolean nextIsPing = true;
    private Op lastCompute;
    private Op computeBeforeLast;
    /** Computations that run beside {@link #lastCompute} (independent calls): the next step waits for them too. */
    private final List<Op> alongside = new ArrayList<>(1);
    /** As built: loads now may overlap the computation just before them (the expert loop); else they wait for it. */
    private boolean overlapLoads;
    private int nextId;

    ProgramBuilder(HardwareConfig hw, ModelConfig model) {
        this.hw = hw;
        this.model = model;
        ping = buffer("ping", true);
        pong = buffer("pong", true);
        resident = buffer("resident experts", true);
        gate = buffer("gate", false);
        norm = buffer("norm params", true);
        queues = buffer("queues", false);
        attentionCache = buffer("attention rows", false);
        ports = new MemoryPorts(hw);
        board = hw.modelsTheBoard() ? new BoardProgram(this) : null;
    }

    /**
     * A buffer; {@code weights} marks the linear unit's weight storage (ping, pong, resident
     * experts, norm parameters), summed as "weights on chip". The gate matrix (E x D) and the
     * queues (E x N) are gating metadata, reported per buffer.
     */
    private Buffer buffer(String name, boolean weights) {
        Buffer b = new Buffer(name, weights, buffers.size());
        buffers.add(b);
        return b;
    }

    /** Emits one whole inference. */
    void inference(int inf, RoutingTrace trace, MoeDataflow moe, boolean includeHeads) {
        if (board != null) {
            board.inference(inf, trace, moe, includeHeads);
            return;
        }
        int n = model.numTokens();
        int p = model.numPatches();
        int d = model.embedDim();
        int a = hw.activationBytes();
        int patchIn = 3 * model.patchSize() * model.patchSize();
        linear(inf, "embed", "patch-embed", -1, p, patchIn, d, hw.pixelBytes(), false);
        Op pos = compute(Lane.VECTOR, inf, "embed", "cls+pos", -1, n, (long) n * ceil(d, hw.vectorLanes()), 0,
                (long) p * d * a + (long) n * d * a + (long) (n + 1) * d * hw.biasBytes());
        pos.streamedWeightBytes = (long) (n + 1) * d * hw.biasBytes();
        for (int b = 0; b < model.depth(); b++) {
            String layer = "block " + b;
            layerNorm(inf, layer, "ln1", n);
            linear(inf, layer, "q", -1, n, d, d, a, false);
            linear(inf, layer, "k", -1, n, d, d, a, false);
            linear(inf, layer, "v", -1, n, d, d, a, false);
            attention(inf, layer, n);
            linear(inf, layer, "proj", -1, n, d, d, a, false);
            vector(inf, layer, "residual", n, d, 2, 1);
            layerNorm(inf, layer, "ln2", n);
            if (model.isMoe(b)) {
                moe.emit(this, inf, layer, trace, trace.layerForBlock(b));
            } else {
                linear(inf, layer, "fc1+gelu", -1, n, d, model.mlpHidden(), a, false);
                linear(inf, layer, "fc2", -1, n, model.mlpHidden(), d, a, false);
            }
            vector(inf, layer, "residual", n, d, 2, 1);
        }
        if (includeHeads) head(inf, trace.task());
    }

    /**
     * The task head as a conv-as-linear model: each 3x3 convolution is a linear layer of
     * 9 x Cin inputs per output pixel on the linear unit (BatchNorm folded, ReLU fused, a line
     * buffer so each input pixel is read once per weight chunk), bilinear x2 up-sampling on the
     * vector unit.
     */
    void head(int inf, String taskName) {
        String layer = "head " + taskName;
        int a = hw.activationBytes();
        for (HeadPlan.Step step : HeadPlan.of(model, model.task(taskName)).steps()) {
            int pix = (int) step.pixels();
            switch (step.kind()) {
                case NORM -> layerNorm(inf, layer, "norm", pix);
                case CONV -> linear(inf, layer, "conv" + step.index() + " " + step.kernel() + "x" + step.kernel(), -1, pix,
                        step.kernel() * step.kernel() * step.inChannels(), step.outChannels(), a, false);
                case UPSAMPLE -> upsample(inf, layer, "up x2", pix, step.inChannels());
            }
        }
    }

    void upsample(int inf, String layer, String name, int pixels, int channels) {
        if (board != null) {
            board.upsample(inf, layer, name, pixels, channels);
            return;
        }
        long outPixels = 4L * pixels;
        compute(Lane.VECTOR, inf, layer, name, -1, (int) Math.min(Integer.MAX_VALUE, outPixels),
                outPixels * ceil(channels, hw.vectorLanes()), 0,
                ((long) pixels + outPixels) * channels * hw.activationBytes());
    }

    /** LayerNorm: gamma/beta loaded into the norm buffer; one token row buffered on chip, so x is read once. */
    private void layerNorm(int inf, String layer, String name, int tokens) {
        if (board != null) {
            board.headNorm(inf, layer, name, tokens);
            return;
        }
        int d = model.embedDim();
        long paramBytes = 2L * d * hw.biasBytes();
        Op params = load(inf, layer, name + " params", -1, paramBytes, norm, null);
        Op op = compute(Lane.VECTOR, inf, layer, name, -1, tokens, 2L * tokens * ceil(d, hw.vectorLanes()), 0,
                2L * tokens * d * hw.activationBytes());
        op.onChipBits = (long) tokens * paramBytes * 8;
        needs(op, params);
        op.releases.add(norm);
    }

    /** An element-wise op reading {@code reads} and writing {@code writes} rows of D activations per token. */
    private void vector(int inf, String layer, String name, int tokens, int width, int reads, int writes) {
        compute(Lane.VECTOR, inf, layer, name, -1, tokens, (long) tokens * ceil(width, hw.vectorLanes()), 0,
                (long) (reads + writes) * tokens * width * hw.activationBytes());
    }

    /**
     * Attention per head with Edge-MoE's reordering: p query rows stay on chip and every key
     * (value) row streams once per batch of p queries, so ceil(N/p) x N + N rows are read
     * instead of N x N + N. Scores are written to and read back from DDR.
     */
    private void attention(int inf, String layer, int n) {
        int dh = model.headDim();
        int pRows = hw.attentionQueryRows();
        int a = hw.activationBytes();
        long batches = ceil(n, pRows);
        long cycles = batches * n * ceil(dh, hw.attentionFeatureLanes());
        long macs = (long) n * n * dh;
        long cacheBytes = 2L * pRows * dh * a;
        for (int h = 0; h < model.numHeads(); h++) {
            long qkBytes = ((long) n + batches * n) * dh * a + (long) n * n * a;
            holdsQueryRows(compute(Lane.ATTENTION, inf, layer, "qk^T+softmax h" + h, -1, n, cycles, macs, qkBytes), cacheBytes);
            long avBytes = (long) n * n * a + batches * n * dh * a + (long) n * dh * a;
            holdsQueryRows(compute(Lane.ATTENTION, inf, layer, "attn x v h" + h, -1, n, cycles, macs, avBytes), cacheBytes);
        }
    }

    /** The attention op keeps its p query rows (and their accumulators) on chip and reads one cached value per MAC. */
    void holdsQueryRows(Op op, long cacheBytes) {
        op.acquires = attentionCache;
        op.acquireOwner = op;
        op.acquireBytes = cacheBytes;
        op.releases.add(attentionCache);
        op.onChipBits = op.macs * hw.activationBits();
    }

    /**
     * A linear layer through the ping-pong buffers: weights split into chunks of whole 16-row
     * tiles that fit one buffer; each chunk loads into the buffer not loaded last and is
     * computed over all tokens (input rows re-read per chunk).
     *
     * @return the compute ops, one per chunk
     */
    List<Op> linear(int inf, String layer, String name, int expert, int tokens, int in, int out, int inBytesPerValue,
                    boolean accumulate) {
        if (board != null) return board.linear(inf, layer, name, expert, tokens, in, out, inBytesPerValue, accumulate);
        int rowsPerChunk = rowsPerChunk(in, out);
        List<Op> ops = new ArrayList<>();
        for (int r0 = 0; r0 < out; r0 += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, out - r0);
            String chunkName = rowsPerChunk < out ? name + " [" + r0 + ":" + (r0 + rows) + "]" : name;
            Buffer target = nextBuffer();
            Op load = load(inf, layer, chunkName, expert, weightBytes(rows, in), target, null);
            Op op = linearCompute(inf, layer, chunkName, expert, tokens, in, rows, inBytesPerValue, accumulate);
            needs(op, load);
            op.releases.add(target);
            ops.add(op);
        }
        return ops;
    }

    /**
     * Gating of one MoE layer: the task's E x D gate matrix loads into the gate buffer (the same
     * op for every task: a task switch only changes which matrix), then logits, softmax, top-k
     * and the routing metadata ({@code metadataBytes} in the queues buffer).
     */
    Op gating(int inf, String layer, RoutingTrace trace, int tokens, long metadataBytes) {
        if (board != null) return board.gating(inf, layer, trace, tokens, metadataBytes);
        int e = model.numExperts();
        int d = model.embedDim();
        int k = model.topK();
        Op gateLoad = load(inf, layer, "gate load (" + trace.task() + ")", -1, (long) e * d * hw.weightBytes(), gate, null);
        long cycles = (long) tokens * ceil((long) e * d, hw.gatingMacsPerCycle()) + (long) tokens * e + (long) tokens * k;
        Op g = compute(Lane.GATING, inf, layer, "gating", -1, tokens, cycles, (long) tokens * e * d,
                (long) tokens * d * hw.activationBytes());
        needs(g, gateLoad);
        g.releases.add(gate);
        g.acquires = queues;
        g.acquireOwner = g;
        g.acquireBytes = metadataBytes;
        g.onChipBits = (long) tokens * e * d * hw.weightBits() + metadataBytes * 8;
        return g;
    }

    /** A linear computation on weights already on chip (loaded by {@code loaded}). */
    Op linearOnResident(int inf, String layer, String name, int expert, int tokens, int in, int out, boolean accumulate,
                        List<Op> loaded) {
        Op op = board != null ? board.expertCompute(inf, layer, name, expert, tokens, in, out, accumulate)
                : linearCompute(inf, layer, name, expert, tokens, in, out, hw.activationBytes(), accumulate);
        for (Op l : loaded) needs(op, l);
        return op;
    }

    private Op linearCompute(int inf, String layer, String name, int expert, int tokens, int in, int rows,
                             int inBytesPerValue, boolean accumulate) {
        long cycles = (long) tokens * ceil(rows, hw.macRows()) * ceil(in, hw.macCols());
        long macs = (long) tokens * rows * in;
        long bytes = (long) tokens * in * inBytesPerValue + (long) tokens * rows * hw.activationBytes() * (accumulate ? 2 : 1);
        Op op = compute(Lane.LINEAR, inf, layer, name, expert, tokens, cycles, macs, bytes);
        op.onChipBits = macs * hw.weightBits() + (long) tokens * rows * hw.biasBits();
        return op;
    }

    /** The weight buffer not loaded last (ping and pong alternate). */
    Buffer nextBuffer() {
        Buffer target = nextIsPing ? ping : pong;
        nextIsPing = !nextIsPing;
        return target;
    }

    /** Output rows per weight chunk: whole tiles of macRows that fit one ping/pong buffer. */
    int rowsPerChunk(int in, int out) {
        long fit = hw.bufferWeights() / in;
        if (fit < 1) throw new IllegalArgumentException("a linear layer with " + in + " inputs does not fit one "
                + hw.pingPongRows() + "x" + hw.pingPongCols() + " weight buffer");
        if (fit >= out) return out;
        long tiles = fit / hw.macRows();
        return (int) Math.max(1, tiles == 0 ? fit : tiles * hw.macRows());
    }

    /** Bytes of a rows x in weight matrix plus its bias. */
    long weightBytes(int rows, int in) {
        return (long) rows * in * hw.weightBytes() + (long) rows * hw.biasBytes();
    }

    /** A weight load into {@code target}; {@code owner} null means "this load alone holds the buffer". */
    Op load(int inf, String layer, String name, int expert, long bytes, Buffer target, Object owner) {
        if (board != null) return board.load(inf, layer, name, expert, bytes, target, owner);
        Op op = loadOp(inf, layer, name, expert, target, owner);
        op.stream(ports.idealWeights(), bytes, ports.cap(ports.idealWeights()));
        op.acquireBytes = bytes;
        op.onChipBits = bytes * 8;
        return op;
    }

    /**
     * A weight load without streams (the caller adds them) into {@code target}. As built, it waits
     * for the computation before it unless {@link #overlapLoads} says the code lets them overlap.
     */
    Op loadOp(int inf, String layer, String name, int expert, Buffer target, Object owner) {
        Op op = new Op(nextId++, Lane.WEIGHT_DDR, inf, layer, name, expert, 0);
        op.latencyCycles = hw.axiLatencyCycles();
        if (board != null) {
            Op barrier = overlapLoads ? computeBeforeLast : lastCompute;
            if (barrier != null) op.deps.add(barrier);
            if (!overlapLoads) op.deps.addAll(alongside);
        }
        op.acquires = target;
        op.acquireOwner = owner == null ? op : owner;
        loads.add(op);
        return op;
    }

    /** A computation; it follows the previous one (the HLS top level runs them in sequence). */
    Op compute(Lane lane, int inf, String layer, String name, int expert, int tokens, long cycles, long macs, long actBytes) {
        Op op = computeOp(lane, inf, layer, name, expert, tokens, cycles, macs);
        op.stream(ports.idealActivations(), actBytes, ports.cap(ports.idealActivations()));
        return op;
    }

    /** A computation without streams (the caller adds them); it follows the previous one and whatever ran beside it. */
    Op computeOp(Lane lane, int inf, String layer, String name, int expert, int tokens, long cycles, long macs) {
        Op op = new Op(nextId++, lane, inf, layer, name, expert, tokens);
        op.computeCycles = cycles;
        op.macs = macs;
        op.latencyCycles = hw.axiLatencyCycles();
        if (lastCompute != null) op.deps.add(lastCompute);
        op.deps.addAll(alongside);
        alongside.clear();
        computeBeforeLast = lastCompute;
        lastCompute = op;
        computes.add(op);
        return op;
    }

    /**
     * A computation that may run beside the last one (an independent call in the same basic block): it
     * waits for what the last one waited for, and the next computation waits for both.
     */
    Op computeAlongside(Lane lane, int inf, String layer, String name, int expert, int tokens, long cycles, long macs) {
        Op last = lastCompute;
        Op op = new Op(nextId++, lane, inf, layer, name, expert, tokens);
        op.computeCycles = cycles;
        op.macs = macs;
        op.latencyCycles = hw.axiLatencyCycles();
        for (Op d : last.deps) if (!d.isLoad()) op.deps.add(d);
        alongside.add(op);
        computes.add(computes.size() - 1, op); // queued before the last one, so that its wait for weights does not hold it
        return op;
    }

    /** As built: whether the loads emitted from now on may overlap the computation just before them. */
    void overlapLoads(boolean overlap) { this.overlapLoads = overlap; }

    /** Makes {@code op} wait for the weights {@code load} brings. */
    void needs(Op op, Op load) {
        op.deps.add(load);
        op.weightDeps.add(load);
    }

    static long ceil(long a, long b) { return (a + b - 1) / b; }
}
