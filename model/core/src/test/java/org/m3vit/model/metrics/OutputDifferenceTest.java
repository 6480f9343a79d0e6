package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** Per-pixel differences of two outputs and routing changes, against hand-computed values. */
class OutputDifferenceTest {

    @Test
    void segmentationCountsPixelsWhoseClassChanges() {
        TaskSpec seg = TaskSpec.of("semseg", TaskKind.SEGMENTATION, 3);
        // 2 x 2 pixels, logits per class plane: before classes (0, 1, 2, 0), after (0, 2, 2, 1)
        TaskOutput before = new TaskOutput(seg, 3, 2, 2, new float[] {9, 0, 0, 9, 0, 9, 0, 0, 0, 0, 9, 0});
        TaskOutput after = new TaskOutput(seg, 3, 2, 2, new float[] {9, 0, 0, 0, 0, 0, 0, 9, 0, 9, 9, 0});
        OutputDifference d = OutputDifference.between(before, after);
        assertThat(d.perPixel()).containsExactly(0f, 1f, 0f, 1f);
        assertThat(d.changed()).isEqualTo(2);
        assertThat(d.changedFraction()).isEqualTo(0.5);
    }

    @Test
    void depthIsTheAbsoluteChangeAndNormalsTheAngle() {
        TaskSpec depth = TaskSpec.of("depth", TaskKind.DEPTH, 1);
        OutputDifference d = OutputDifference.between(new TaskOutput(depth, 1, 1, 3, new float[] {1, 2, 3}),
                new TaskOutput(depth, 1, 1, 3, new float[] {1.5f, 2, 1}));
        assertThat(d.perPixel()).containsExactly(0.5f, 0f, 2f);
        assertThat(d.mean()).isCloseTo(2.5 / 3, offset(1e-6));
        assertThat(d.max()).isEqualTo(2.0);
        assertThat(d.changed()).isEqualTo(2);
        TaskSpec normals = TaskSpec.of("normals", TaskKind.NORMALS, 3);
        // pixel 0: (0,0,2) -> (0,1,1): 45 degrees; pixel 1: (1,0,0) -> (3,0,0): 0 (normalised first)
        OutputDifference n = OutputDifference.between(new TaskOutput(normals, 3, 1, 2, new float[] {0, 1, 0, 0, 2, 0}),
                new TaskOutput(normals, 3, 1, 2, new float[] {0, 3, 1, 0, 1, 0}));
        assertThat((double) n.perPixel()[0]).isCloseTo(45, offset(1e-4));
        assertThat((double) n.perPixel()[1]).isCloseTo(0, offset(1e-3));
        assertThat(n.changed()).isEqualTo(1);
        assertThatThrownBy(() -> OutputDifference.between(new TaskOutput(depth, 1, 1, 3, new float[3]), new TaskOutput(depth, 1, 3, 1, new float[3])))
                .hasMessageContaining("cannot compare depth 3x1 with depth 1x3");
    }

    @Test
    void tokensRoutedElsewhereCompareExpertSetsNotTheirOrder() {
        float[][] w = new float[3][2], p = new float[3][4];
        RoutingTrace a = new RoutingTrace("m", "t", 0, 1, 2, 4, 2, List.of(new LayerRouting(1, new int[][] {{0, 1}, {2, 3}, {1, 2}}, w, p)), null);
        RoutingTrace b = new RoutingTrace("m", "t", 0, 1, 2, 4, 2, List.of(new LayerRouting(1, new int[][] {{1, 0}, {2, 0}, {1, 2}}, w, p)), null);
        assertThat(RoutingDelta.tokensRoutedElsewhere(a, b)).containsExactly(1);
    }
}
