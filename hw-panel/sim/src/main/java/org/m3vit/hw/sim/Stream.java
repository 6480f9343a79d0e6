package org.m3vit.hw.sim;

/**
 * One DDR stream of an operation: bytes over one AXI port in one direction, never faster than
 * {@code capBytesPerCycle} (the port's width, or fewer when short bursts leave the port waiting
 * for responses). The engine gives it a share of its port and of the DDR.
 */
final class Stream {

    final Op op;
    final int port;
    final long bytes;
    final double capBytesPerCycle;

    // state while the engine runs
    double remaining;
    double rate;

    Stream(Op op, int port, long bytes, double capBytesPerCycle) {
        this.op = op;
        this.port = port;
        this.bytes = bytes;
        this.capBytesPerCycle = capBytesPerCycle;
    }
}
