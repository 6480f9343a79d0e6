package org.m3vit.app.cli;

import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwareJson;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.LatencyBreakdown;
import org.m3vit.hw.sim.InferenceSummary;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimExport;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.SimTotals;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.hw.sim.SyntheticRouting;
import org.m3vit.hw.sim.TaskSwitch;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Models;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.OutputTargets;
import org.m3vit.model.image.PreparedImage;
import org.m3vit.model.image.Preprocess;
import org.m3vit.model.io.RoutingTraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code m3vit simulate}: runs the accelerator simulator on a task sequence and writes JSON, CSV and Chrome-trace files. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate the M3ViT / Edge-MoE FPGA accelerator on a sequence of inferences (task switches on one timeline).")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "edge-moe-zcu102",
            description = "Hardware preset (edge-moe-zcu102 = the board as built, edge-moe-zcu102-ideal, m3vit-zcu104, "
                    + "m3vit-zcu104-ideal) or hardware JSON file (default: ${DEFAULT-VALUE}).")
    String hardware;

    @Option(names = "--schedule", defaultValue = "reordered",
            description = "MoE schedule: naive-resident, naive-refetch, reordered (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--model", description = "Model preset or directory (config.json [+ weights]). Default: m3vit-t-cityscapes.")
    String model;

    @Option(names = "--input", description = "Image to run through the network (needs --model); its real routing drives the simulation.")
    Path input;

    @Option(names = "--routing-json", split = ",",
            description = "Routing trace files (m3vit-routing-trace JSON, as written by `m3vit infer`), simulated in this order.")
    List<Path> routingJson;

    @Option(names = "--tasks", split = ",", description = "Task sequence, e.g. semseg,depth,semseg (default: the model's first task).")
    List<String> tasks;

    @Option(names = "--routing", defaultValue = "uniform", description = "Synthetic routing: uniform, skewed, disjoint (default: ${DEFAULT-VALUE}).")
    String routing;

    @Option(names = "--experts", description = "Number of experts E (synthetic routing; overrides the model's).")
    Integer experts;

    @Option(names = "--top-k", description = "Experts per token k (synthetic routing; overrides the model's).")
    Integer topK;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic routing (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--heads", description = "Also simulate each inference's task head (conv-as-linear model).")
    boolean heads;

    @Option(names = "--json", description = "Write the summary JSON here.")
    Path json;

    @Option(names = "--csv", description = "Write one CSV row per event here.")
    Path csv;

    @Option(names = "--trace", description = "Write a Chrome trace event file here (open in ui.perfetto.dev or chrome://tracing).")
    Path trace;

    @Option(names = "--breakdown",
            description = "Add a latency breakdown ({op, layer, cycles, ms} rows summing to latencyMs) to the JSON and print it per operation class.")
    boolean breakdown;

    @Option(names = "--bandwidth-bins", defaultValue = "400", description = "Bins of the DDR bandwidth counter in the trace (default: ${DEFAULT-VALUE}).")
    int bins;

    @Override
    public Integer call() throws Exception {
        if (experts != null) Limits.range("--experts", experts, 1, Limits.EXPERTS);
        if (topK != null) Limits.range("--top-k", topK, 1, experts != null ? experts : Limits.EXPERTS);
        Limits.range("--bandwidth-bins", bins, 1, Limits.BINS);
        if (tasks != null) Limits.range("number of --tasks", tasks.size(), 1, Limits.SEQUENCE);
        if (routingJson != null) Limits.range("number of --routing-json files", routingJson.size(), 1, Limits.SEQUENCE);
        if (json != null) json = OutputTargets.file("--json", json);
        if (csv != null) csv = OutputTargets.file("--csv", csv);
        if (trace != null) trace = OutputTargets.file("--trace", trace);
        HardwareConfig hw = HardwareJson.resolve(hardware);
        Schedule s = Schedule.fromName(schedule);
        Inputs in = inputs();
        requireMemoryFor(in, hw, s);
        SimResult r = Simulator.run(in.config(), in.traces(), hw, s, heads);
        print(System.out, r, in.source());
        if (breakdown) printBreakdown(System.out, r);
        if (json != null) SimExport.writeJson(r, json, breakdown);
        if (csv != null) SimExport.writeCsv(r, csv);
        if (trace != null) SimExport.writeChromeTrace(r, trace, bins);
        return 0;
    }

    private record Inputs(ModelConfig config, List<RoutingTrace> traces, String source) { }

    /** Bytes one simulated event costs with everything the result keeps for it (measured about 0.8 kB; rounded up). */
    private static final double BYTES_PER_EVENT = 1000;

    /**
     * The result keeps every event of every inference: a long sequence is refused before it runs when the
     * events of its first inference, times the length, would not fit in memory.
     */
    private void requireMemoryFor(Inputs in, HardwareConfig hw, Schedule s) {
        int n = in.traces().size();
        if (n < 2) return;
        long events = Simulator.run(in.config(), in.traces().subList(0, 1), hw, s, heads).events().size();
        Limits.memory("simulating " + n + " inferences of about " + events + " events each (every event is kept)",
                BYTES_PER_EVENT * events * n);
    }

    private Inputs inputs() throws Exception {
        if (input != null) {
            if (routingJson != null) throw new IllegalArgumentException("--input and --routing-json exclude each other");
            if (model == null) throw new IllegalArgumentException("--input needs --model (a model directory or preset)");
            if (experts != null || topK != null) throw new IllegalArgumentException("--experts/--top-k apply to synthetic routing only; a network routes with its own E and k");
            try (M3ViTModel m = Models.open(model, Models.DEFAULT_SEED)) {
                ModelConfig config = m.config();
                List<String> sequence = taskSequence(config);
                PreparedImage image = Preprocess.prepare(input, config);
                InferenceResult result = m.infer(image.chw(), List.copyOf(new LinkedHashSet<>(sequence)));
                List<RoutingTrace> traces = new ArrayList<>();
                for (String t : sequence) traces.add(result.trace(t));
                return new Inputs(config, traces, "routing of " + input + " through " + config.name() + " (" + m.provenance() + ")");
            }
        }
        if (routingJson != null) {
            if (tasks != null) throw new IllegalArgumentException("--tasks does not apply to --routing-json: the files give the sequence");
            List<RoutingTrace> traces = new ArrayList<>();
            for (Path p : routingJson) traces.add(RoutingTraceJson.read(p));
            String name = model != null ? model : traces.get(0).model();
            if (model == null && !Presets.exists(name)) {
                throw new IllegalArgumentException(routingJson.get(0) + ": model '" + name + "' is not a preset; pass --model <dir|preset>");
            }
            return new Inputs(withExpertOverrides(ConfigJson.resolve(name)), traces, "routing from " + routingJson);
        }
        ModelConfig config = withExpertOverrides(ConfigJson.resolve(model == null ? "m3vit-t-cityscapes" : model));
        SyntheticRouting.Kind kind = SyntheticRouting.Kind.fromName(routing);
        return new Inputs(config, SyntheticRouting.sequence(config, taskSequence(config), kind, seed),
                "synthetic " + kind.name().toLowerCase(Locale.ROOT) + " routing, seed " + seed);
    }

    /** The config with --experts / --top-k applied. */
    private ModelConfig withExpertOverrides(ModelConfig config) {
        if (experts == null && topK == null) return config;
        return config.withExperts(experts == null ? config.numExperts() : experts, topK == null ? config.topK() : topK);
    }

    private List<String> taskSequence(ModelConfig config) {
        List<String> list = tasks == null || tasks.isEmpty() ? List.of(config.tasks().get(0).name()) : tasks;
        for (String t : list) config.taskIndex(t);
        return list;
    }

    /** Prints the whole sequence's latency per operation class (summed over layers), largest first. */
    static void printBreakdown(PrintStream out, SimResult r) {
        Map<String, Double> byClass = LatencyBreakdown.msByOpClass(LatencyBreakdown.ofAll(r));
        double total = r.totals().ms();
        out.println("| op (all layers) | ms | share |");
        out.println("|---|---|---|");
        byClass.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(en -> out.printf(Locale.ROOT, "| %s | %.3f | %.1f%% |%n", en.getKey(), en.getValue(), 100 * en.getValue() / total));
        out.printf(Locale.ROOT, "| sum | %.3f | of %.3f ms |%n", LatencyBreakdown.totalMs(LatencyBreakdown.ofAll(r)), total);
    }

    /** Prints the per-inference table, totals and task switches. */
    static void print(PrintStream out, SimResult r, String source) {
        HardwareConfig hw = r.hardware();
        out.printf(Locale.ROOT, "%s on %s, schedule %s%s; %s%n", r.model(), hw.name(), r.schedule().cliName(),
                r.includeHeads() ? ", with task heads" : "", source);
        if (hw.modelsTheBoard() && HardwarePresets.exists(hw.name() + "-ideal")) {
            out.println("note: " + hw.name() + " models the board as built (PS port widths, its DDR, steps in sequence); "
                    + "the idealised model is " + hw.name() + "-ideal");
        }
        out.println("| # | task | latency ms | interval ms | FPS | DDR MB (weights / activations) | peak on-chip KiB (weights) | energy mJ (DDR / on-chip / MAC / static) |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (InferenceSummary s : r.inferences()) {
            out.printf(Locale.ROOT, "| %d | %s | %.3f | %.3f | %.1f | %.2f (%.2f / %.2f) | %.1f (%.1f) | %.2f (%.2f / %.2f / %.2f / %.2f) |%n",
                    s.index(), s.task(), s.latencyMs(), s.intervalMs(), s.fps(), s.ddrBytes() / 1e6, s.ddrWeightBytes() / 1e6,
                    s.ddrActivationBytes() / 1e6, s.peakOnChipBytes() / 1024.0, s.peakWeightBytes() / 1024.0, s.energyMj(),
                    s.energy().ddrMj(), s.energy().onChipMj(), s.energy().macMj(), s.energy().staticMj());
        }
        SimTotals t = r.totals();
        out.printf(Locale.ROOT, "total: %.3f ms (%.0f cycles; roofline bound %.0f, serial sum %.0f), DDR %.2f MB, peak on-chip %.1f KiB of %.1f KiB (%s), energy %.2f mJ, %d events%n",
                t.ms(), t.cycles(), t.rooflineLowerBoundCycles(), t.serialUpperBoundCycles(), t.ddrBytes() / 1e6,
                t.peakOnChipBytes() / 1024.0, t.onChipBudgetBytes() / 1024.0, t.fitsOnChip() ? "fits" : "DOES NOT FIT",
                t.energyMj(), r.events().size());
        for (String w : t.capacityWarnings()) out.println("note: " + w + " (simulated as if the design were rebuilt with larger arrays)");
        for (TaskSwitch ts : r.taskSwitches()) {
            int added = ts.experts().stream().mapToInt(c -> c.added()).sum();
            int removed = ts.experts().stream().mapToInt(c -> c.removed()).sum();
            out.printf(Locale.ROOT, "switch %d->%d %s->%s: gate %s, experts +%d/-%d over %d MoE blocks; %.3f ms vs %.3f ms repeating %s (%+.3f ms)%n",
                    ts.fromInference(), ts.toInference(), ts.fromTask(), ts.toTask(), ts.gateChanged() ? "changed" : "same",
                    added, removed, ts.experts().size(), hw.cyclesToMs(ts.switchCycles()), hw.cyclesToMs(ts.repeatCycles()),
                    ts.fromTask(), Math.abs(ts.extraCycles()) < 0.5 ? 0.0 : hw.cyclesToMs(ts.extraCycles()));
        }
    }
}
