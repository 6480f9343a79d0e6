package org.m3vit.model.train;

import org.m3vit.model.data.TrainingBatch;

/** Training batches in step order from a given first step; implementations render ahead in background threads. */
public interface BatchSource extends AutoCloseable {

    /** The batch of the next step. */
    TrainingBatch next() throws InterruptedException;

    @Override
    void close();

    /** Opens a source whose first batch is that of step {@code firstStep} (so a resumed run sees the same data). */
    @FunctionalInterface
    interface Factory {
        /** A source starting at {@code firstStep}. */
        BatchSource open(int firstStep);
    }
}
