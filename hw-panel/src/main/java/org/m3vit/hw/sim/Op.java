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
    long latencyCycles;
    long transferBytes;
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
    boolean done;
    double start = Double.NaN;
    double end = Double.NaN;
    double transferEnd = Double.NaN;
    double remainingBytes;
    double rate;
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

    /** The lane its bytes move on, or null when it moves none. */
    Lane transferLane() {
        if (transferBytes == 0) return null;
        return isLoad() ? Lane.WEIGHT_DDR : Lane.ACTIVATION_DDR;
    }
}
