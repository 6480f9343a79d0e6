package org.m3vit.hw.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimExportTest {

    private static final SimResult RESULT = SimTestSupport.run(SimTestSupport.withImage(SimTestSupport.TINY, 64, 128),
            Schedule.REORDERED, SyntheticRouting.Kind.UNIFORM, "semseg", "depth");

    @Test
    void summaryJsonCarriesTheDocumentedKeys(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sim.json");
        SimExport.writeJson(RESULT, f);
        JsonNode root = ConfigJson.MAPPER.readTree(f.toFile());
        assertThat(root.get("schema").asText()).isEqualTo(SimExport.SCHEMA);
        JsonNode first = root.get("inferences").get(1);
        InferenceSummary s = RESULT.inferences().get(1);
        assertThat(first.get("latencyMs").asDouble()).isEqualTo(s.latencyMs());
        assertThat(first.get("ddrBytes").asLong()).isEqualTo(s.ddrBytes());
        assertThat(first.get("peakOnChipBytes").asLong()).isEqualTo(s.peakOnChipBytes());
        assertThat(first.get("energyMj").asDouble()).isEqualTo(s.energyMj());
        assertThat(first.get("energy").get("totalMj").asDouble()).isCloseTo(s.energyMj(), within(1e-12));
        JsonNode totals = root.get("totals");
        assertThat(totals.get("ddrBytes").asLong()).isEqualTo(RESULT.inferences().stream().mapToLong(InferenceSummary::ddrBytes).sum());
        assertThat(totals.get("energyMj").asDouble()).isCloseTo(
                RESULT.inferences().stream().mapToDouble(InferenceSummary::energyMj).sum(), within(1e-9));
        assertThat(root.get("taskSwitches")).hasSize(1);
        assertThat(root.get("hardware").get("ddrSource").asText()).contains("GB/s");
    }

    @Test
    void chromeTraceHasOneCompleteEventPerSimEventOnePerLaneThreadAndCounters(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("trace.json");
        SimExport.writeChromeTrace(RESULT, f, 50);
        JsonNode events = ConfigJson.MAPPER.readTree(f.toFile()).get("traceEvents");
        List<JsonNode> x = StreamSupport.stream(events.spliterator(), false).filter(e -> e.get("ph").asText().equals("X")).toList();
        assertThat(x).hasSize(RESULT.events().size());
        SimEvent some = RESULT.events().get(RESULT.events().size() / 2);
        JsonNode same = x.get(RESULT.events().size() / 2);
        assertThat(same.get("ts").asDouble()).isCloseTo(some.startCycle() / 300.0, within(1e-9));
        assertThat(same.get("dur").asDouble()).isCloseTo(some.durationCycles() / 300.0, within(1e-9));
        assertThat(same.get("tid").asInt()).isEqualTo(some.lane().ordinal() + 1);
        long counters = StreamSupport.stream(events.spliterator(), false).filter(e -> e.get("ph").asText().equals("C")).count();
        assertThat(counters).isGreaterThan(50);
        long threadNames = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.get("name").asText().equals("thread_name")).count();
        assertThat(threadNames).isEqualTo(Lane.values().length);
    }

    @Test
    void csvHasAHeaderAndOneRowPerEvent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.csv");
        SimExport.writeCsv(RESULT, f);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(RESULT.events().size() + 1);
        assertThat(lines.get(0)).startsWith("index,lane,start_cycle");
        long bytes = lines.stream().skip(1).mapToLong(l -> {
            String[] c = l.split(",");
            return Long.parseLong(c[12]) + Long.parseLong(c[13]);
        }).sum();
        assertThat(bytes).isEqualTo(RESULT.totals().ddrBytes());
    }

    @Test
    void bandwidthCurveIntegratesToTheDdrBytes() {
        BandwidthCurve bw = RESULT.bandwidth(37);
        double bytes = 0;
        for (int i = 0; i < bw.bins(); i++) bytes += (bw.weightGBps()[i] + bw.activationGBps()[i]) * 1e9 * bw.binUs() * 1e-6;
        assertThat(bytes).isCloseTo(RESULT.totals().ddrBytes(), within(RESULT.totals().ddrBytes() * 1e-9));
        for (int i = 0; i < bw.bins(); i++) {
            assertThat(bw.weightGBps()[i] + bw.activationGBps()[i]).isLessThanOrEqualTo(21.3 + 1e-9);
        }
    }
}
