package org.m3vit.hw.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.guard.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link SimResult} as summary JSON (schema "m3vit-sim/1", keys documented in
 * docs/simulator.md), as a CSV of events, and in the Chrome trace event format (Perfetto,
 * chrome://tracing): one "X" event per simulated event, one thread per lane, "C" counters
 * for each buffer's occupancy and for DDR bandwidth.
 */
public final class SimExport {

    /** Version tag written under "schema". */
    public static final String SCHEMA = "m3vit-sim/1";

    private SimExport() { }

    /** The summary as a JSON tree. */
    public static ObjectNode summary(SimResult r) {
        return summary(r, false);
    }

    /**
     * The summary as a JSON tree; with {@code breakdown}, each inference gains a "breakdown" list that
     * sums to its latencyMs, and the root one that sums to totals.latencyMs ({@link LatencyBreakdown}).
     */
    public static ObjectNode summary(SimResult r, boolean breakdown) {
        ObjectNode root = ConfigJson.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("model", r.model());
        root.put("schedule", r.schedule().cliName());
        root.put("includeHeads", r.includeHeads());
        root.set("hardware", ConfigJson.MAPPER.valueToTree(r.hardware()));
        ArrayNode infs = root.putArray("inferences");
        for (InferenceSummary s : r.inferences()) {
            ObjectNode n = infs.addObject();
            n.put("index", s.index());
            n.put("task", s.task());
            n.put("taskIndex", s.taskIndex());
            n.put("startCycle", s.startCycle());
            n.put("endCycle", s.endCycle());
            n.put("latencyCycles", s.latencyCycles());
            n.put("latencyMs", s.latencyMs());
            n.put("intervalCycles", s.intervalCycles());
            n.put("intervalMs", s.intervalMs());
            n.put("fps", s.fps());
            n.put("ddrBytes", s.ddrBytes());
            n.put("ddrWeightBytes", s.ddrWeightBytes());
            n.put("ddrActivationBytes", s.ddrActivationBytes());
            n.put("peakOnChipBytes", s.peakOnChipBytes());
            n.put("peakWeightBytes", s.peakWeightBytes());
            n.put("macs", s.macs());
            n.put("expertLoads", s.expertLoads());
            ObjectNode active = n.putObject("activeExperts");
            s.activeExperts().forEach((b, c) -> active.put(String.valueOf(b), c));
            n.put("energyMj", s.energyMj());
            n.set("energy", energy(s.energy()));
            if (breakdown) n.set("breakdown", rows(LatencyBreakdown.of(r, s.index()), false));
        }
        if (breakdown) root.set("breakdown", rows(LatencyBreakdown.ofAll(r), true));
        SimTotals t = r.totals();
        ObjectNode tot = root.putObject("totals");
        tot.put("inferences", r.inferences().size());
        tot.put("cycles", t.cycles());
        tot.put("latencyMs", t.ms());
        tot.put("ddrBytes", t.ddrBytes());
        tot.put("ddrWeightBytes", t.ddrWeightBytes());
        tot.put("ddrActivationBytes", t.ddrActivationBytes());
        tot.put("peakOnChipBytes", t.peakOnChipBytes());
        tot.put("peakWeightBytes", t.peakWeightBytes());
        tot.put("onChipBudgetBytes", t.onChipBudgetBytes());
        tot.put("fitsOnChip", t.fitsOnChip());
        ArrayNode warnings = tot.putArray("capacityWarnings");
        t.capacityWarnings().forEach(warnings::add);
        tot.put("macs", t.macs());
        tot.put("energyMj", t.energyMj());
        tot.set("energy", energy(t.energy()));
        tot.put("computeBoundCycles", t.computeBoundCycles());
        tot.put("bandwidthBoundCycles", t.bandwidthBoundCycles());
        tot.put("rooflineLowerBoundCycles", t.rooflineLowerBoundCycles());
        tot.put("serialUpperBoundCycles", t.serialUpperBoundCycles());
        tot.put("events", r.events().size());
        ObjectNode busy = tot.putObject("laneBusyCycles");
        for (Lane lane : Lane.values()) busy.put(lane.name(), r.busyCycles(lane));
        ObjectNode peaks = root.putObject("bufferPeakBytes");
        for (MemoryCurve c : r.buffers()) peaks.put(c.buffer(), c.peak());
        ArrayNode switches = root.putArray("taskSwitches");
        for (TaskSwitch s : r.taskSwitches()) {
            ObjectNode n = switches.addObject();
            n.put("fromInference", s.fromInference());
            n.put("toInference", s.toInference());
            n.put("fromTask", s.fromTask());
            n.put("toTask", s.toTask());
            n.put("gateChanged", s.gateChanged());
            n.put("switchCycles", s.switchCycles());
            n.put("repeatCycles", s.repeatCycles());
            n.put("extraCycles", s.extraCycles());
            n.put("switchDdrBytes", s.switchDdrBytes());
            n.put("repeatDdrBytes", s.repeatDdrBytes());
            n.put("switchEnergyMj", s.switchEnergyMj());
            n.put("repeatEnergyMj", s.repeatEnergyMj());
            ArrayNode layers = n.putArray("experts");
            for (ExpertSetChange c : s.experts()) {
                ObjectNode l = layers.addObject();
                l.put("block", c.block());
                l.set("before", ConfigJson.MAPPER.valueToTree(c.before()));
                l.set("after", ConfigJson.MAPPER.valueToTree(c.after()));
                l.put("added", c.added());
                l.put("removed", c.removed());
            }
        }
        return root;
    }

    private static ArrayNode rows(List<BreakdownRow> rows, boolean withInference) {
        ArrayNode a = ConfigJson.MAPPER.createArrayNode();
        for (BreakdownRow row : rows) {
            ObjectNode n = a.addObject();
            if (withInference) n.put("inference", row.inference());
            n.put("op", row.op());
            n.put("layer", row.layer());
            n.put("cycles", row.cycles());
            n.put("ms", row.ms());
        }
        return a;
    }

    private static JsonNode energy(EnergyBreakdown e) {
        ObjectNode n = ConfigJson.MAPPER.createObjectNode();
        n.put("ddrMj", e.ddrMj());
        n.put("onChipMj", e.onChipMj());
        n.put("macMj", e.macMj());
        n.put("staticMj", e.staticMj());
        n.put("totalMj", e.totalMj());
        return n;
    }

    /** Writes the summary JSON. */
    public static void writeJson(SimResult r, Path file) throws IOException {
        writeJson(r, file, false);
    }

    /** Writes the summary JSON, with the latency breakdown when {@code breakdown}. */
    public static void writeJson(SimResult r, Path file, boolean breakdown) throws IOException {
        Object summary = summary(r, breakdown);
        AtomicFiles.write(file, out -> ConfigJson.MAPPER.writeValue(out, summary));
    }

    /** Writes one CSV row per event (header first). */
    public static void writeCsv(SimResult r, Path file) throws IOException {
        AtomicFiles.writeText(file, w -> writeCsv(r, w));
    }

    private static void writeCsv(SimResult r, java.io.Writer w) throws IOException {
        w.write("index,lane,start_cycle,end_cycle,start_us,duration_us,inference,task,layer,op,expert,tokens,"
                + "weight_bytes,activation_bytes,macs,buffer\n");
        HardwareConfig hw = r.hardware();
        for (SimEvent e : r.events()) {
            w.write(e.index() + "," + e.lane().name() + "," + num(e.startCycle()) + "," + num(e.endCycle()) + ","
                    + num(hw.cyclesToUs(e.startCycle())) + "," + num(hw.cyclesToUs(e.durationCycles())) + ","
                    + e.inference() + "," + csv(e.task()) + "," + csv(e.layer()) + "," + csv(e.op()) + "," + e.expert() + ","
                    + e.tokens() + "," + e.weightBytes() + "," + e.activationBytes() + "," + e.macs() + "," + csv(e.buffer()) + "\n");
        }
    }

    /** Writes the Chrome trace event format JSON; {@code bandwidthBins} bins for the DDR counter. */
    public static void writeChromeTrace(SimResult r, Path file, int bandwidthBins) throws IOException {
        AtomicFiles.write(file, out -> writeChromeTrace(r, out, bandwidthBins));
    }

    /** Streams the Chrome trace event format JSON to {@code out}. */
    public static void writeChromeTrace(SimResult r, OutputStream out, int bandwidthBins) throws IOException {
        HardwareConfig hw = r.hardware();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeArrayFieldStart("traceEvents");
            meta(g, "process_name", 0, r.model() + " on " + hw.name() + " (" + r.schedule().cliName() + ")");
            for (Lane lane : Lane.values()) meta(g, "thread_name", lane.ordinal() + 1, lane.label());
            for (Lane lane : Lane.values()) {
                g.writeStartObject();
                g.writeStringField("ph", "M");
                g.writeStringField("name", "thread_sort_index");
                g.writeNumberField("pid", 1);
                g.writeNumberField("tid", lane.ordinal() + 1);
                g.writeObjectFieldStart("args");
                g.writeNumberField("sort_index", lane.ordinal());
                g.writeEndObject();
                g.writeEndObject();
            }
            for (SimEvent e : r.events()) {
                g.writeStartObject();
                g.writeStringField("ph", "X");
                g.writeStringField("name", e.label());
                g.writeStringField("cat", e.lane().name());
                g.writeNumberField("pid", 1);
                g.writeNumberField("tid", e.lane().ordinal() + 1);
                g.writeNumberField("ts", hw.cyclesToUs(e.startCycle()));
                g.writeNumberField("dur", hw.cyclesToUs(e.durationCycles()));
                g.writeObjectFieldStart("args");
                g.writeNumberField("inference", e.inference());
                g.writeStringField("task", e.task());
                g.writeStringField("layer", e.layer());
                g.writeStringField("op", e.op());
                g.writeNumberField("expert", e.expert());
                g.writeNumberField("tokens", e.tokens());
                g.writeNumberField("weightBytes", e.weightBytes());
                g.writeNumberField("activationBytes", e.activationBytes());
                g.writeNumberField("macs", e.macs());
                g.writeStringField("buffer", e.buffer());
                g.writeNumberField("startCycle", e.startCycle());
                g.writeNumberField("endCycle", e.endCycle());
                g.writeEndObject();
                g.writeEndObject();
            }
            counters(g, hw, r.onChipTotal());
            for (MemoryCurve c : r.buffers()) if (c.peak() > 0) counters(g, hw, c);
            BandwidthCurve bw = r.bandwidth(bandwidthBins);
            for (int i = 0; i < bw.bins(); i++) {
                g.writeStartObject();
                g.writeStringField("ph", "C");
                g.writeStringField("name", "DDR GB/s");
                g.writeNumberField("pid", 1);
                g.writeNumberField("ts", i * bw.binUs());
                g.writeObjectFieldStart("args");
                g.writeNumberField("weights", bw.weightGBps()[i]);
                g.writeNumberField("activations", bw.activationGBps()[i]);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void counters(JsonGenerator g, HardwareConfig hw, MemoryCurve c) throws IOException {
        for (int i = 0; i < c.size(); i++) {
            g.writeStartObject();
            g.writeStringField("ph", "C");
            g.writeStringField("name", "on-chip " + c.buffer() + " (bytes)");
            g.writeNumberField("pid", 1);
            g.writeNumberField("ts", hw.cyclesToUs(c.cycles()[i]));
            g.writeObjectFieldStart("args");
            g.writeNumberField("bytes", c.bytes()[i]);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void meta(JsonGenerator g, String name, int tid, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", name);
        g.writeNumberField("pid", 1);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        g.writeStringField("name", value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
