package org.m3vit.model.metrics;

import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;

import java.util.Locale;

/**
 * How one task's output changed between two passes over the same image (e.g. without and with a
 * routing intervention), per pixel: segmentation 1 where the argmax class differs, else 0; depth
 * |after - before| in metres; normals the angle in degrees between the two unit normals; a
 * probability map |sigmoid(after) - sigmoid(before)|. {@code changed} counts the pixels whose value
 * is above 0 (segmentation, depth, probabilities) or above 0.5 degrees (normals: float noise in the
 * normalisation stays below that), {@code mean} and {@code max} summarise the per-pixel values.
 */
public record OutputDifference(TaskKind kind, int width, int height, float[] perPixel, long changed, double mean, double max) {

    /** Angles below this (degrees) count as unchanged normals. */
    public static final double NORMAL_TOLERANCE_DEGREES = 0.5;

    /** The difference from {@code before} to {@code after}, which must be the same task at the same size. */
    public static OutputDifference between(TaskOutput before, TaskOutput after) {
        if (!before.task().equals(after.task()) || before.width() != after.width() || before.height() != after.height()
                || before.channels() != after.channels()) {
            throw new IllegalArgumentException("cannot compare " + before.task().name() + " " + before.width() + "x" + before.height()
                    + " with " + after.task().name() + " " + after.width() + "x" + after.height());
        }
        int plane = before.width() * before.height();
        float[] d = new float[plane];
        double threshold = 0;
        switch (before.task().kind()) {
            case SEGMENTATION -> {
                int[] a = before.classMap(), b = after.classMap();
                for (int i = 0; i < plane; i++) d[i] = a[i] == b[i] ? 0f : 1f;
            }
            case DEPTH -> {
                float[] a = before.plane(0), b = after.plane(0);
                for (int i = 0; i < plane; i++) d[i] = Math.abs(b[i] - a[i]);
            }
            case NORMALS -> {
                float[] a = before.unitNormals(), b = after.unitNormals();
                for (int i = 0; i < plane; i++) {
                    double dot = a[i] * b[i] + a[plane + i] * b[plane + i] + a[2 * plane + i] * b[2 * plane + i];
                    d[i] = (float) Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
                }
                threshold = NORMAL_TOLERANCE_DEGREES;
            }
            default -> {
                float[] a = before.probabilities(), b = after.probabilities();
                for (int i = 0; i < plane; i++) d[i] = Math.abs(b[i] - a[i]);
            }
        }
        long changed = 0;
        double sum = 0, max = 0;
        for (float v : d) {
            if (v > threshold) changed++;
            sum += v;
            max = Math.max(max, v);
        }
        return new OutputDifference(before.task().kind(), before.width(), before.height(), d, changed, plane == 0 ? 0 : sum / plane, max);
    }

    /** Number of pixels. */
    public int pixels() { return width * height; }

    /** Share of the pixels that changed, 0..1. */
    public double changedFraction() { return pixels() == 0 ? 0 : (double) changed / pixels(); }

    /** One sentence on how much changed, e.g. "16.7 % of the pixels change class (256 of 1536)." */
    public String describe() {
        double share = 100 * changedFraction();
        return switch (kind) {
            case SEGMENTATION -> String.format(Locale.ROOT, "%.1f %% of the pixels change class (%d of %d).", share, changed, pixels());
            case DEPTH -> String.format(Locale.ROOT, "Depth moves by %.3f m on average, at most %.3f m; %.1f %% of the pixels move.",
                    mean, max, share);
            case NORMALS -> String.format(Locale.ROOT, "Normals turn by %.1f° on average, at most %.1f°; %.1f %% of the pixels by more than %.1f°.",
                    mean, max, share, NORMAL_TOLERANCE_DEGREES);
            default -> String.format(Locale.ROOT, "The probability changes by %.3f on average, at most %.3f.", mean, max);
        };
    }
}
