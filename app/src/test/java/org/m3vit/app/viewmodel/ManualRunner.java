package org.m3vit.app.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.m3vit.app.service.BackgroundRunner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** A runner whose jobs wait until the test runs them: to interleave person actions with slow work. */
final class ManualRunner implements BackgroundRunner {

    private record Pending<T>(Work<T> work, Consumer<T> ok, Consumer<Throwable> fail, boolean[] cancelled) {
        void run() {
            if (cancelled[0]) return;
            T r;
            try {
                r = work.run(new Progress() {
                    @Override public void update(double f, String m) { }
                    @Override public boolean isCancelled() { return cancelled[0]; }
                });
            } catch (Exception e) {
                fail.accept(e);
                return;
            }
            ok.accept(r);
        }
    }

    private final Deque<Pending<?>> queue = new ArrayDeque<>();

    @Override
    public <T> Job submit(String d, Work<T> work, Consumer<T> ok, Consumer<Throwable> fail) {
        boolean[] c = {false};
        queue.add(new Pending<>(work, ok, fail, c));
        return new Job() {
            @Override public void cancel() { c[0] = true; }
            @Override public boolean isCancelled() { return c[0]; }
        };
    }

    /** Runs the oldest waiting job, ignoring the cancelled flag (as if it had already started). */
    void runNextIgnoringCancel() {
        Pending<?> p = queue.poll();
        boolean was = p.cancelled()[0];
        p.cancelled()[0] = false;
        p.run();
        p.cancelled()[0] = was;
    }

    void runNext() {
        queue.poll().run();
    }

    void runAll() {
        while (!queue.isEmpty()) queue.poll().run();
    }

    int waiting() { return queue.size(); }

    @Override public ReadOnlyBooleanProperty busyProperty() { return new ReadOnlyBooleanWrapper(false).getReadOnlyProperty(); }
    @Override public ReadOnlyDoubleProperty progressProperty() { return new ReadOnlyDoubleWrapper(0).getReadOnlyProperty(); }
    @Override public ReadOnlyStringProperty messageProperty() { return new ReadOnlyStringWrapper("").getReadOnlyProperty(); }
    @Override public void cancelAll() { queue.forEach(p -> p.cancelled()[0] = true); }

    @Override
    public void afterQueued(Runnable cleanup) {
        queue.add(new Pending<Void>(p -> { cleanup.run(); return null; }, v -> { }, e -> { }, new boolean[] {false}));
    }
}
