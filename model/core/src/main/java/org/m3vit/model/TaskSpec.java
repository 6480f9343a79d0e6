package org.m3vit.model;

import org.m3vit.model.guard.LimitException;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.Names;

import java.util.List;

/**
 * One task of a multi-task model: its name (also the checkpoint's decoder key), its kind and
 * the number of output channels of its head. {@code labels} names the classes of a
 * segmentation task (may be empty when unknown).
 */
public record TaskSpec(String name, TaskKind kind, int channels, List<String> labels) {

    public TaskSpec {
        Names.fileSafe("task name", name);
        if (kind == null) throw new IllegalArgumentException("task " + name + ": kind is missing (one of " + java.util.Arrays.toString(TaskKind.values()) + ")");
        if (channels < 1 || channels > Limits.TASK_CHANNELS) {
            throw new LimitException("task " + name + ": channels is " + channels + "; it must be between 1 and " + Limits.TASK_CHANNELS);
        }
        if (labels != null && labels.size() > Limits.TASK_CHANNELS) {
            throw new LimitException("task " + name + ": " + labels.size() + " labels; at most " + Limits.TASK_CHANNELS);
        }
        if (labels != null) {
            for (String l : labels) {
                if (l == null) throw new IllegalArgumentException("task " + name + ": a label is null");
                Names.plainText("task " + name + ": label", l);
            }
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (!labels.isEmpty() && labels.size() != channels) {
            throw new IllegalArgumentException("task " + name + ": " + labels.size()
                    + " labels for " + channels + " channels");
        }
        switch (kind) {
            case DEPTH, PROBABILITY -> {
                if (channels != 1) throw new IllegalArgumentException("task " + name + ": a " + kind + " task has 1 channel, was " + channels);
            }
            case NORMALS -> {
                if (channels != 3) throw new IllegalArgumentException("task " + name + ": a NORMALS task has 3 channels, was " + channels);
            }
            case SEGMENTATION -> { }
        }
    }

    /** A task without class names. */
    public static TaskSpec of(String name, TaskKind kind, int channels) {
        return new TaskSpec(name, kind, channels, List.of());
    }
}
