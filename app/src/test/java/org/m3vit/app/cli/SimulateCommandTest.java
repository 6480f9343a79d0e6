package org.m3vit.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.hw.sim.SyntheticRouting;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.io.RoutingTraceJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    private static final ModelConfig M = Presets.get("m3vit-t-cityscapes");

    @Test
    void routingFilesAreSimulatedInOrderLikeTheApi(@TempDir Path dir) throws Exception {
        RoutingTrace depth = SyntheticRouting.trace(M, "depth", SyntheticRouting.Kind.SKEWED, 9);
        RoutingTrace semseg = SyntheticRouting.trace(M, "semseg", SyntheticRouting.Kind.SKEWED, 9);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        RoutingTraceJson.write(depth, a);
        RoutingTraceJson.write(semseg, b);
        Path out = dir.resolve("sim.json");
        Path trace = dir.resolve("trace.json");
        int code = M3vitCommand.commandLine().execute("simulate", "--model", "m3vit-t-cityscapes", "--routing-json", a + "," + b,
                "--schedule", "naive-refetch", "--json", out.toString(), "--trace", trace.toString());
        assertThat(code).isZero();
        JsonNode root = ConfigJson.MAPPER.readTree(out.toFile());
        assertThat(root.get("inferences")).hasSize(2);
        assertThat(root.get("inferences").get(0).get("task").asText()).isEqualTo("depth");
        SimResult direct = Simulator.run(M, List.of(depth, semseg), HardwarePresets.get("edge-moe-zcu102"), Schedule.NAIVE_REFETCH, false);
        assertThat(root.get("totals").get("ddrBytes").asLong()).isEqualTo(direct.totals().ddrBytes());
        assertThat(root.get("totals").get("cycles").asDouble()).isEqualTo(direct.totals().cycles());
        assertThat(Files.size(trace)).isPositive();
    }

    @Test
    void breakdownRowsSumToTheLatencyOfBothPresets(@TempDir Path dir) throws Exception {
        for (String preset : List.of("edge-moe-zcu102", "edge-moe-zcu102-ideal")) {
            Path out = dir.resolve(preset + ".json");
            int code = M3vitCommand.commandLine().execute("simulate", "--preset", preset, "--tasks", "semseg,depth",
                    "--breakdown", "--json", out.toString());
            assertThat(code).isZero();
            JsonNode root = ConfigJson.MAPPER.readTree(out.toFile());
            double sum = 0;
            for (JsonNode row : root.get("breakdown")) {
                assertThat(row.has("op") && row.has("layer") && row.has("cycles") && row.has("ms")).isTrue();
                sum += row.get("ms").asDouble();
            }
            assertThat(sum).as(preset).isCloseTo(root.get("totals").get("latencyMs").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
            JsonNode first = root.get("inferences").get(0);
            double own = 0;
            for (JsonNode row : first.get("breakdown")) own += row.get("ms").asDouble();
            assertThat(own).isCloseTo(first.get("latencyMs").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(ConfigJson.MAPPER.readTree(dir.resolve("edge-moe-zcu102.json").toFile()).get("hardware").get("asBuilt").isObject()).isTrue();
    }

    @Test
    void syntheticExpertsOverrideShowsResidentExpertsOverflowingTheBoard(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sim.json");
        int code = M3vitCommand.commandLine().execute("simulate", "--schedule", "naive-resident", "--experts", "32", "--top-k", "2",
                "--tasks", "semseg,depth", "--json", out.toString());
        assertThat(code).isZero();
        JsonNode totals = ConfigJson.MAPPER.readTree(out.toFile()).get("totals");
        assertThat(totals.get("fitsOnChip").asBoolean()).isFalse();
        // 32 experts x (384x192 + 384 + 192x384 + 192) x 2 bytes resident
        assertThat(ConfigJson.MAPPER.readTree(out.toFile()).get("bufferPeakBytes").get("resident experts").asLong())
                .isEqualTo(32L * ((384L * 192 + 384) + (192L * 384 + 192)) * 2);
    }

    @Test
    void badArgumentsExitWithAMessage() {
        assertThat(M3vitCommand.commandLine().execute("simulate", "--schedule", "fastest")).isEqualTo(2);
        assertThat(M3vitCommand.commandLine().execute("simulate", "--input", "x.png")).isEqualTo(2);
    }
}
