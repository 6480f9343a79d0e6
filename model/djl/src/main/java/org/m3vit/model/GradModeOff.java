package org.m3vit.model;

/**
 * Runs code with libtorch's autograd recording off on this thread and puts the thread's mode back
 * afterwards. Grad mode is per thread and on by default on every thread but the one that started
 * the engine: inference must not record graphs there, and in-place writes into parameters (weight
 * copies, optimiser updates) are refused while it is on.
 */
public final class GradModeOff {

    private GradModeOff() { }

    /** Runs {@code work} with grad mode off, restoring the caller's mode even when it throws. */
    public static void run(Runnable work) {
        boolean gradMode = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            work.run();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(gradMode);
        }
    }
}
