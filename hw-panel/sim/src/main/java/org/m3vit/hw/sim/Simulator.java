package org.m3vit.hw.sim;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Entry point of the accelerator simulator: a sequence of inferences (one routing trace
 * each, in order, on one timeline) through a hardware config under a MoE schedule.
 */
public final class Simulator {

    private Simulator() { }

    /**
     * Simulates {@code traces} back to back.
     *
     * @param includeHeads also run each inference's task head (conv-as-linear model)
     */
    public static SimResult run(ModelConfig model, List<RoutingTrace> traces, HardwareConfig hw, Schedule schedule,
                                boolean includeHeads) {
        SimResult result = simulate(model, traces, hw, schedule, includeHeads);
        List<TaskSwitch> switches = new ArrayList<>();
        for (int i = 1; i < traces.size(); i++) {
            RoutingTrace prev = traces.get(i - 1);
            RoutingTrace cur = traces.get(i);
            if (prev.task().equals(cur.task())) continue;
            InferenceSummary switched = simulate(model, List.of(prev, cur), hw, schedule, includeHeads).inferences().get(1);
            InferenceSummary repeated = simulate(model, List.of(prev, prev), hw, schedule, includeHeads).inferences().get(1);
            switches.add(new TaskSwitch(i - 1, i, prev.task(), cur.task(), prev.taskIndex() != cur.taskIndex(),
                    expertChanges(model, prev, cur), switched.intervalCycles(), repeated.intervalCycles(),
                    switched.ddrBytes(), repeated.ddrBytes(), switched.energyMj(), repeated.energyMj()));
        }
        return new SimResult(result.model(), hw, schedule, includeHeads, result.events(), result.buffers(),
                result.onChipTotal(), result.weightsOnChip(), result.inferences(), result.totals(), switches);
    }

    /** One simulation without the task-switch comparison runs. */
    static SimResult simulate(ModelConfig model, List<RoutingTrace> traces, HardwareConfig hw, Schedule schedule,
                              boolean includeHeads) {
        if (traces.isEmpty()) throw new IllegalArgumentException("nothing to simulate: no routing traces");
        for (int i = 0; i < traces.size(); i++) validate(model, traces.get(i), i);
        ProgramBuilder program = new ProgramBuilder(hw, model);
        MoeDataflow moe = MoeDataflow.of(schedule);
        for (int i = 0; i < traces.size(); i++) program.inference(i, traces.get(i), moe, includeHeads);
        List<String> tasks = traces.stream().map(RoutingTrace::task).toList();
        EventEngine.Output out = new EventEngine(hw, tasks, program.buffers, program.ports).run(program.loads, program.computes);
        List<Op> ops = new ArrayList<>(program.loads.size() + program.computes.size());
        ops.addAll(program.loads);
        ops.addAll(program.computes);
        List<InferenceSummary> inferences = summaries(model, traces, hw, ops, out);
        SimTotals totals = totals(hw, ops, inferences, out, capacityWarnings(model, hw));
        return new SimResult(model.name(), hw, schedule, includeHeads, out.events(), out.buffers(), out.total(),
                out.weights(), inferences, totals, List.of());
    }

