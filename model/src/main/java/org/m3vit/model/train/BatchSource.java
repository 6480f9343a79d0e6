package org.m3vit.model.train;

/** Supplies training batches for given steps; implementations render scenes ahead in background threads. */
public interface BatchSource extends AutoCloseable {

    /** The batch of training step {@code step} (deterministic for a step, whatever was asked before). */
    Batch batch(int step) throws InterruptedException;

    @Override
    void close();
}
