package org.m3vit.hw.sim;

/**
 * How an operation's reads and writes become streams on the board's bundles: a port's rate, or
 * less when short bursts leave it waiting for responses (at most {@code outstandingRequests} bursts
 * in flight, each answered after the m_axi latency); sequential runs split into bursts of
 * {@code maxBurstBeats}, gathered rows each a run of their own.
 */
final class BoardStreams {

    private final HardwareConfig hw;
    private final AsBuiltDesign board;
    private final MemoryPorts ports;
    /** Bytes of one kernel-side beat (256 bits: include/hardware.hpp line 9). */
    final int beat;

    BoardStreams(HardwareConfig hw, MemoryPorts ports) {
        this.hw = hw;
        this.board = hw.asBuilt();
        this.ports = ports;
        this.beat = hw.beatBytes();
    }

    /** A stream of {@code bytes} in {@code bursts} AXI bursts on a bundle's read or write channel. */
    void bursts(Op op, String bundle, boolean write, long bytes, long bursts) {
        int port = ports.channel(bundle, write);
        double cap = ports.cap(port);
        double requestCycles = (double) bursts * hw.axiLatencyCycles() / board.outstandingRequests().value();
        if (requestCycles > 0) cap = Math.min(cap, bytes / requestCycles);
        op.stream(port, bytes, cap);
    }

    /** {@code bytes} at consecutive addresses: bursts of {@code maxBurstBeats} beats. */
    void contiguousBytes(Op op, String bundle, boolean write, long bytes) {
        bursts(op, bundle, write, bytes, ProgramBuilder.ceil(bytes, beat * maxBurst()));
    }

    /** A sequential stream of {@code beats} kernel beats. */
    void sequential(Op op, String bundle, boolean write, long beats) {
        bursts(op, bundle, write, beats * beat, ProgramBuilder.ceil(beats, maxBurst()));
    }

    /** Rows gathered or scattered by token index: each row of {@code rowBeats} beats is its own run of bursts. */
    void perRow(Op op, String bundle, boolean write, long rows, long rowBeats) {
        bursts(op, bundle, write, rows * rowBeats * beat, rows * ProgramBuilder.ceil(rowBeats, maxBurst()));
    }

    /** Cycles {@code bytes} take on a bundle's channel alone. */
    long portCycles(String bundle, long bytes) {
        return (long) Math.ceil(bytes / board.bundleBytesPerCycle(bundle, hw.axiWidthBits()));
    }

    private long maxBurst() { return (long) board.maxBurstBeats().value(); }
}
