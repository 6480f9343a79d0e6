package org.m3vit.model;

import org.m3vit.model.io.WeightLayout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learnable parameters of a config (BatchNorm running statistics excluded): the total, the
 * backbone, the experts inside it, and each task head.
 */
public record ParameterCounts(long total, long backbone, long experts, Map<String, Long> perHead) {

    public ParameterCounts {
        perHead = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perHead));
    }

    /** Counts of {@code config}, from {@link WeightLayout}. */
    public static ParameterCounts of(ModelConfig config) {
        long total = 0, backbone = 0, experts = 0;
        Map<String, Long> heads = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : WeightLayout.expected(config).entrySet()) {
            String name = e.getKey();
            if (name.endsWith(".running_mean") || name.endsWith(".running_var")) continue;
            long n = 1;
            for (long s : e.getValue()) n *= s;
            total += n;
            if (name.startsWith("backbone.")) {
                backbone += n;
                if (name.contains(".mlp.experts.")) experts += n;
            } else {
                String task = name.substring("decoders.".length(), name.indexOf('.', "decoders.".length()));
                heads.merge(task, n, Long::sum);
            }
        }
        return new ParameterCounts(total, backbone, experts, heads);
    }
}
