package org.m3vit.model.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Segmentation scored over scenes: the pooled {@link SegmentationMetrics} of all scenes (the
 * published point estimates) and each scene's own, for intervals over scenes: a t-interval for
 * pixel accuracy (a pooled ratio of pixels), a bootstrap for mIoU (a function of the pooled
 * confusion matrix, not a mean of per-scene numbers).
 */
public final class SegmentationSceneScores {

    private final int numClasses;
    private final int ignoreLabel;
    private final SegmentationMetrics pooled;
    private final List<SegmentationMetrics> scenes = new ArrayList<>();

    /** Scores for labels 0 .. numClasses-1; see {@link SegmentationMetrics#SegmentationMetrics(int, int)}. */
    public SegmentationSceneScores(int numClasses, int ignoreLabel) {
        this.numClasses = numClasses;
        this.ignoreLabel = ignoreLabel;
        this.pooled = new SegmentationMetrics(numClasses, ignoreLabel);
    }

    /** Adds one scene: predicted and ground-truth labels of the same pixels. */
    public void add(int[] predicted, int[] groundTruth) {
        SegmentationMetrics scene = new SegmentationMetrics(numClasses, ignoreLabel);
        scene.add(predicted, groundTruth);
        scenes.add(scene);
        pooled.addCounts(scene, 1);
    }

    /** The scores of all scenes' pixels together. */
    public SegmentationMetrics pooled() { return pooled; }

    /** Scenes added. */
    public int scenes() { return scenes.size(); }

    /** t-interval of the pixel accuracy: per-scene accuracies weighted by their pixels. */
    public Interval pixelAccuracyInterval(double level) {
        return TInterval.ofPixelWeighted(scenes, SegmentationMetrics::pixelAccuracy, SegmentationMetrics::pixels, level);
    }

    /** Bootstrap interval of the mIoU of the pooled confusion matrix. */
    public Interval meanIoUInterval(SceneBootstrap bootstrap) {
        return bootstrap.interval(scenes.size(), this::meanIoU);
    }

    /** mIoU of a resample in which scene s counts {@code times[s]} times. */
    public double meanIoU(int[] times) {
        return resample(times).meanIoU();
    }

    /** IoU of class {@code k} in a resample in which scene s counts {@code times[s]} times (NaN: the class is absent from it). */
    public double classIoU(int[] times, int k) {
        return resample(times).classIoU()[k];
    }

    private SegmentationMetrics resample(int[] times) {
        SegmentationMetrics resample = new SegmentationMetrics(numClasses, ignoreLabel);
        for (int s = 0; s < times.length; s++) if (times[s] > 0) resample.addCounts(scenes.get(s), times[s]);
        return resample;
    }

    /** The pixel accuracy of resamples, as a function of the draw counts (scene s counting times[s] times). */
    public ToDoubleFunction<int[]> pixelAccuracyOfResample() {
        return SceneBootstrap.pixelWeighted(scenes, SegmentationMetrics::pixelAccuracy, SegmentationMetrics::pixels);
    }
}
