package org.m3vit.hw.sim;

/**
 * An on-chip memory region of the simulated accelerator (ping, pong, resident experts, gate,
 * queues ...): held by at most one owner at a time; a load into it waits until it is free.
 */
final class Buffer {

    final String name;
    final boolean holdsWeights;
    final int index;
    Object owner;
    long bytes;

    Buffer(String name, boolean holdsWeights, int index) {
        this.name = name;
        this.holdsWeights = holdsWeights;
        this.index = index;
    }

    boolean availableTo(Object requester) { return owner == null || owner == requester; }
}
