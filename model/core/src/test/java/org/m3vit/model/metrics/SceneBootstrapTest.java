package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SceneBootstrapTest {

    /** Six scenes of 4 pixels, 3 classes, with different errors per scene. */
    private static SegmentationSceneScores sixScenes() {
        int[] truth = {0, 1, 2, 2};
        int[][] predicted = {{0, 1, 2, 2}, {0, 1, 2, 1}, {1, 1, 2, 2}, {0, 0, 0, 2}, {0, 1, 1, 1}, {2, 1, 2, 0}};
        SegmentationSceneScores s = new SegmentationSceneScores(3, SegmentationMetrics.NO_IGNORE);
        for (int[] p : predicted) s.add(p, truth);
        return s;
    }

    @Test
    void meanIoUIntervalIsDeterministicAndContainsThePooledValue() {
        SegmentationSceneScores s = sixScenes();
        Interval a = s.meanIoUInterval(SceneBootstrap.standard());
        Interval b = s.meanIoUInterval(SceneBootstrap.standard());
        assertThat(a).isEqualTo(b);
        assertThat(a.lo()).isLessThan(a.hi());
        assertThat(a.contains(s.pooled().meanIoU())).isTrue();
        assertThat(s.meanIoUInterval(new SceneBootstrap(1000, 7, 0.95))).isNotEqualTo(a);
    }

    @Test
    void resamplesDrawScenesUniformlyWithReplacement() {
        // times[0] of a resample of 10 scenes is Binomial(10, 0.1): P(0) = 0.349 > 2.5%, P(>= 4) = 1.3% < 2.5% < P(>= 3) = 7.0%
        Interval ci = new SceneBootstrap(4000, 3, 0.95).interval(10, times -> {
            assertThat(Arrays.stream(times).sum()).isEqualTo(10);
            return times[0];
        });
        assertThat(ci).isEqualTo(new Interval(0, 3));
    }

    @Test
    void identicalScenesGiveAPointAndOneSceneNoInterval() {
        assertThat(SceneBootstrap.standard().interval(5, times -> 0.25)).isEqualTo(new Interval(0.25, 0.25));
        assertThat(SceneBootstrap.standard().interval(1, times -> 0.25)).isEqualTo(Interval.UNDEFINED);
    }

    @Test
    void pooledMedianOfAResampleEqualsTheMedianOfTheRepeatedValues() {
        Random r = new Random(5);
        double[][] scenes = new double[7][];
        for (int s = 0; s < scenes.length; s++) {
            scenes[s] = new double[1 + r.nextInt(6)];
            for (int i = 0; i < scenes[s].length; i++) scenes[s][i] = r.nextInt(20) * 0.5;   // ties on purpose
        }
        PooledMedian median = new PooledMedian(Arrays.stream(scenes).map(double[]::clone).toList());
        for (int trial = 0; trial < 200; trial++) {
            int[] times = new int[scenes.length];
            for (int i = 0; i < times.length; i++) times[r.nextInt(times.length)]++;
            double[] pooled = new double[0];
            for (int s = 0; s < scenes.length; s++) {
                for (int k = 0; k < times[s]; k++) {
                    int at = pooled.length;
                    pooled = Arrays.copyOf(pooled, at + scenes[s].length);
                    System.arraycopy(scenes[s], 0, pooled, at, scenes[s].length);
                }
            }
            Arrays.sort(pooled);
            int mid = pooled.length / 2;
            double expected = pooled.length % 2 == 1 ? pooled[mid] : (pooled[mid - 1] + pooled[mid]) / 2;
            assertThat(median.median(times)).isEqualTo(expected, within(1e-12));
        }
    }

    @Test
    void normalMedianIntervalContainsThePooledMedian() {
        NormalSceneScores s = new NormalSceneScores();
        Random r = new Random(9);
        for (int scene = 0; scene < 8; scene++) {
            int n = 20;
            float[] truth = new float[3 * n];
            float[] predicted = new float[3 * n];
            for (int i = 0; i < n; i++) {
                truth[2 * n + i] = 1;
                predicted[i] = (float) (r.nextDouble() * (0.2 + 0.1 * scene));
                predicted[2 * n + i] = 1;
            }
            s.add(predicted, truth);
        }
        Interval ci = s.medianInterval(SceneBootstrap.standard());
        assertThat(ci.lo()).isLessThan(ci.hi());
        assertThat(ci.contains(s.pooled().medianDegrees())).isTrue();
        assertThat(s.medianInterval(SceneBootstrap.standard())).isEqualTo(ci);
    }
}
