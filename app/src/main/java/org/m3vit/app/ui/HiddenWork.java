package org.m3vit.app.ui;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An executor for the background work of a view that may be hidden (the hardware panel's
 * simulations): while the view is shown, work goes straight to {@code target}; while it is hidden,
 * work waits until nothing new has come for {@code quiet} (so it does not compete for the processor
 * with the frame that shows a task switch) or until the view is shown, then goes in submission order.
 * Call {@link #execute} on the FX thread.
 */
final class HiddenWork implements Executor {

    private final Executor target;
    private final ObservableBooleanValue shown;
    private final List<Runnable> held = new ArrayList<>();
    private final PauseTransition quiet;

    HiddenWork(Executor target, ObservableBooleanValue shown, Duration quiet) {
        this.target = target;
        this.shown = shown;
        this.quiet = new PauseTransition(quiet);
        this.quiet.setOnFinished(e -> flush());
        shown.addListener((o, was, now) -> { if (now) flush(); });
    }

    @Override
    public void execute(Runnable work) {
        if (shown.get() && held.isEmpty()) {
            target.execute(work);
            return;
        }
        held.add(work);
        if (shown.get()) flush();
        else quiet.playFromStart();
    }

    /** Work waiting for the view or the quiet time (for tests). */
    int held() { return held.size(); }

    private void flush() {
        quiet.stop();
        List<Runnable> now = List.copyOf(held);
        held.clear();
        for (Runnable r : now) target.execute(r);
    }
}
