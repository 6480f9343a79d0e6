package org.m3vit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadPlanTest {

    @Test
    void theBundledHeadsLayersAndMacsByHand() {
        ModelConfig c = Presets.get("m3vit-synth");   // 128 x 160, patch 16 -> 8 x 10 grid, D 128
        TaskSpec semseg = c.task("semseg");
        HeadPlan p = HeadPlan.of(c, semseg);
        assertThat(p.steps()).extracting(HeadPlan.Step::kind).containsExactly(HeadPlan.Kind.NORM,
                HeadPlan.Kind.CONV, HeadPlan.Kind.UPSAMPLE, HeadPlan.Kind.CONV, HeadPlan.Kind.UPSAMPLE, HeadPlan.Kind.CONV,
                HeadPlan.Kind.UPSAMPLE, HeadPlan.Kind.CONV, HeadPlan.Kind.CONV, HeadPlan.Kind.UPSAMPLE);
        long ch = c.headChannels(), d = c.embedDim(), out = semseg.channels();
        // conv0 3x3 D -> C on 8x10, conv1..3 3x3 C -> C on 16x20, 32x40, 64x80, conv4 1x1 C -> classes on 64x80
        long want = 80 * 9 * d * ch + (320 + 1280 + 5120) * 9 * ch * ch + 5120 * ch * out;
        assertThat(p.macs()).isEqualTo(want);
        assertThat(MacCounter.headMacs(c, semseg)).isEqualTo(want);
        assertThat(p.outputHeight()).isEqualTo(128);
        assertThat(p.outputWidth()).isEqualTo(160);
        assertThat(p.convs()).extracting(HeadPlan.Step::normAndRelu).containsExactly(true, true, true, true, false);
    }
}
