package org.m3vit.model.checkpoint;

import org.m3vit.model.TaskKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hyper-parameters that a checkpoint's tensor shapes determine unambiguously: D from
 * {@code cls_token}, depth from the block indices, patch size from the patch embedding, the
 * patch count from {@code pos_embed}, E and Dh from the stacked experts (after concatenating
 * ranks), which blocks are MoE, the dense MLP width, the head width and, per decoder, its
 * output channels (kind from the task's name).
 */
public final class ConfigInference {

    private static final Pattern BLOCK = Pattern.compile("backbone\\.blocks\\.(\\d+)\\..*");
    private static final Pattern DECODER = Pattern.compile("decoders\\.([^.]+)\\..*");

    private ConfigInference() { }

    /** The task kind the published code's task names imply, or null for a name it does not use. */
    public static TaskKind kindOfTaskName(String task) {
        return switch (task) {
            case "semseg", "human_parts" -> TaskKind.SEGMENTATION;
            case "depth" -> TaskKind.DEPTH;
            case "normals" -> TaskKind.NORMALS;
            case "sal", "edge" -> TaskKind.PROBABILITY;
            default -> null;
        };
    }

    /** Infers from {@code shapes}; the error names {@code source} and the tensor that would have told the value. */
    public static InferredConfig infer(Map<String, long[]> shapes, Path source) throws CheckpointException {
        List<String> problems = new ArrayList<>();
        int d = dim(shapes, "backbone.cls_token", 2, 3, problems);
        int patch = dim(shapes, "backbone.patch_embed.proj.weight", 2, 4, problems);
        long[] pw = shapes.get("backbone.patch_embed.proj.weight");
        if (pw != null && pw.length == 4 && pw[2] != pw[3]) problems.add("the patch embedding kernel is not square: " + pw[2] + "x" + pw[3]);
        int tokens = dim(shapes, "backbone.pos_embed", 1, 3, problems);

        int depth = 0;
        for (String k : shapes.keySet()) {
            Matcher m = BLOCK.matcher(k);
            if (m.matches()) depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
        }
        if (depth == 0) problems.add("no backbone.blocks.N.* tensors, so the depth is unknown");

        List<Integer> moe = new ArrayList<>();
        Map<Integer, Integer> expertsPerBlock = new TreeMap<>();
        Map<Integer, Integer> hiddenPerBlock = new TreeMap<>();
        Integer mlpHidden = null;
        for (int b = 0; b < depth; b++) {
            long[] h = shapes.get("backbone.blocks." + b + ".mlp.experts.htoh4.weight");
            if (h != null && h.length == 3) {
                moe.add(b);
                expertsPerBlock.put(b, (int) h[0]);
                hiddenPerBlock.put(b, (int) h[1]);
            }
            long[] fc1 = shapes.get("backbone.blocks." + b + ".mlp.fc1.weight");
            if (mlpHidden == null && fc1 != null && fc1.length == 2) mlpHidden = (int) fc1[0];
        }
        int experts = agreed(expertsPerBlock, "numExperts (dim 0 of mlp.experts.htoh4.weight)", problems);
        int expertHidden = agreed(hiddenPerBlock, "expertHidden (dim 1 of mlp.experts.htoh4.weight)", problems);

        Map<String, Integer> channels = new LinkedHashMap<>();
        for (String k : shapes.keySet()) {
            Matcher m = DECODER.matcher(k);
            if (m.matches()) channels.putIfAbsent(m.group(1), -1);
        }
        List<InferredConfig.InferredTask> tasks = new ArrayList<>();
        int headChannels = -1;
        for (String task : channels.keySet()) {
            int c = dim(shapes, "decoders." + task + ".conv_4.weight", 0, 4, problems);
            if (c > 0) tasks.add(new InferredConfig.InferredTask(task, c, kindOfTaskName(task)));
            if (headChannels < 0) headChannels = dim(shapes, "decoders." + task + ".conv_0.weight", 0, 4, problems);
        }
        if (channels.isEmpty()) problems.add("no decoders.<task>.* tensors, so the tasks are unknown");
        if (!problems.isEmpty()) {
            throw new CheckpointException(source, "cannot infer the model's shape: " + String.join("; ", problems));
        }
        return new InferredConfig(d, depth, patch, tokens - 1, mlpHidden, moe, experts, expertHidden, headChannels, tasks);
    }

    private static int dim(Map<String, long[]> shapes, String key, int index, int rank, List<String> problems) {
        long[] s = shapes.get(key);
        if (s == null) {
            problems.add("tensor " + key + " is missing");
            return -1;
        }
        if (s.length != rank) {
            problems.add("tensor " + key + " has " + s.length + " dimensions, expected " + rank);
            return -1;
        }
        return (int) s[index];
    }

    private static int agreed(Map<Integer, Integer> perBlock, String what, List<String> problems) {
        if (perBlock.isEmpty()) return 0;
        int first = perBlock.values().iterator().next();
        if (perBlock.values().stream().anyMatch(v -> v != first)) problems.add("MoE blocks disagree on " + what + ": " + perBlock);
        return first;
    }
}
