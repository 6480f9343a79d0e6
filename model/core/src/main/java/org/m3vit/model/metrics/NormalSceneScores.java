package org.m3vit.model.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Surface normals scored over scenes: the pooled {@link NormalMetrics} of all scenes (the
 * published point estimates) and each scene's own, for intervals over scenes: t-intervals for the
 * mean angle and the shares within 11.25°, 22.5°, 30° (pooled ratios over pixels), a bootstrap
 * for the median angle (a median of the pooled pixels, not a mean of per-scene numbers).
 */
public final class NormalSceneScores {

    private final NormalMetrics pooled = new NormalMetrics();
    private final List<NormalMetrics> scenes = new ArrayList<>();

    /** Adds one scene: predicted and ground-truth normals, each 3 x N. */
    public void add(float[] predictedChw, float[] groundTruthChw) {
        NormalMetrics scene = new NormalMetrics();
        scene.add(predictedChw, groundTruthChw);
        scenes.add(scene);
        // the scene's angles, appended in order: the pooled scores are those of one pass over all pixels
        pooled.addAll(scene);
    }

    /** The scores of all scenes' valid pixels together. */
    public NormalMetrics pooled() { return pooled; }

    /** t-interval of the mean angle: per-scene means weighted by valid pixels. */
    public Interval meanInterval(double level) { return pixelWeighted(NormalMetrics::meanDegrees, level); }

    /** t-interval of the percentage of pixels below {@code degrees}: per-scene percentages weighted by valid pixels. */
    public Interval withinInterval(double degrees, double level) { return pixelWeighted(m -> m.percentWithin(degrees), level); }

    /** Bootstrap interval of the median angle of the pooled pixels. */
    public Interval medianInterval(SceneBootstrap bootstrap) {
        return bootstrap.interval(scenes.size(), medianOfResample());
    }

    /** The pooled median angle of resamples, as a function of the draw counts (scene s counting times[s] times). */
    public ToDoubleFunction<int[]> medianOfResample() {
        return new PooledMedian(scenes.stream().map(NormalMetrics::anglesDegrees).toList())::median;
    }

    /** The percentage of pixels below {@code degrees} of resamples, as a function of the draw counts. */
    public ToDoubleFunction<int[]> percentWithinOfResample(double degrees) {
        return SceneBootstrap.pixelWeighted(scenes, m -> m.percentWithin(degrees), NormalMetrics::pixels);
    }

    /** The mean angle of resamples, as a function of the draw counts. */
    public ToDoubleFunction<int[]> meanOfResample() {
        return SceneBootstrap.pixelWeighted(scenes, NormalMetrics::meanDegrees, NormalMetrics::pixels);
    }

    private Interval pixelWeighted(ToDoubleFunction<NormalMetrics> metric, double level) {
        return TInterval.ofPixelWeighted(scenes, metric, NormalMetrics::pixels, level);
    }
}
