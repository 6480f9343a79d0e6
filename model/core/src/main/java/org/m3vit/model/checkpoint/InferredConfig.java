package org.m3vit.model.checkpoint;

import org.m3vit.model.TaskKind;

import java.util.List;

/**
 * The hyper-parameters a checkpoint's tensor shapes determine. {@code mlpHidden} is null when
 * no block is dense; a task's {@code kind} is null when its name does not tell it. Heads,
 * top-k and the split of {@code numPatches} into rows and columns are never in a checkpoint.
 */
public record InferredConfig(int embedDim, int depth, int patchSize, int numPatches, Integer mlpHidden,
                             List<Integer> moeBlocks, int numExperts, int expertHidden, int headChannels,
                             List<InferredTask> tasks) {

    /** Values that cannot be read from tensor shapes and must come from {@code --config}. */
    public static final List<String> NOT_INFERABLE = List.of("numHeads", "topK", "imageHeight/imageWidth split of the patch grid");

    /** A decoder found in the checkpoint: its name, output channels and (if the name tells it) kind. */
    public record InferredTask(String name, int channels, TaskKind kind) { }

    /** One line per value, for reports and error messages. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("embedDim ").append(embedDim).append(", depth ").append(depth).append(", patchSize ").append(patchSize)
                .append(", ").append(numPatches).append(" patches (+1 cls token)");
        b.append(", mlpHidden ").append(mlpHidden == null ? "? (no dense block)" : mlpHidden);
        b.append(", moeBlocks ").append(moeBlocks).append(", numExperts ").append(numExperts)
                .append(", expertHidden ").append(expertHidden).append(", headChannels ").append(headChannels).append(", tasks ");
        for (int i = 0; i < tasks.size(); i++) {
            InferredTask t = tasks.get(i);
            b.append(i == 0 ? "" : ", ").append(t.name()).append('(').append(t.kind() == null ? "kind ?" : t.kind().name())
                    .append(", ").append(t.channels()).append(')');
        }
        return b.toString();
    }
}
