package org.m3vit.model.board;

import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one task's outputs change between two arithmetics over many images, in the task's own
 * terms: segmentation, the share of pixels whose class changes and the reference x other class
 * table of pixel counts; depth, the mean and largest |delta| in metres and the mean |delta| /
 * reference depth; normals, the mean and largest angle between the two unit normals; a
 * probability output, the mean and largest |delta| of the probabilities.
 */
public final class OutputChanges {

    private final TaskSpec task;
    private final long[][] classes;
    private long pixels;
    private double sum;
    private double sumRelative;
    private double max;

    /** Changes of {@code task}'s outputs. */
    public OutputChanges(TaskSpec task) {
        this.task = task;
        this.classes = new long[task.channels()][task.channels()];
    }

    /** Adds one image's outputs of the reference and of the other arithmetic. */
    public void add(TaskOutput reference, TaskOutput other) {
        switch (task.kind()) {
            case SEGMENTATION -> {
                int[] a = reference.classMap(), b = other.classMap();
                for (int i = 0; i < a.length; i++) classes[a[i]][b[i]]++;
                pixels += a.length;
            }
            case DEPTH -> {
                float[] a = reference.plane(0), b = other.plane(0);
                for (int i = 0; i < a.length; i++) {
                    double d = Math.abs(a[i] - b[i]);
                    sum += d;
                    sumRelative += d / Math.max(Math.abs(a[i]), 1e-6);
                    max = Math.max(max, d);
                }
                pixels += a.length;
            }
            case NORMALS -> {
                float[] a = reference.unitNormals(), b = other.unitNormals();
                int plane = a.length / 3;
                for (int i = 0; i < plane; i++) {
                    double dot = a[i] * b[i] + a[plane + i] * b[plane + i] + a[2 * plane + i] * b[2 * plane + i];
                    double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
                    sum += angle;
                    max = Math.max(max, angle);
                }
                pixels += plane;
            }
            case PROBABILITY -> {
                float[] a = reference.probabilities(), b = other.probabilities();
                for (int i = 0; i < a.length; i++) {
                    double d = Math.abs(a[i] - b[i]);
                    sum += d;
                    max = Math.max(max, d);
                }
                pixels += a.length;
            }
        }
    }

    /** Pixels whose class changed (segmentation). */
    public long changedPixels() {
        long same = 0;
        for (int c = 0; c < classes.length; c++) same += classes[c][c];
        return task.kind() == TaskKind.SEGMENTATION ? pixels - same : 0;
    }

    /** The report's map for this task. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", task.kind().name().toLowerCase(Locale.ROOT));
        m.put("pixels", pixels);
        switch (task.kind()) {
            case SEGMENTATION -> {
                m.put("changedPixelShare", pixels == 0 ? 0.0 : (double) changedPixels() / pixels);
                Double[] byClass = new Double[classes.length];   // null: no reference pixel of the class
                for (int c = 0; c < classes.length; c++) {
                    long total = 0;
                    for (long v : classes[c]) total += v;
                    byClass[c] = total == 0 ? null : 1 - (double) classes[c][c] / total;
                }
                m.put("labels", task.labels());
                m.put("changedShareByClass", byClass);
                m.put("classes", classes);
            }
            case DEPTH -> {
                m.put("meanAbsDeltaM", sum / pixels);
                m.put("maxAbsDeltaM", max);
                m.put("meanRelativeDelta", sumRelative / pixels);
            }
            case NORMALS -> {
                m.put("meanAngleDeg", sum / pixels);
                m.put("maxAngleDeg", max);
            }
            case PROBABILITY -> {
                m.put("meanAbsDelta", sum / pixels);
                m.put("maxAbsDelta", max);
            }
        }
        return m;
    }
}
