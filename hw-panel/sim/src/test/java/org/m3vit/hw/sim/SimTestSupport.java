package org.m3vit.hw.sim;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;

import java.util.List;

/** Shared fixtures of the simulator tests. */
final class SimTestSupport {

    static final HardwareConfig ZCU102 = HardwarePresets.get("edge-moe-zcu102-ideal");
    static final HardwareConfig BOARD = HardwarePresets.get("edge-moe-zcu102");
    static final ModelConfig TINY = Presets.get("m3vit-t-cityscapes");

    private SimTestSupport() { }

    /** M3ViT-T with another input size (so another token count). */
    static ModelConfig withImage(ModelConfig m, int h, int w) {
        return new ModelConfig(m.name() + "-" + h + "x" + w, h, w, m.patchSize(), m.embedDim(), m.depth(), m.numHeads(),
                m.mlpHidden(), m.moeBlocks(), m.numExperts(), m.topK(), m.expertHidden(), m.headChannels(), m.tasks(),
                m.description());
    }

    /** Both ZCU102 presets: the idealised model and the board as built. */
    static final List<HardwareConfig> BOTH = List.of(ZCU102, BOARD);

    static SimResult run(ModelConfig m, Schedule s, SyntheticRouting.Kind kind, String... tasks) {
        return run(ZCU102, m, s, kind, tasks);
    }

    static SimResult run(HardwareConfig hw, ModelConfig m, Schedule s, SyntheticRouting.Kind kind, String... tasks) {
        List<RoutingTrace> traces = SyntheticRouting.sequence(m, List.of(tasks), kind, 7);
        return Simulator.run(m, traces, hw, s, false);
    }

    /** Bytes of one expert: FC1 (Dh x D + Dh bias) and FC2 (D x Dh + D bias), 16-bit. */
    static long expertBytes(ModelConfig m) {
        long d = m.embedDim();
        long dh = m.expertHidden();
        return (dh * d + dh) * 2 + (d * dh + d) * 2;
    }
}
