package org.m3vit.app.teach;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Frame positions and GIF delays against hand-computed values. */
class ClipPlanTest {

    @Test
    void framesWalkEveryLayerOnceAtAnEvenPace() {
        ClipPlan p = new ClipPlan(12, 4, 3); // 4 frames per layer
        assertThat(p.position(0)).isEqualTo(0.0);
        assertThat(p.position(1)).isCloseTo(0.25, within(1e-12));
        assertThat(p.position(4)).isCloseTo(1.0, within(1e-12));
        assertThat(p.position(11)).isCloseTo(2.75, within(1e-12)); // the last frame stays inside the last layer: the loop has no jump
        assertThat(p.seconds()).isEqualTo(3.0);
    }

    @Test
    void delaysAreWholeCentisecondsThatDoNotDrift() {
        ClipPlan p = new ClipPlan(6, 12, 1);
        // frame i starts at round(100 i / 12) cs: 0, 8, 17, 25, 33, 42, 50
        int[] expected = {8, 9, 8, 8, 9, 8};
        for (int i = 0; i < 6; i++) assertThat(p.delayCentiseconds(i)).as("frame %d", i).isEqualTo(expected[i]);
        assertThat(p.totalCentiseconds()).isEqualTo(50);
        ClipPlan ten = new ClipPlan(30, 10, 3);
        int sum = 0;
        for (int i = 0; i < 30; i++) {
            assertThat(ten.delayCentiseconds(i)).isEqualTo(10);
            sum += ten.delayCentiseconds(i);
        }
        assertThat(sum).isEqualTo(300);
    }

    @Test
    void refusesAnEmptyClip() {
        assertThatThrownBy(() -> new ClipPlan(0, 10, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
