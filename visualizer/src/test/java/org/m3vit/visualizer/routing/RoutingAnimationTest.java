package org.m3vit.visualizer.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The animation's clock: layers per second, looping, stepping. */
class RoutingAnimationTest {

    @Test
    void advancingMovesAtTheSpeedAndLoopsOnlyWhilePlaying() {
        RoutingAnimation a = new RoutingAnimation();
        a.layersProperty().set(3);
        a.speedProperty().set(0.5);
        a.advance(1.0);
        assertThat(a.positionProperty().get()).isZero(); // paused
        a.playingProperty().set(true);
        a.advance(1.0); // 0.5 layer
        assertThat(a.layer()).isZero();
        assertThat(a.phase()).isCloseTo(0.5, within(1e-9));
        a.advance(4.0); // +2 layers -> 2.5
        assertThat(a.layer()).isEqualTo(2);
        a.advance(2.0); // +1 layer -> 3.5 wraps to 0.5
        assertThat(a.layer()).isZero();
        assertThat(a.phase()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void stepsWrapAroundAndShowTheLayerFullyArrived() {
        RoutingAnimation a = new RoutingAnimation();
        a.layersProperty().set(3);
        a.step(1);
        assertThat(a.layer()).isEqualTo(1);
        assertThat(a.phase()).isGreaterThan(0.99);
        a.step(-1);
        a.step(-1);
        assertThat(a.layer()).isEqualTo(2);
        a.show(7);
        assertThat(a.layer()).isEqualTo(2);
        a.toggle();
        assertThat(a.playingProperty().get()).isTrue();
    }
}
