package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DepthSceneScoresTest {

    @Test
    void depthIntervalsSitAroundThePooledScoresWhenScenesHaveDifferentValidPixels() {
        DepthSceneScores s = new DepthSceneScores();
        s.add(new float[] {1, 2, 3, 5}, new float[] {1, 4, 2, 0});
        s.add(new float[] {2, 2}, new float[] {2, 2.5f});
        s.add(new float[] {1, 1, 1, 1, 1}, new float[] {1.2f, 0.9f, 1.1f, 1, 3});
        s.add(new float[] {4, 4, 6}, new float[] {3, 5, 6});
        Interval absRel = s.absRelInterval(0.95);
        assertThat((absRel.lo() + absRel.hi()) / 2).isEqualTo(s.pooled().absRel(), within(1e-12));
        Interval delta1 = s.delta1Interval(0.95);
        assertThat((delta1.lo() + delta1.hi()) / 2).isEqualTo(s.pooled().delta1(), within(1e-12));
        assertThat(s.rmseInterval(SceneBootstrap.standard()).contains(s.pooled().rmse())).isTrue();
        assertThat(s.siLogInterval(0.95).contains(s.scaleInvariant().siLog())).isTrue();
        Interval scaled = s.medianScaledAbsRelInterval(0.95);
        assertThat((scaled.lo() + scaled.hi()) / 2).isEqualTo(s.scaleInvariant().medianScaledAbsRel(), within(1e-12));
    }
}
