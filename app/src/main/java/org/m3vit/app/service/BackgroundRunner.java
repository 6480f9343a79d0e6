package org.m3vit.app.service;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.function.Consumer;

/**
 * Runs long work (model loading, image decoding, inference) away from the caller and calls back
 * on the caller's thread of record (the FX thread in the app, the same thread in tests). Jobs run
 * one at a time in submission order, because the model is used by one worker thread only.
 */
public interface BackgroundRunner {

    /** Work that may report progress and should stop early when cancelled. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Progress reporting from inside a job. */
    interface Progress {
        void update(double fraction, String message);

        boolean isCancelled();
    }

    /** A submitted job. */
    interface Job {
        void cancel();

        boolean isCancelled();
    }

    /**
     * Submits {@code work}; exactly one of the callbacks runs unless the job is cancelled first,
     * in which case neither runs.
     */
    <T> Job submit(String description, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** True while a job runs or waits. */
    ReadOnlyBooleanProperty busyProperty();

    /** Progress of the running job, 0..1, or -1 when unknown. */
    ReadOnlyDoubleProperty progressProperty();

    /** What the running job is doing. */
    ReadOnlyStringProperty messageProperty();

    /** Cancels the running and waiting jobs. */
    void cancelAll();

    /**
     * Runs {@code cleanup} on the worker once every job submitted so far has finished or been
     * dropped, whether or not they are cancelled; it cannot be cancelled itself. For closing a
     * model that a queued job may still be using, and for short work that must not be dropped
     * (the hardware panel's simulations, which drop their own stale results).
     */
    void afterQueued(Runnable cleanup);
}