    private static List<InferenceSummary> summaries(ModelConfig model, List<RoutingTrace> traces, HardwareConfig hw,
                                                    List<Op> ops, EventEngine.Output out) {
        int count = traces.size();
        double[] start = new double[count];
        double[] end = new double[count];
        long[] weightBytes = new long[count];
        long[] actBytes = new long[count];
        long[] macs = new long[count];
        long[] onChipBits = new long[count];
        int[] expertLoads = new int[count];
        java.util.Arrays.fill(start, Double.POSITIVE_INFINITY);
        for (Op op : ops) {
            int i = op.inference;
            start[i] = Math.min(start[i], op.start);
            end[i] = Math.max(end[i], op.end);
            if (op.isLoad()) {
                weightBytes[i] += op.transferBytes;
                if (op.expert >= 0) expertLoads[i]++;
            } else {
                weightBytes[i] += op.streamedWeightBytes;
                actBytes[i] += op.transferBytes - op.streamedWeightBytes;
            }
            macs[i] += op.macs;
            onChipBits[i] += op.onChipBits;
        }
        List<InferenceSummary> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double interval = end[i] - (i == 0 ? 0 : end[i - 1]);
            EnergyBreakdown energy = new EnergyBreakdown(
                    (weightBytes[i] + actBytes[i]) * 8.0 * hw.dramEnergyPjPerBit().value() * 1e-9,
                    onChipBits[i] * hw.sramEnergyPjPerBit().value() * 1e-9,
                    macs[i] * hw.macEnergyPj().value() * 1e-9,
                    hw.staticPowerW().value() * hw.cyclesToMs(interval));
            RoutingTrace t = traces.get(i);
            Map<Integer, Integer> active = new LinkedHashMap<>();
            for (int b : model.moeBlocks()) {
                active.put(b, (int) IntStream.of(t.layerForBlock(b).tokensPerExpert()).filter(c -> c > 0).count());
            }
            list.add(new InferenceSummary(i, t.task(), t.taskIndex(), start[i], end[i], end[i] - start[i], interval,
                    hw.cyclesToMs(end[i] - start[i]), hw.cyclesToMs(interval), weightBytes[i], actBytes[i],
                    out.total().peakBetween(start[i], end[i]), out.weights().peakBetween(start[i], end[i]), macs[i],
                    expertLoads[i], active, energy));
        }
        return list;
    }

    private static SimTotals totals(HardwareConfig hw, List<Op> ops, List<InferenceSummary> inferences,
                                    EventEngine.Output out, List<String> warnings) {
        double cycles = 0;
        double serial = 0;
        double compute = 0;
        long weightBytes = 0;
        long actBytes = 0;
        for (Op op : ops) {
            cycles = Math.max(cycles, op.end);
            serial += op.end - op.start;
            compute += switch (op.lane) {
                case LINEAR -> (double) op.macs / hw.linearMacsPerCycle();
                case ATTENTION -> (double) op.macs / hw.attentionMacsPerCycle();
                case GATING -> (double) op.macs / hw.gatingMacsPerCycle();
                case VECTOR -> op.computeCycles;
                default -> 0;
            };
        }
        EnergyBreakdown energy = EnergyBreakdown.ZERO;
        long macs = 0;
        for (InferenceSummary s : inferences) {
            weightBytes += s.ddrWeightBytes();
            actBytes += s.ddrActivationBytes();
            energy = energy.plus(s.energy());
            macs += s.macs();
        }
        double ddr = hw.ddrBytesPerCycle();
        double weightPort = hw.modelsTheBoard()
                ? hw.asBuilt().bundleBytesPerCycle(BoardBundles.WEIGHTS, hw.axiWidthBits()) : hw.weightPortBytesPerCycle();
        double bandwidth = Math.max((weightBytes + actBytes) / ddr, weightBytes / Math.min(ddr, weightPort));
        long peak = out.total().peak();
        return new SimTotals(cycles, hw.cyclesToMs(cycles), weightBytes, actBytes, peak, out.weights().peak(), macs,
                energy, compute, bandwidth, serial, hw.onChipBudgetBytes(), peak <= hw.onChipBudgetBytes(), warnings);
    }

    /** Where the model needs larger static gating buffers than the hardware was built with. */
    static List<String> capacityWarnings(ModelConfig model, HardwareConfig hw) {
        List<String> list = new ArrayList<>();
        if (model.moeBlocks().isEmpty()) return list;
        if (model.numExperts() > hw.gateRows() || model.embedDim() > hw.gateCols()) {
            list.add("gate buffer built for " + hw.gateRows() + " x " + hw.gateCols() + ", the model needs "
                    + model.numExperts() + " x " + model.embedDim());
        }
        if (model.numExperts() > hw.queueExperts() || model.numTokens() > hw.queueTokens()) {
            list.add("expert queues built for " + hw.queueExperts() + " experts x " + hw.queueTokens() + " tokens, the model needs "
                    + model.numExperts() + " x " + model.numTokens());
        }
        return list;
    }

    /** Checks a trace against the model; the message names the trace's position and the problem. */
    static void validate(ModelConfig model, RoutingTrace t, int position) {
        String where = "routing trace " + position + " (task '" + t.task() + "', model '" + t.model() + "')";
        List<String> problems = new ArrayList<>();
        try {
            int idx = model.taskIndex(t.task());
            if (idx != t.taskIndex()) problems.add("task index " + t.taskIndex() + " but the model numbers '" + t.task() + "' " + idx);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (t.numExperts() != model.numExperts()) problems.add(t.numExperts() + " experts, the model has " + model.numExperts());
        if (t.topK() != model.topK()) problems.add("top-" + t.topK() + ", the model uses top-" + model.topK());
        if (t.gridHeight() != model.gridHeight() || t.gridWidth() != model.gridWidth()) {
            problems.add("patch grid " + t.gridHeight() + "x" + t.gridWidth() + ", the model has " + model.gridHeight() + "x" + model.gridWidth());
        }
        for (int b : model.moeBlocks()) {
            LayerRouting l;
            try {
                l = t.layerForBlock(b);
            } catch (IllegalArgumentException e) {
                problems.add("no routing for MoE block " + b);
                continue;
            }
            if (l.numTokens() != model.numTokens()) problems.add("block " + b + " routes " + l.numTokens() + " tokens, expected " + model.numTokens());
            for (int[] row : l.experts()) {
                if (row.length != model.topK()) { problems.add("block " + b + " has a token with " + row.length + " experts"); break; }
                boolean bad = false;
                for (int e : row) if (e < 0 || e >= model.numExperts()) bad = true;
                if (bad) { problems.add("block " + b + " has an expert id outside 0.." + (model.numExperts() - 1)); break; }
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(where + " does not fit model '" + model.name() + "': " + String.join("; ", problems));
    }

    private static List<ExpertSetChange> expertChanges(ModelConfig model, RoutingTrace prev, RoutingTrace cur) {
        List<ExpertSetChange> list = new ArrayList<>();
        for (int b : model.moeBlocks()) {
            int[] before = activeSet(prev.layerForBlock(b));
            int[] after = activeSet(cur.layerForBlock(b));
            int added = (int) IntStream.of(after).filter(e -> IntStream.of(before).noneMatch(x -> x == e)).count();
            int removed = (int) IntStream.of(before).filter(e -> IntStream.of(after).noneMatch(x -> x == e)).count();
            list.add(new ExpertSetChange(b, before, after, added, removed));
        }
        return list;
    }

    private static int[] activeSet(LayerRouting l) {
        int[] counts = l.tokensPerExpert();
        return IntStream.range(0, counts.length).filter(e -> counts[e] > 0).toArray();
    }
}
