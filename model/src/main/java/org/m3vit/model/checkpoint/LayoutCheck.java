package org.m3vit.model.checkpoint;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Compares a checkpoint's tensor names and shapes with {@link WeightLayout#expected}; the error lists every difference. */
public final class LayoutCheck {

    private LayoutCheck() { }

    /** Throws naming every missing, unexpected and mis-shaped tensor of {@code source} for {@code config}. */
    public static void check(Map<String, long[]> shapes, ModelConfig config, Path source) throws CheckpointException {
        Map<String, long[]> expected = WeightLayout.expected(config);
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] actual = shapes.get(e.getKey());
            if (actual == null) missing.add(e.getKey());
            else if (!Arrays.equals(actual, e.getValue())) {
                wrong.add(e.getKey() + " has " + Tensor.shapeText(actual) + ", expected " + Tensor.shapeText(e.getValue()));
            }
        }
        for (String k : shapes.keySet()) if (!expected.containsKey(k)) unexpected.add(k);
        if (missing.isEmpty() && wrong.isEmpty() && unexpected.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) parts.add(missing.size() + " missing: " + String.join(", ", missing));
        if (!unexpected.isEmpty()) parts.add(unexpected.size() + " unexpected: " + String.join(", ", unexpected));
        if (!wrong.isEmpty()) parts.add(wrong.size() + " with the wrong shape: " + String.join("; ", wrong));
        throw new CheckpointException(source, "does not fit config " + config.name() + ": " + String.join("; ", parts));
    }
}
