package org.m3vit.model.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Depth scored over scenes: the pooled {@link DepthMetrics} of all scenes (the published point
 * estimates), the per-image {@link ScaleInvariantDepth} errors, and each scene's own scores, for
 * intervals over scenes: t-intervals for absRel and δ &lt; 1.25 (pooled ratios over pixels) and for
 * the scale-invariant errors (means of per-image values), a bootstrap for RMSE (the root of a
 * pooled mean, not a mean of per-scene numbers).
 */
public final class DepthSceneScores {

    private final DepthMetrics pooled = new DepthMetrics();
    private final ScaleInvariantDepth scaleInvariant = new ScaleInvariantDepth();
    private final List<DepthMetrics> scenes = new ArrayList<>();

    /** Adds one scene: predicted and ground-truth depth (metres) of the same pixels. */
    public void add(float[] predicted, float[] groundTruth) {
        pooled.add(predicted, groundTruth);
        DepthMetrics scene = new DepthMetrics();
        scene.add(predicted, groundTruth);
        scenes.add(scene);
        scaleInvariant.add(predicted, groundTruth);
    }

    /** The scores of all scenes' valid pixels together. */
    public DepthMetrics pooled() { return pooled; }

    /** The scale-invariant errors, per image and their means. */
    public ScaleInvariantDepth scaleInvariant() { return scaleInvariant; }

    /** t-interval of absRel: per-scene absRel weighted by valid pixels. */
    public Interval absRelInterval(double level) { return pixelWeighted(DepthMetrics::absRel, level); }

    /** t-interval of the share with δ &lt; 1.25: per-scene shares weighted by valid pixels. */
    public Interval delta1Interval(double level) { return pixelWeighted(DepthMetrics::delta1, level); }

    /** t-interval of the mean median-scaled absRel over images. */
    public Interval medianScaledAbsRelInterval(double level) {
        return TInterval.ofMean(scaleInvariant.perImageMedianScaledAbsRel(), level);
    }

    /** t-interval of the mean scale-invariant log error over images. */
    public Interval siLogInterval(double level) { return TInterval.ofMean(scaleInvariant.perImageSiLog(), level); }

    /** Bootstrap interval of the RMSE of the pooled pixels. */
    public Interval rmseInterval(SceneBootstrap bootstrap) {
        return bootstrap.interval(scenes.size(), rmseOfResample());
    }

    /** The RMSE of the pooled pixels of resamples, as a function of the draw counts (scene s counting times[s] times). */
    public ToDoubleFunction<int[]> rmseOfResample() {
        ToDoubleFunction<int[]> mse = SceneBootstrap.pixelWeighted(scenes, m -> m.rmse() * m.rmse(), DepthMetrics::pixels);
        return times -> Math.sqrt(mse.applyAsDouble(times));
    }

    /** The absRel of resamples, as a function of the draw counts. */
    public ToDoubleFunction<int[]> absRelOfResample() { return SceneBootstrap.pixelWeighted(scenes, DepthMetrics::absRel, DepthMetrics::pixels); }

    /** The share with delta &lt; 1.25 of resamples, as a function of the draw counts. */
    public ToDoubleFunction<int[]> delta1OfResample() { return SceneBootstrap.pixelWeighted(scenes, DepthMetrics::delta1, DepthMetrics::pixels); }

    private Interval pixelWeighted(ToDoubleFunction<DepthMetrics> metric, double level) {
        return TInterval.ofPixelWeighted(scenes, metric, DepthMetrics::pixels, level);
    }
}
