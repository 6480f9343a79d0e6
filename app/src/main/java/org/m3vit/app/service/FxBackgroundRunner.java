package org.m3vit.app.service;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs jobs as {@link Task}s on one daemon worker thread; callbacks, progress and messages
 * arrive on the FX thread. Call {@link #submit} on the FX thread.
 */
public final class FxBackgroundRunner implements BackgroundRunner, AutoCloseable {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "m3vit-worker");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Deque<Task<?>> pending = new ArrayDeque<>();

    @Override
    public <T> Job submit(String description, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        JobTask<T> task = new JobTask<>(description, work);
        task.setOnSucceeded(e -> { finished(task); if (!task.isCancelled()) onSuccess.accept(task.getValue()); });
        task.setOnFailed(e -> { finished(task); onFailure.accept(task.getException()); });
        task.setOnCancelled(e -> finished(task));
        // the status bar follows the job that runs, not the newest one queued behind it
        if (pending.isEmpty()) {
            progress.bind(task.progressProperty());
            message.bind(task.messageProperty());
        }
        pending.add(task);
        busy.set(true);
        worker.execute(task);
        return new Job() {
            @Override public void cancel() { task.cancel(false); }
            @Override public boolean isCancelled() { return task.isCancelled(); }
        };
    }

    /** A Task that hands its progress methods to the work. */
    private static final class JobTask<T> extends Task<T> implements Progress {
        private final String description;
        private final Work<T> work;

        JobTask(String description, Work<T> work) {
            this.description = description;
            this.work = work;
        }

        @Override
        protected T call() throws Exception {
            if (isCancelled()) return null;
            updateMessage(description);
            updateProgress(-1, 1);
            return work.run(this);
        }

        @Override
        public void update(double fraction, String msg) {
            updateProgress(fraction, 1);
            updateMessage(msg);
        }
    }

    private void finished(Task<?> task) {
        pending.remove(task);
        if (pending.isEmpty()) {
            busy.set(false);
            progress.unbind();
            message.unbind();
            progress.set(0);
            message.set("");
        } else {
            Task<?> next = pending.peekFirst();
            progress.bind(next.progressProperty());
            message.bind(next.messageProperty());
        }
    }

    @Override public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    @Override
    public void cancelAll() {
        for (Task<?> t : pending.toArray(new Task<?>[0])) t.cancel(false);
    }

    @Override
    public void afterQueued(Runnable cleanup) {
        if (worker.isShutdown()) return; // closed: what it ran is gone (close() ran the clean-ups queued before it)
        worker.execute(cleanup); // one worker thread, in order: after every task submitted before
    }

    /** Cancels what waits, lets the running job stop, runs the clean-ups queued so far (waiting at most 10 s), then stops the worker. */
    @Override
    public void close() {
        cancelAll();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

}
