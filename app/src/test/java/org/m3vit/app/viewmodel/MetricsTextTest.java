package org.m3vit.app.viewmodel;

import org.junit.jupiter.api.Test;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.output.GroundTruth;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics line under an output, against hand-computed values. */
class MetricsTextTest {

    @Test
    void segmentationCountsRightPixelsAndIoU() {
        // 2 classes, 4 pixels: predicted 0,0,1,1 (logit 1 on the class), truth 0,1,1,1
        float[] logits = {1, 1, 0, 0, 0, 0, 1, 1};
        TaskOutput out = new TaskOutput(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 2), 2, 2, 2, logits);
        GroundTruth gt = new GroundTruth(2, 2, new int[] {0, 1, 1, 1}, null, null);
        // accuracy 3/4; IoU class 0 = 1/2, class 1 = 2/3, mean 0.583
        assertThat(MetricsText.of(out, gt)).isEqualTo("This image: pixel accuracy 75.0%, mean IoU 0.583 over the 2 classes present.");
    }

    @Test
    void depthGivesRmseOverValidPixelsAndNothingWithoutTruth() {
        TaskOutput out = new TaskOutput(TaskSpec.of("depth", TaskKind.DEPTH, 1), 1, 1, 3, new float[] {1, 2, 5});
        GroundTruth gt = new GroundTruth(3, 1, null, new float[] {1, 4, 0}, null); // third pixel has no depth
        // errors 0 and -2: RMSE sqrt(2) = 1.414; abs rel (0 + 0.5) / 2 = 0.25; δ: 1/1 yes, 4/2 = 2 no -> 50 %
        assertThat(MetricsText.of(out, gt)).isEqualTo("This image: RMSE 1.414 m, abs rel 0.250, δ<1.25 50.0% (2 pixels with depth).");
        assertThat(MetricsText.of(out, new GroundTruth(3, 1, new int[3], null, null))).isNull();
        assertThat(MetricsText.of(out, null)).isNull();
    }
}
