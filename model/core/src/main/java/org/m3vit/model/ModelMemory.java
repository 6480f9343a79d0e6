package org.m3vit.model;

import org.m3vit.model.guard.LimitException;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.io.WeightLayout;

import java.util.Map;

/**
 * The memory a model of a config needs (weights held twice: Java copy and engine, plus the largest
 * activations of one pass), checked before any weight is allocated so an absurd config is refused
 * with a sentence instead of an out-of-memory crash after a minute of work.
 */
public final class ModelMemory {

    private ModelMemory() { }

    /** Estimated bytes of a model of {@code config} doing one single-image inference. */
    public static double bytes(ModelConfig c) {
        double weights = 8.0 * ParameterCounts.of(c).total();
        double tokens = c.numTokens();
        double attention = 4.0 * 3 * c.numHeads() * tokens * tokens;
        double mlp = 4.0 * 4 * tokens * Math.max(Math.max(c.mlpHidden(), 3L * c.embedDim()), (long) c.topK() * c.expertHidden());
        double heads = 4.0 * 4 * c.headChannels() * c.imageHeight() * c.imageWidth();
        return weights + attention + mlp + heads;
    }

    /** Refuses {@code config} when one tensor exceeds Java's array size or the whole needs more memory than this JVM has. */
    public static void require(ModelConfig config) {
        for (Map.Entry<String, long[]> e : WeightLayout.expected(config).entrySet()) {
            double n = 1;
            for (long d : e.getValue()) n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new LimitException("config '" + config.name() + "': tensor " + e.getKey() + " would have " + (long) n
                        + " elements, more than the " + Integer.MAX_VALUE + " one array can hold (" + Limits.bytes(4 * n) + ")");
            }
        }
        Limits.memory("config '" + config.name() + "' (" + ParameterCounts.of(config).total() + " parameters)", bytes(config));
    }
}
