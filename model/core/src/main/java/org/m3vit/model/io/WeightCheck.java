package org.m3vit.model.io;

import org.m3vit.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a set of named tensors against {@link WeightLayout}: names every missing, unexpected
 * and mis-shaped tensor at once. BatchNorm {@code num_batches_tracked} counters are ignored.
 */
public final class WeightCheck {

    private WeightCheck() { }

    /** The problems of {@code tensors} for {@code config}, empty when they match. */
    public static List<String> problems(ModelConfig config, Map<String, Tensor> tensors) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, t) -> shapes.put(name, t.shape()));
        return shapeProblems(config, shapes);
    }

    /** The problems of tensors known only by name and shape (e.g. before a checkpoint's data is read). */
    public static List<String> shapeProblems(ModelConfig config, Map<String, long[]> tensors) {
        Map<String, long[]> expected = WeightLayout.expected(config);
        List<String> missing = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] shape = tensors.get(e.getKey());
            if (shape == null) missing.add(e.getKey());
            else if (!Arrays.equals(shape, e.getValue())) {
                shapes.add(e.getKey() + " is " + Tensor.shapeText(shape) + ", expected " + Tensor.shapeText(e.getValue()));
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name) && !name.endsWith("num_batches_tracked")) unexpected.add(name);
        }
        List<String> out = new ArrayList<>();
        if (!missing.isEmpty()) out.add(missing.size() + " missing tensor(s): " + String.join(", ", missing));
        if (!unexpected.isEmpty()) out.add(unexpected.size() + " unexpected tensor(s): " + String.join(", ", unexpected));
        if (!shapes.isEmpty()) out.add(shapes.size() + " tensor(s) with the wrong shape: " + String.join("; ", shapes));
        return out;
    }

    /** Refuses weights holding NaN or Inf, naming the first such tensor, its count of them, and how many tensors have any. */
    public static void requireFinite(Map<String, Tensor> tensors, Path file) throws IOException {
        requireFinite(tensors, file, "the outputs would be NaN. Pass --allow-nonfinite to load it anyway for inspection");
    }

    /** As {@link #requireFinite(Map, Path)}, ending the message with {@code consequence} (what it would cause, what to do). */
    public static void requireFinite(Map<String, Tensor> tensors, Path file, String consequence) throws IOException {
        String first = null;
        long firstCount = 0, firstSize = 0;
        int affected = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long bad = 0;
            for (float v : e.getValue().data()) if (!Float.isFinite(v)) bad++;
            if (bad == 0) continue;
            affected++;
            if (first == null) {
                first = e.getKey();
                firstCount = bad;
                firstSize = e.getValue().size();
            }
        }
        if (first != null) {
            throw new IOException(file + ": tensor '" + first + "' has " + firstCount + " NaN or infinite value(s) of " + firstSize
                    + (affected > 1 ? " (" + affected + " tensors have some)" : "")
                    + "; " + consequence);
        }
    }

    /** Throws an {@link IOException} naming {@code file} and every problem, if there is one. */
    public static void require(ModelConfig config, Map<String, Tensor> tensors, Path file) throws IOException {
        List<String> p = problems(config, tensors);
        if (!p.isEmpty()) {
            throw new IOException(file + ": weights do not fit config '" + config.name() + "': " + String.join("; ", p));
        }
    }
}
