package org.m3vit.model;

import java.util.List;
import java.util.Objects;

/**
 * One task of a multi-task model: its name (also the checkpoint's decoder key), its kind and
 * the number of output channels of its head. {@code labels} names the classes of a
 * segmentation task (may be empty when unknown).
 */
public record TaskSpec(String name, TaskKind kind, int channels, List<String> labels) {

    public TaskSpec {
        Objects.requireNonNull(name, "task name");
        Objects.requireNonNull(kind, "task kind");
        if (name.isBlank()) throw new IllegalArgumentException("task name is blank");
        if (channels < 1) throw new IllegalArgumentException("task " + name + ": channels must be >= 1, was " + channels);
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
