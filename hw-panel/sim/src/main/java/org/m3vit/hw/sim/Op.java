package org.m3vit.hw.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of work for the event engine: a weight load or a computation (which may stream
 * activations over the activation DDR lane). Built by {@link ProgramBuilder}, timed by {@link EventEngine}.
 */
final class Op {

    final int id;
    final Lane lane;
    final int inference;
    final String layer;
    final String name;
    final int expert;
    final int tokens;

    long computeCycles;
    /** Pipeline fill: cycles before the streams start and the computation counts (the m_axi read latency). */
    long latencyCycles;
    /** Pipeline drain: cycles after the streams and the computation have ended (e.g. the last write's response). */
    long drainCycles;
    /** Sum of the streams' bytes. */
    long transferBytes;
    final List<Stream> streams = new ArrayList<>(2);
    /** Part of transferBytes that are weights streamed through the activation ports (e.g. the positional embedding). */
    long streamedWeightBytes;
    long macs;
    long onChipBits;
    final List<Op> deps = new ArrayList<>();
    final List<Op> weightDeps = new ArrayList<>();
    Buffer acquires;
    Object acquireOwner;
    long acquireBytes;
    final List<Buffer> releases = new ArrayList<>();

    // state while the engine runs
    boolean started;
    boolean computeDone;
    boolean transferDone;
    boolean drainStarted;
    int streamsLeft;
    boolean done;
    double start = Double.NaN;
    double end = Double.NaN;
    double transferEnd = Double.NaN;
    int eventIndex = -1;

    Op(int id, Lane lane, int inference, String layer, String name, int expert, int tokens) {
        this.id = id;
        this.lane = lane;
        this.inference = inference;
        this.layer = layer;
        this.name = name;
        this.expert = expert;
        this.tokens = tokens;
    }

    boolean isLoad() { return lane == Lane.WEIGHT_DDR; }

    /** Adds a stream of {@code bytes} on {@code port}, at most {@code cap} bytes per cycle; a zero-byte stream is dropped. */
    void stream(int port, long bytes, double cap) {
        if (bytes <= 0) return;
        streams.add(new Stream(this, port, bytes, cap));
        transferBytes += bytes;
    }

    /** The lane its bytes move on, or null when it moves none. */
    Lane transferLane() {
        if (transferBytes == 0) return null;
        return isLoad() ? Lane.WEIGHT_DDR : Lane.ACTIVATION_DDR;
    }
}
