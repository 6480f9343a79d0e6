package org.m3vit.model;

import java.util.List;

/**
 * A loaded M³ViT ready for inference: the contract between the network and its users (the
 * command line, the explorer window, evaluation). Implementations are thread-safe for
 * sequential calls from one worker thread and free their native memory per call.
 */
public interface MultiTaskModel extends AutoCloseable {

    /** The network's hyper-parameters and tasks. */
    ModelConfig config();

    /** True when the weights were trained; false for randomly initialised weights. */
    boolean isTrained();

    /** Where the weights came from, for display: a directory, or "random weights, seed 42 (untrained)". */
    String provenance();

    /**
     * Runs the network on one preprocessed image (3 x H x W floats, normalised, at the config's
     * size) for the given tasks (names from the config). Each task runs its own gates and head;
     * the backbone's dense parts are shared by definition but recomputed per task, as the
     * routing (and so every later block) differs between tasks.
     */
    default InferenceResult infer(float[] chw, List<String> tasks) {
        return infer(chw, tasks, RoutingIntervention.NONE);
    }

    /**
     * {@link #infer(float[], List)} with the routing changed by {@code intervention} (semantics in
     * {@link RoutingIntervention}); each trace records what applied to its pass. An intervention that
     * does not fit the model is refused with an {@code IllegalArgumentException} naming the problem.
     */
    InferenceResult infer(float[] chw, List<String> tasks, RoutingIntervention intervention);

    /** Frees native resources. */
    @Override
    void close();
}
