package org.m3vit.model.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A process-wide count of in-place writes into network parameters (weight copies, optimiser
 * updates, BatchNorm running statistics of a training pass). Anything derived from parameters and
 * cached, such as a convolution with its BatchNorm folded in, is valid while the count is unchanged.
 * One count for every model: an edit of one model only makes the others' caches refresh once more.
 */
public final class ParameterEdits {

    private static final AtomicLong COUNT = new AtomicLong();

    private ParameterEdits() { }

    /** Records that some parameter is about to change or has changed. */
    public static void record() { COUNT.incrementAndGet(); }

    /** The current count. */
    public static long current() { return COUNT.get(); }
}
