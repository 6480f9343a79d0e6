package org.m3vit.app.cli;

import org.m3vit.app.service.StartupTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code m3vit bench start}: launches the window ({@code ${m3vit.home}/m3vit --debug --exit-after-start},
 * the launcher a person runs) several times per set of JVM options, interleaved, each with fresh
 * settings (bundled model, first sample), and reports per milestone the median, min and max time from
 * the launch, and the JVM's own start after the launch.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Time from launching the window to its milestones (window laid out, model ready, first output on screen),"
                + " interleaved over sets of JVM options (needs a display: xvfb-run -a).")
final class StartBench implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5",
            description = "Timed launches per arm, after one untimed launch each (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--arm", description = "A set of options to compare, as NAME: [VAR=value ...] [JVM options], e.g."
            + " \"no-cds: M3VIT_CDS=off\" or \"c1: -XX:TieredStopAtLevel=1\": VAR=value words are environment variables of the"
            + " launcher, the rest replace its JVM options (M3VIT_JAVA_OPTS). Repeatable; default: the launcher as it is.")
    List<String> arms = new ArrayList<>();

    @Option(names = "--json", description = "Also write the figures as JSON: per arm and milestone the ms from launch of every run.")
    Path json;

    /** One arm: its name, the launcher's environment additions. */
    record Arm(String name, Map<String, String> env) {

        /** Parses "NAME: VAR=value -XX:opt ..." (see {@code --arm}). */
        static Arm parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("--arm \"" + text + "\": expected NAME: [VAR=value ...] [JVM options]");
            Map<String, String> env = new LinkedHashMap<>();
            List<String> jvm = new ArrayList<>();
            for (String w : text.substring(colon + 1).trim().split("\\s+")) {
                if (w.isEmpty()) continue;
                if (w.matches("[A-Z][A-Z0-9_]*=.*")) env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
                else jvm.add(w);
            }
            if (!jvm.isEmpty()) env.put("M3VIT_JAVA_OPTS", String.join(" ", jvm));
            return new Arm(text.substring(0, colon).trim(), env);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 100) throw new IllegalArgumentException("--runs must be in 1 .. 100, was " + runs);
        Path home = Path.of(System.getProperty("m3vit.home", "."));
        Path launcher = home.resolve("m3vit");
        if (!Files.isExecutable(launcher)) throw new IllegalArgumentException(launcher + ": not an executable launcher (set m3vit.home)");
        List<Arm> list = new ArrayList<>();
        for (String a : arms) list.add(Arm.parse(a));
        if (list.isEmpty()) list.add(new Arm("launcher", Map.of()));
        String loadBefore = BenchCommand.loadAverage();
        Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
        for (Arm a : list) {
            figures.put(a.name(), new LinkedHashMap<>());
            launch(launcher, a); // untimed: file caches warm, a class-data archive made where the launcher makes one
        }
        for (int r = 0; r < runs; r++) {
            for (Arm a : list) {
                Map<String, Double> got = launch(launcher, a);
                got.forEach((k, v) -> figures.get(a.name()).computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        System.out.printf(Locale.ROOT, "%d launches per arm, interleaved, after one untimed each; %d cores, load average %s before,"
                + " %s after%n", runs, Runtime.getRuntime().availableProcessors(), loadBefore, BenchCommand.loadAverage());
        System.out.println("ms from launch: median (min-max); \"jvm\" is when the JVM started (the launcher script and the JVM's exec)");
        for (Map.Entry<String, Map<String, List<Double>>> e : figures.entrySet()) {
            StringBuilder line = new StringBuilder(e.getKey() + ":");
            e.getValue().forEach((k, v) -> line.append("  ").append(k).append(' ').append(cell(v)));
            System.out.println(line);
        }
        if (json != null) writeJson(figures, loadBefore);
        return 0;
    }

    /** Runs the launcher once for {@code arm} and returns its milestones in ms after the launch. */
    private static Map<String, Double> launch(Path launcher, Arm arm) throws IOException, InterruptedException {
        Path settings = Files.createTempFile("m3vit-start", ".json");
        Files.delete(settings); // no file: the defaults (bundled model, first sample)
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--debug", "--exit-after-start");
        pb.environment().putAll(arm.env());
        String extra = pb.environment().getOrDefault("M3VIT_EXTRA_OPTS", "");
        pb.environment().put("M3VIT_EXTRA_OPTS", (extra + " -Dm3vit.settings=" + settings).trim());
        pb.redirectErrorStream(true);
        long spawned = System.currentTimeMillis();
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) out.add(l);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
        Files.deleteIfExists(settings);
        StartupTimes.Report report = null;
        for (String l : out) {
            StartupTimes.Report r = StartupTimes.parse(l);
            if (r != null) report = r;
        }
        if (report == null) {
            throw new IllegalStateException("arm " + arm.name() + ": the window printed no start line (exit " + p.exitValue() + "):\n"
                    + String.join("\n", out.subList(Math.max(0, out.size() - 20), out.size())));
        }
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("jvm", (double) (report.jvmStartEpochMs() - spawned));
        for (Map.Entry<String, Long> m : report.marks().entrySet()) {
            ms.put(m.getKey(), (double) (report.jvmStartEpochMs() + m.getValue() - spawned));
        }
        return ms;
    }

    private static String cell(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", SwitchBreakdown.median(s), s.get(0), s.get(s.size() - 1));
    }

    private void writeJson(Map<String, Map<String, List<Double>>> figures, String load) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runsPerArm", runs);
        root.put("loadAverageAtStart", load);
        root.put("msFromLaunch", figures);
        org.m3vit.model.guard.AtomicFiles.write(json, new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        System.out.println("wrote " + json);
    }
}
