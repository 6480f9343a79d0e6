package org.m3vit.hw.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {

    @Test
    void sweepShowsConstantWeightMemoryForReorderedAndGrowingForResident() {
        List<Integer> es = List.of(4, 8, 32);
        List<Integer> ks = List.of(1, 2, 8);
        List<Sweep.Point> reordered = Sweep.run(SimTestSupport.TINY, SimTestSupport.ZCU102, Schedule.REORDERED, es, ks,
                SyntheticRouting.Kind.UNIFORM, 1, List.of("semseg"), false);
        assertThat(reordered).hasSize(8); // (4,8) is skipped: k > E
        assertThat(reordered.stream().map(Sweep.Point::peakWeightBytes).distinct()).hasSize(1);
        List<Sweep.Point> resident = Sweep.run(SimTestSupport.TINY, SimTestSupport.ZCU102, Schedule.NAIVE_RESIDENT, es,
                List.of(2), SyntheticRouting.Kind.UNIFORM, 1, List.of("semseg"), false);
        assertThat(resident.get(0).peakWeightBytes()).isLessThan(resident.get(1).peakWeightBytes());
        assertThat(resident.get(1).peakWeightBytes()).isLessThan(resident.get(2).peakWeightBytes());
        assertThat(resident.get(2).fitsOnChip()).isFalse();
    }
}
