package org.m3vit.app.service;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Consumer;

/** Runs every job at once on the calling thread: for view-model tests without a screen. */
public final class DirectRunner implements BackgroundRunner {

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private int submitted;

    @Override
    public <T> Job submit(String description, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submitted++;
        boolean[] cancelled = {false};
        Job job = new Job() {
            @Override public void cancel() { cancelled[0] = true; }
            @Override public boolean isCancelled() { return cancelled[0]; }
        };
        busy.set(true);
        message.set(description);
        T result;
        try {
            result = work.run(new Progress() {
                @Override public void update(double fraction, String msg) { progress.set(fraction); message.set(msg); }
                @Override public boolean isCancelled() { return cancelled[0]; }
            });
        } catch (Exception | Error e) {
            busy.set(false);
            onFailure.accept(e);
            return job;
        }
        busy.set(false);
        if (!cancelled[0]) onSuccess.accept(result);
        return job;
    }

    /** Number of jobs submitted so far. */
    public int submitted() { return submitted; }

    @Override public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    @Override public void cancelAll() { }
    @Override public void afterQueued(Runnable cleanup) { cleanup.run(); }
}
