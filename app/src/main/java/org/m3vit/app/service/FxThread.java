package org.m3vit.app.service;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short piece of work on the JavaFX thread from another thread (a background job, a command)
 * and waits for its result; on the FX thread itself it runs it directly.
 */
public final class FxThread {

    /** Longest wait for one piece of work, seconds. */
    static final long TIMEOUT_SECONDS = 60;

    private FxThread() { }

    /** The result of {@code work} run on the FX thread; its exception is thrown here. */
    public static <T> T call(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) return work.call();
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the window did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
