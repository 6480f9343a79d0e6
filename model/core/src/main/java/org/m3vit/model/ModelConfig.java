package org.m3vit.model;

import org.m3vit.model.guard.LimitException;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * The hyper-parameters of an M³ViT network (see M3VIT-REFERENCE.md): input size, patch size,
 * width D, depth, heads, which blocks are MoE, experts E, top-k, expert hidden width Dh,
 * head channel width C, and the tasks in task-id order. Serialised as JSON by {@link ConfigJson}.
 */
public record ModelConfig(
        String name,
        int imageHeight,
        int imageWidth,
        int patchSize,
        int embedDim,
        int depth,
        int numHeads,
        int mlpHidden,
        List<Integer> moeBlocks,
        int numExperts,
        int topK,
        int expertHidden,
        int headChannels,
        List<TaskSpec> tasks,
        String description) {

    public ModelConfig {
        if (name == null) throw new IllegalArgumentException("the config has no name");
        Names.plainText("config name", name);
        if (moeBlocks == null) throw new IllegalArgumentException("config '" + name + "': moeBlocks is missing");
        if (tasks == null) throw new IllegalArgumentException("config '" + name + "': tasks is missing");
        if (moeBlocks.stream().anyMatch(java.util.Objects::isNull) || tasks.stream().anyMatch(java.util.Objects::isNull))
            throw new IllegalArgumentException("config '" + name + "': moeBlocks or tasks holds null");
        moeBlocks = List.copyOf(moeBlocks);
        tasks = List.copyOf(tasks);
        description = description == null ? "" : description;
        List<String> problems = new ArrayList<>();
        // memory a value would need, in float32 bytes, with the other fields as given (at least 1 each)
        double d = Math.max(1, embedDim), e = Math.max(1, numExperts), dh = Math.max(1, expertHidden), c = Math.max(1, headChannels);
        double h = Math.max(1, imageHeight), w = Math.max(1, imageWidth), blocks = Math.max(1, depth), moe = Math.max(1, moeBlocks.size());
        bound(problems, "imageHeight", imageHeight, Limits.IMAGE_SIDE, 16 * c * h * w);
        bound(problems, "imageWidth", imageWidth, Limits.IMAGE_SIDE, 16 * c * h * w);
        bound(problems, "patchSize", patchSize, Limits.PATCH, 0);
        bound(problems, "embedDim", embedDim, Limits.EMBED_DIM, 8 * 12 * d * d * blocks);
        bound(problems, "depth", depth, Limits.DEPTH, 8 * 12 * d * d * blocks);
        bound(problems, "numHeads", numHeads, Limits.HEADS, 0);
        bound(problems, "mlpHidden", mlpHidden, Limits.HIDDEN, 8 * 2 * d * Math.max(1, mlpHidden) * blocks);
        bound(problems, "numExperts", numExperts, Limits.EXPERTS, 8 * 2 * d * dh * e * moe);
        bound(problems, "expertHidden", expertHidden, Limits.HIDDEN, 8 * 2 * d * dh * e * moe);
        bound(problems, "headChannels", headChannels, Limits.HEAD_CHANNELS, 16 * c * h * w);
        if (tasks.size() > Limits.TASKS) problems.add("it has " + tasks.size() + " tasks; at most " + Limits.TASKS + " are allowed");
        if (moeBlocks.size() > Limits.DEPTH) problems.add("moeBlocks has " + moeBlocks.size() + " entries; at most " + Limits.DEPTH);
        if (patchSize >= 1 && (long) (imageHeight / patchSize) * (imageWidth / patchSize) > Limits.PATCHES) {
            problems.add("imageHeight x imageWidth " + imageHeight + " x " + imageWidth + " makes "
                    + (long) (imageHeight / patchSize) * (imageWidth / patchSize) + " patches of " + patchSize + " px; at most "
                    + Limits.PATCHES + " are allowed (attention over them would need "
                    + Limits.bytes(4.0 * numHeads * Math.pow((double) (imageHeight / patchSize) * (imageWidth / patchSize), 2)) + ")");
        }
        if (!problems.isEmpty()) {
            throw new LimitException("config '" + name + "': " + String.join("; ", problems));
        }
        if (patchSize < 1) problems.add("patchSize must be >= 1, was " + patchSize);
        else {
            if (imageHeight < patchSize || imageHeight % patchSize != 0)
                problems.add("imageHeight " + imageHeight + " is not a positive multiple of patchSize " + patchSize);
            if (imageWidth < patchSize || imageWidth % patchSize != 0)
                problems.add("imageWidth " + imageWidth + " is not a positive multiple of patchSize " + patchSize);
        }
        if (embedDim < 1) problems.add("embedDim must be >= 1, was " + embedDim);
        if (numHeads < 1 || embedDim % Math.max(1, numHeads) != 0)
            problems.add("embedDim " + embedDim + " is not divisible by numHeads " + numHeads);
        if (depth < 1) problems.add("depth must be >= 1, was " + depth);
        if (mlpHidden < 1) problems.add("mlpHidden must be >= 1, was " + mlpHidden);
        for (int b : moeBlocks) {
            if (b < 0 || b >= depth) problems.add("moe block " + b + " is outside 0.." + (depth - 1));
        }
        if (moeBlocks.stream().distinct().count() != moeBlocks.size()) problems.add("moeBlocks has duplicates: " + moeBlocks);
        if (!moeBlocks.isEmpty()) {
            if (numExperts < 1) problems.add("numExperts must be >= 1, was " + numExperts);
            if (topK < 1 || topK > numExperts) problems.add("topK must be in 1.." + numExperts + ", was " + topK);
            if (expertHidden < 1) problems.add("expertHidden must be >= 1, was " + expertHidden);
        }
        if (headChannels < 1) problems.add("headChannels must be >= 1, was " + headChannels);
        if (tasks.isEmpty()) problems.add("a model needs at least one task");
        if (tasks.stream().map(TaskSpec::name).distinct().count() != tasks.size()) problems.add("task names are not unique");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("config '" + name + "': " + String.join("; ", problems));
        }
    }

    private static void bound(List<String> problems, String field, int value, int max, double bytes) {
        if (value > max) {
            problems.add(field + " is " + value + "; it must be at most " + max + (bytes > 0 ? " (it would need about " + Limits.bytes(bytes) + " of memory)" : ""));
        }
    }

    /** Patch rows. */
    public int gridHeight() { return imageHeight / patchSize; }

    /** Patch columns. */
    public int gridWidth() { return imageWidth / patchSize; }

    /** Patches, without the cls token. */
    public int numPatches() { return gridHeight() * gridWidth(); }

    /** Tokens including the cls token (token 0). */
    public int numTokens() { return numPatches() + 1; }

    /** Width of one attention head. */
    public int headDim() { return embedDim / numHeads; }

    /** True when block {@code b} holds a MoE layer instead of a dense MLP. */
    public boolean isMoe(int block) { return moeBlocks.contains(block); }

    /** Number of tasks (and gates per MoE block). */
    public int numTasks() { return tasks.size(); }

    /** Task id of the task called {@code taskName}; throws naming the known tasks otherwise. */
    public int taskIndex(String taskName) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).name().equals(taskName)) return i;
        }
        throw new IllegalArgumentException("model '" + name + "' has no task '" + taskName + "'; its tasks are "
                + tasks.stream().map(TaskSpec::name).toList());
    }

    /** The task called {@code taskName}. */
    public TaskSpec task(String taskName) { return tasks.get(taskIndex(taskName)); }

    /** The same config with another number of experts and top-k (for sweeps and synthetic routing). */
    public ModelConfig withExperts(int experts, int k) {
        return new ModelConfig(name, imageHeight, imageWidth, patchSize, embedDim, depth, numHeads, mlpHidden,
                moeBlocks, experts, k, expertHidden, headChannels, tasks, description);
    }

    /** The odd blocks 1, 3, 5, ... below {@code depth}: the published code's MoE placement. */
    public static List<Integer> oddBlocks(int depth) {
        List<Integer> list = new ArrayList<>();
        for (int b = 1; b < depth; b += 2) list.add(b);
        return list;
    }
}
