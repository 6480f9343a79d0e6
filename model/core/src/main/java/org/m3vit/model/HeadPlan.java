package org.m3vit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers of one task head (the published VisionTransformerUpHead) in execution order, with
 * their channels and map sizes: the one description that the network builds its head from, the
 * MAC counter counts and the accelerator simulator schedules. LayerNorm of the patch tokens, then
 * conv 0..3 (3x3, BatchNorm + ReLU) with a bilinear x2 up-sampling after each of the first three,
 * conv 4 (1x1) to the task's outputs, a last bilinear x2.
 */
public record HeadPlan(List<Step> steps) {

    /** What a step does. */
    public enum Kind { NORM, CONV, UPSAMPLE }

    /**
     * One step on a {@code height x width} map (the input's for a conv, the output's size is the same; for an
     * up-sampling, its input): a LayerNorm over {@code inChannels}, a convolution {@code index} with a
     * {@code kernel x kernel} kernel from {@code inChannels} to {@code outChannels} (BatchNorm + ReLU after
     * it when {@code normAndRelu}), or a bilinear x2 up-sampling of {@code inChannels} channels.
     */
    public record Step(Kind kind, int index, int kernel, int inChannels, int outChannels, boolean normAndRelu, int height, int width) {

        /** Pixels of the map the step works on. */
        public long pixels() { return (long) height * width; }

        /** Multiply-accumulates of the step (convolutions only). */
        public long macs() { return kind == Kind.CONV ? pixels() * inChannels * outChannels * kernel * kernel : 0; }
    }

    public HeadPlan {
        steps = List.copyOf(steps);
    }

    /** The head of {@code task} in a model of {@code config}. */
    public static HeadPlan of(ModelConfig config, TaskSpec task) {
        return of(config.embedDim(), config.gridHeight(), config.gridWidth(), config.headChannels(), task.channels());
    }

    /** The head on an {@code h x w} grid of {@code dim}-wide tokens with {@code channels} channels and {@code outputs} outputs. */
    public static HeadPlan of(int dim, int gridHeight, int gridWidth, int channels, int outputs) {
        List<Step> s = new ArrayList<>();
        int h = gridHeight, w = gridWidth;
        s.add(new Step(Kind.NORM, -1, 0, dim, dim, false, h, w));
        for (int k = 0; k <= 3; k++) {
            s.add(new Step(Kind.CONV, k, 3, k == 0 ? dim : channels, channels, true, h, w));
            if (k < 3) {
                s.add(new Step(Kind.UPSAMPLE, -1, 0, channels, channels, false, h, w));
                h *= 2;
                w *= 2;
            }
        }
        s.add(new Step(Kind.CONV, 4, 1, channels, outputs, false, h, w));
        s.add(new Step(Kind.UPSAMPLE, -1, 0, outputs, outputs, false, h, w));
        return new HeadPlan(s);
    }

    /** The convolutions, in order. */
    public List<Step> convs() { return steps.stream().filter(st -> st.kind() == Kind.CONV).toList(); }

    /** Multiply-accumulates of the head on one image. */
    public long macs() { return steps.stream().mapToLong(Step::macs).sum(); }

    /** Output map height (the last up-sampling doubles its input). */
    public int outputHeight() { return 2 * steps.get(steps.size() - 1).height(); }

    /** Output map width. */
    public int outputWidth() { return 2 * steps.get(steps.size() - 1).width(); }
}
