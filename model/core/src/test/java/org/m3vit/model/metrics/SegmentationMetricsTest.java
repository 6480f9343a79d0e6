package org.m3vit.model.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmentationMetricsTest {

    @Test
    void handComputedConfusionAccuracyAndMeanIoU() {
        // gt   0 0 1 1 2 255(ignored)
        // pred 0 1 1 1 0 2
        // confusion (gt, pred): (0,0)=1 (0,1)=1 (1,1)=2 (2,0)=1; accuracy 3/5
        // IoU0 = 1/(2+2-1) = 1/3, IoU1 = 2/(2+3-2) = 2/3, IoU2 = 0/(1+0-0) = 0, class 3 absent -> not counted
        SegmentationMetrics m = new SegmentationMetrics(4, 255);
        m.add(new int[] {0, 1, 1, 1, 0, 2}, new int[] {0, 0, 1, 1, 2, 255});
        assertThat(m.count(0, 0)).isEqualTo(1);
        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.count(1, 1)).isEqualTo(2);
        assertThat(m.count(2, 0)).isEqualTo(1);
        assertThat(m.pixels()).isEqualTo(5);
        assertThat(m.pixelAccuracy()).isEqualTo(0.6, within(1e-12));
        double[] iou = m.classIoU();
        assertThat(iou[0]).isEqualTo(1.0 / 3, within(1e-12));
        assertThat(iou[1]).isEqualTo(2.0 / 3, within(1e-12));
        assertThat(iou[2]).isEqualTo(0.0);
        assertThat(iou[3]).isNaN();
        assertThat(m.classesPresent()).isEqualTo(3);
        assertThat(m.meanIoU()).isEqualTo(1.0 / 3, within(1e-12));
    }

    @Test
    void classOnlyPredictedCountsWithIoUZeroAndImagesAccumulate() {
        SegmentationMetrics m = new SegmentationMetrics(3, SegmentationMetrics.NO_IGNORE);
        m.add(new int[] {0, 0}, new int[] {0, 0});
        m.add(new int[] {2, 0}, new int[] {0, 0});
        // class 0: TP 3, gt 4, pred 3 -> 3/4; class 2: TP 0, pred 1 -> 0; class 1 absent
        assertThat(m.classIoU()[0]).isEqualTo(0.75, within(1e-12));
        assertThat(m.meanIoU()).isEqualTo(0.375, within(1e-12));
        assertThat(m.pixelAccuracy()).isEqualTo(0.75, within(1e-12));
    }

    @Test
    void labelsOutsideTheRangeAreErrors() {
        SegmentationMetrics m = new SegmentationMetrics(3, 255);
        assertThatThrownBy(() -> m.add(new int[] {0}, new int[] {7})).hasMessageContaining("ground-truth label 7");
        assertThatThrownBy(() -> m.add(new int[] {3}, new int[] {0})).hasMessageContaining("predicted label 3");
        assertThatThrownBy(() -> m.add(new int[] {0, 1}, new int[] {0})).hasMessageContaining("2 predicted labels for 1");
    }

    @Test
    void addedCountsEqualAddingTheImagesAgain() {
        SegmentationMetrics scene = new SegmentationMetrics(3, SegmentationMetrics.NO_IGNORE);
        scene.add(new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 1});
        SegmentationMetrics direct = new SegmentationMetrics(3, SegmentationMetrics.NO_IGNORE);
        SegmentationMetrics counted = new SegmentationMetrics(3, SegmentationMetrics.NO_IGNORE);
        for (int k = 0; k < 3; k++) direct.add(new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 1});
        counted.addCounts(scene, 1);
        counted.addCounts(scene, 2);
        for (int t = 0; t < 3; t++) for (int p = 0; p < 3; p++) assertThat(counted.count(t, p)).isEqualTo(direct.count(t, p));
        assertThat(counted.pixels()).isEqualTo(12);
        assertThatThrownBy(() -> counted.addCounts(new SegmentationMetrics(4, 0), 1)).hasMessageContaining("classes");
    }
}
