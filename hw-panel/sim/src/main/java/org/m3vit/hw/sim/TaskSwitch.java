package org.m3vit.hw.sim;

import java.util.List;

/**
 * One task switch in a simulated sequence: what changed (the gate matrices loaded, the active
 * experts per MoE block) and what the inference after the switch cost compared with repeating
 * the previous task instead (same timeline position, previous routing). The difference comes
 * from the routing only: the dataflow is the same either way.
 *
 * @param switchCycles  interval of the inference after the switch
 * @param repeatCycles  interval of the same position when the previous task repeats
 */
public record TaskSwitch(
        int fromInference,
        int toInference,
        String fromTask,
        String toTask,
        boolean gateChanged,
        List<ExpertSetChange> experts,
        double switchCycles,
        double repeatCycles,
        long switchDdrBytes,
        long repeatDdrBytes,
        double switchEnergyMj,
        double repeatEnergyMj) {

    /** Extra cycles of switching over repeating (negative when the new task is cheaper). */
    public double extraCycles() { return switchCycles - repeatCycles; }
}
