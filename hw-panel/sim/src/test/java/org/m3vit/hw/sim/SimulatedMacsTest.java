package org.m3vit.hw.sim;

import org.junit.jupiter.api.Test;
import org.m3vit.model.LayerMacs;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's programme does the network's work: per layer, the multiply-accumulates of its
 * events equal the MACs the network executed for the same routing ({@code MacCounter}, the rows
 * of the trace), for every schedule, both boards, with the heads.
 */
class SimulatedMacsTest {

    @Test
    void everyLayerOfTheProgrammeExecutesTheNetworksMacs() {
        for (ModelConfig m : List.of(Presets.get("m3vit-synth"), Presets.get("m3vit-t-cityscapes"))) {
            RoutingTrace trace = SyntheticRouting.sequence(m, List.of(m.tasks().get(1).name()), SyntheticRouting.Kind.SKEWED, 3).get(0);
            Map<String, Long> executed = executedByLayer(trace);
            for (HardwareConfig hw : SimTestSupport.BOTH) {
                for (Schedule s : Schedule.values()) {
                    SimResult r = Simulator.run(m, List.of(trace), hw, s, true);
                    Map<String, Long> simulated = new TreeMap<>();
                    for (SimEvent e : r.events()) if (e.macs() > 0) simulated.merge(e.layer(), e.macs(), Long::sum);
                    assertThat(simulated).as("%s on %s, %s", m.name(), hw.name(), s).isEqualTo(executed);
                }
            }
        }
    }

    /** The trace's MAC rows regrouped by the simulator's layer names: "embed", "block b", "head <task>". */
    private static Map<String, Long> executedByLayer(RoutingTrace trace) {
        Map<String, Long> out = new TreeMap<>();
        for (LayerMacs row : trace.macs().layers()) {
            if (row.executed() == 0) continue;
            String n = row.layer();
            String layer = n.equals("patch_embed") ? "embed"
                    : n.startsWith("blocks.") ? "block " + n.split("\\.")[1]
                    : "head " + n.substring("decoders.".length());
            out.merge(layer, row.executed(), Long::sum);
        }
        return out;
    }
}
