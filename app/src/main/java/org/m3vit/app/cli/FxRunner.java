package org.m3vit.app.cli;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

/** Runs code on the JavaFX thread from a command (starting the toolkit once) and waits for its result. */
final class FxRunner {

    private static boolean started;

    private FxRunner() { }

    /** Starts the toolkit; fails with advice when there is no display. */
    static synchronized void start() {
        if (started) return;
        if (System.getenv("DISPLAY") == null && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new IllegalStateException("this command draws with JavaFX and needs a display; on a machine without one run it as"
                    + " `xvfb-run -a ./m3vit ...` (apt-get install -y xvfb xauth libgtk-3-0)");
        }
        Platform.setImplicitExit(false);
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        up.join();
        started = true;
    }

    /** Runs {@code work} on the FX thread and returns its result (waiting at most a minute). */
    static <T> T call(Callable<T> work) throws Exception {
        return org.m3vit.app.service.FxThread.call(work);
    }

    /** Runs {@code work} on the FX thread and waits. */
    static void run(ThrowingRunnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until {@code condition} (checked on the FX thread) holds, or fails after {@code seconds}. */
    static void await(String what, double seconds, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!call(condition)) {
            if (System.nanoTime() > end) throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(20);
        }
        // two more pulses so layout and drawing have happened
        call(() -> null);
        Thread.sleep(50);
        call(() -> null);
    }

    /** A Runnable that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
