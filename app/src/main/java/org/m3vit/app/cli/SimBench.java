package org.m3vit.app.cli;

import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwareJson;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.hw.sim.SyntheticRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.guard.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code m3vit bench sim}: wall time of the simulator itself, per model and schedule. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Wall time of the accelerator simulator: one m3vit-t-cityscapes and one m3vit-s-nyud inference per schedule.")
final class SimBench implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "edge-moe-zcu102", description = "Hardware preset or JSON file (default: ${DEFAULT-VALUE}).")
    String hardware;

    @Option(names = "--runs", defaultValue = "10", description = "Timed runs per case, after 3 warm-up runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        Limits.range("--runs", runs, 1, Limits.RUNS);
        HardwareConfig hw = HardwareJson.resolve(hardware);
        System.out.printf(Locale.ROOT, "simulator wall time on %s, synthetic uniform routing seed 1, median of %d runs after 3 warm-up runs, %d cores%n",
                hw.name(), runs, Runtime.getRuntime().availableProcessors());
        System.out.println("| model (tokens) | schedule | events | median ms | min ms | events per s | simulated latency ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : List.of("m3vit-t-cityscapes", "m3vit-s-nyud")) {
            ModelConfig m = Presets.get(name);
            List<RoutingTrace> traces = SyntheticRouting.sequence(m, List.of(m.tasks().get(0).name()), SyntheticRouting.Kind.UNIFORM, 1);
            for (Schedule s : Schedule.values()) {
                SimResult r = null;
                for (int i = 0; i < 3; i++) r = Simulator.run(m, traces, hw, s, false);
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    r = Simulator.run(m, traces, hw, s, false);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                double median = ms[runs / 2];
                System.out.printf(Locale.ROOT, "| %s (%d) | %s | %d | %.1f | %.1f | %.0f | %.2f |%n", name, m.numTokens(), s.cliName(),
                        r.events().size(), median, ms[0], r.events().size() / (median / 1e3), r.inferences().get(0).latencyMs());
            }
        }
        return 0;
    }
}
