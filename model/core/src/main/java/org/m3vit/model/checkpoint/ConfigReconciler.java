package org.m3vit.model.checkpoint;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks an {@link InferredConfig} against the config the user gave: every value the checkpoint
 * determines must agree, and the error names each value that differs. The image size is derived
 * from the patch count together with the given config's aspect ratio.
 */
public final class ConfigReconciler {

    private ConfigReconciler() { }

    /** The given config if the checkpoint agrees with it; otherwise an error listing every difference. */
    public static ModelConfig reconcile(InferredConfig in, ModelConfig given, Path source) throws CheckpointException {
        String says = "config " + given.name() + " says ";
        List<String> diffs = new ArrayList<>();
        compare(diffs, "embedDim", in.embedDim(), given.embedDim(), says);
        compare(diffs, "depth", in.depth(), given.depth(), says);
        compare(diffs, "patchSize", in.patchSize(), given.patchSize(), says);
        if (in.mlpHidden() != null) compare(diffs, "mlpHidden", in.mlpHidden(), given.mlpHidden(), says);
        compare(diffs, "moeBlocks", in.moeBlocks(), given.moeBlocks(), says);
        if (!in.moeBlocks().isEmpty()) {
            compare(diffs, "numExperts", in.numExperts(), given.numExperts(), says);
            if (java.nio.file.Files.isRegularFile(source) && in.numExperts() < given.numExperts() && given.numExperts() % in.numExperts() == 0) {
                diffs.add("(a rank file of a multi-GPU run holds only its slice of the experts: pass the directory of rank files)");
            }
            compare(diffs, "expertHidden", in.expertHidden(), given.expertHidden(), says);
        }
        compare(diffs, "headChannels", in.headChannels(), given.headChannels(), says);
        compare(diffs, "tasks", in.tasks().stream().map(InferredConfig.InferredTask::name).toList(),
                given.tasks().stream().map(TaskSpec::name).toList(), says);
        for (InferredConfig.InferredTask t : in.tasks()) {
            if (!given.tasks().stream().map(TaskSpec::name).toList().contains(t.name())) continue;
            TaskSpec g = given.task(t.name());
            compare(diffs, "channels of task " + t.name(), t.channels(), g.channels(), says);
            if (t.kind() != null) compare(diffs, "kind of task " + t.name(), t.kind(), g.kind(), says);
        }
        imageSize(in, given, says, diffs);
        if (!diffs.isEmpty()) {
            throw new CheckpointException(source, "does not match config " + given.name() + ": " + String.join("; ", diffs));
        }
        return given;
    }

    private static void imageSize(InferredConfig in, ModelConfig given, String says, List<String> diffs) {
        int gh = given.gridHeight();
        int gw = given.gridWidth();
        int g = gcd(gh, gw);
        int a = gh / g;
        int b = gw / g;
        long s = Math.round(Math.sqrt((double) in.numPatches() / (a * (long) b)));
        if (s < 1 || s * s * a * b != in.numPatches()) {
            diffs.add("image size: checkpoint's pos_embed has " + in.numPatches() + " patches, which no grid with the aspect "
                    + a + ":" + b + " of " + given.imageHeight() + "x" + given.imageWidth() + " gives; " + says
                    + given.numPatches() + " patches (" + gh + "x" + gw + ")");
            return;
        }
        long h = a * s * in.patchSize();
        long w = b * s * in.patchSize();
        if (h != given.imageHeight() || w != given.imageWidth()) {
            diffs.add("imageHeight x imageWidth: checkpoint has " + h + "x" + w + " (" + in.numPatches() + " patches of "
                    + in.patchSize() + " px at the config's aspect " + a + ":" + b + "), " + says + given.imageHeight() + "x" + given.imageWidth());
        }
    }

    private static void compare(List<String> diffs, String what, Object checkpoint, Object config, String says) {
        if (!Objects.equals(checkpoint, config)) diffs.add(what + ": checkpoint has " + checkpoint + ", " + says + config);
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
