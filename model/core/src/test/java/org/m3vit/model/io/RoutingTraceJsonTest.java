package org.m3vit.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.LayerMacs;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.MacCount;
import org.m3vit.model.RoutingTrace;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTraceJsonTest {

    @TempDir
    Path dir;

    /** A 2 x 3 grid (7 tokens), 5 experts, top-2, blocks 1 and 3, random floats. */
    static RoutingTrace randomTrace(long seed, boolean withMacs) {
        Random r = new Random(seed);
        List<LayerRouting> layers = new java.util.ArrayList<>();
        for (int block : new int[] {1, 3}) {
            int[][] e = new int[7][2];
            float[][] w = new float[7][2];
            float[][] p = new float[7][5];
            for (int t = 0; t < 7; t++) {
                e[t][0] = r.nextInt(5);
                e[t][1] = (e[t][0] + 1 + r.nextInt(4)) % 5;
                for (int j = 0; j < 5; j++) p[t][j] = r.nextFloat();
                w[t][0] = p[t][e[t][0]];
                w[t][1] = Float.intBitsToFloat(r.nextInt(0x3F800000)); // any bit pattern in [0, 1)
            }
            layers.add(new LayerRouting(block, e, w, p));
        }
        MacCount macs = withMacs ? new MacCount(List.of(new LayerMacs("blocks.1.moe", 10, 25, 50), new LayerMacs("decoders.depth", 7, 7, 21))) : null;
        return new RoutingTrace("m3vit-synth", "depth", 1, 2, 3, 5, 2, layers, macs);
    }

    private static void assertSameTrace(RoutingTrace back, RoutingTrace t) {
        assertThat(back.model()).isEqualTo(t.model());
        assertThat(back.task()).isEqualTo(t.task());
        assertThat(back.taskIndex()).isEqualTo(t.taskIndex());
        assertThat(back.gridHeight()).isEqualTo(2);
        assertThat(back.gridWidth()).isEqualTo(3);
        assertThat(back.numExperts()).isEqualTo(5);
        assertThat(back.topK()).isEqualTo(2);
        assertThat(back.layers()).hasSize(t.layers().size());
        for (int i = 0; i < t.layers().size(); i++) {
            LayerRouting a = t.layers().get(i), b = back.layers().get(i);
            assertThat(b.block()).isEqualTo(a.block());
            assertThat(b.experts()).isDeepEqualTo(a.experts());
            for (int tok = 0; tok < a.numTokens(); tok++) {
                // bit-exact floats
                assertThat(b.weights()[tok]).containsExactly(a.weights()[tok]);
                assertThat(b.probabilities()[tok]).containsExactly(a.probabilities()[tok]);
            }
        }
        assertThat(back.macs()).isEqualTo(t.macs());
    }

    @Test
    void roundTripIsExact() throws IOException {
        for (boolean macs : new boolean[] {true, false}) {
            RoutingTrace t = randomTrace(11, macs);
            Path f = dir.resolve("sub/trace-" + macs + ".json");
            RoutingTraceJson.write(t, f);
            assertSameTrace(RoutingTraceJson.read(f), t);
        }
    }

    @Test
    void documentHasTheDocumentedKeysAndDerivedCounts() throws IOException {
        RoutingTrace t = randomTrace(3, true);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RoutingTraceJson.toJson(t));
        assertThat(node.get("format").asText()).isEqualTo("m3vit-routing-trace");
        assertThat(node.get("version").asInt()).isEqualTo(2);
        assertThat(node.get("intervention").isNull()).as("no intervention: null").isTrue();
        assertThat(node.get("numTokens").asInt()).isEqualTo(7);
        var it = node.fieldNames();
        List<String> keys = new java.util.ArrayList<>();
        it.forEachRemaining(keys::add);
        assertThat(keys).containsExactly("format", "version", "model", "task", "taskIndex", "gridHeight", "gridWidth",
                "numTokens", "numExperts", "topK", "intervention", "layers", "macs");
        var layer = node.get("layers").get(0);
        int[] counts = t.layers().get(0).tokensPerExpert();
        for (int e = 0; e < 5; e++) assertThat(layer.get("tokensPerExpert").get(e).asInt()).isEqualTo(counts[e]);
        assertThat(node.get("macs").get("executed").asLong()).isEqualTo(17);
        assertThat(node.get("macs").get("layers").get(1).get("layer").asText()).isEqualTo("decoders.depth");
    }

    @Test
    void inconsistentFilesAreRefusedNamingTheFileAndProblem() throws IOException {
        String good = RoutingTraceJson.toJson(randomTrace(5, false));
        String[][] cases = {
                {good.replace("\"m3vit-routing-trace\"", "\"something-else\""), "format is 'something-else'"},
                {good.replace("\"version\" : 2", "\"version\" : 3"), "version 3 is not supported (this program reads 1 to 2)"},
                {good.replace("\"numTokens\" : 7", "\"numTokens\" : 8"), "numTokens 8"},
                {good.replace("\"topK\" : 2", "\"topK\" : 3"), "must have 3 experts"},
                {good.replace("\"numExperts\" : 5", "\"numExperts\" : 4"), "token 0 must have 4 probabilities"},
                {good.replace("\"experts\" : [[2,3]", "\"experts\" : [[9,3]"), "token 0 names expert 9 of 5"},
                {good.replace("\"task\" :", "\"tsak\" :"), "not a routing trace JSON"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("bad.json");
            Files.writeString(f, c[0]);
            assertThatThrownBy(() -> RoutingTraceJson.read(f)).as(c[1])
                    .hasMessageStartingWith(f.toString()).hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> RoutingTraceJson.read(dir.resolve("none.json"))).hasMessageContaining("not found");
    }

    /** The intervention of randomTrace's grid (7 tokens, 5 experts, blocks 1 and 3). */
    private static org.m3vit.model.RoutingIntervention intervention() {
        return new org.m3vit.model.RoutingIntervention(
                List.of(new org.m3vit.model.RoutingIntervention.ExpertOff(1, 4),
                        new org.m3vit.model.RoutingIntervention.ExpertOff(org.m3vit.model.RoutingIntervention.ALL_BLOCKS, 0)),
                List.of(new org.m3vit.model.RoutingIntervention.ExpertForced(3, 2, org.m3vit.model.TokenSelection.parse("1-2,5"))),
                "semseg");
    }

    private static RoutingTrace withIntervention(RoutingTrace t, org.m3vit.model.RoutingIntervention i) {
        return new RoutingTrace(t.model(), t.task(), t.taskIndex(), t.gridHeight(), t.gridWidth(), t.numExperts(), t.topK(), t.layers(), t.macs(), i);
    }

    @Test
    void theInterventionIsWrittenReadBackAndChecked() throws IOException {
        RoutingTrace t = withIntervention(randomTrace(7, true), intervention());
        String json = RoutingTraceJson.toJson(t);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("intervention");
        assertThat(node.get("summary").asText()).isEqualTo("block 1: E4 off; all MoE blocks: E0 off; block 3: E2 forced on tokens 1-2,5; gates of semseg");
        assertThat(node.get("disabled").get(1).get("block").asText()).isEqualTo("all");
        assertThat(node.get("forced").get(0).get("tokens").asText()).isEqualTo("1-2,5");
        Path f = dir.resolve("iv.json");
        RoutingTraceJson.write(t, f);
        RoutingTrace back = RoutingTraceJson.read(f);
        assertSameTrace(back, t);
        assertThat(back.intervention()).isEqualTo(t.intervention());
        String[][] bad = {
                {json.replace("\"block\" : 1,\n      \"expert\" : 4", "\"block\" : 2,\n      \"expert\" : 4"), "intervention: block 2 is not one of the trace's MoE blocks [1, 3]"},
                {json.replace("\"expert\" : 4", "\"expert\" : 5"), "intervention: expert 5 is out of range 0..4"},
                {json.replace("\"tokens\" : \"1-2,5\"", "\"tokens\" : \"1-9\""), "intervention: token 9 is beyond the trace's 7 tokens"},
                {json.replace("\"tokens\" : \"1-2,5\"", "\"tokens\" : \"x\""), "intervention: 'x' is not a token number"},
                {json.replace("\"block\" : \"all\"", "\"block\" : \"every\""), "a block is a MoE block number or \"all\""},
                {json.replace("\"gatesOf\" : \"semseg\"", "\"gatesOf\" : \"../x\""), "gatesOf task name '../x' may only hold"},
        };
        for (String[] b : bad) {
            assertThat(b[0]).as("edited: " + b[1]).isNotEqualTo(json);
            assertThatThrownBy(() -> RoutingTraceJson.parse(b[0], "edited.json")).as(b[1])
                    .hasMessageStartingWith("edited.json: ").hasMessageContaining(b[1]);
        }
    }

    @Test
    void aVersionOneFileReadsAsATraceWithoutIntervention() throws IOException {
        RoutingTrace t = randomTrace(2, true);
        String v1 = RoutingTraceJson.toJson(t).replace("\"version\" : 2", "\"version\" : 1").replace("\"intervention\" : null,", "");
        assertThat(v1).doesNotContain("intervention");
        RoutingTrace back = RoutingTraceJson.parse(v1, "old.json");
        assertSameTrace(back, t);
        assertThat(back.intervention().isEmpty()).isTrue();
    }

    @Test
    void editedTokenCountsAreDetected() throws IOException {
        RoutingTrace t = randomTrace(5, false);
        int[] counts = t.layers().get(0).tokensPerExpert();
        String text = RoutingTraceJson.toJson(t);
        String listed = countsKey(counts);
        assertThat(text).contains(listed);
        counts[0]++;
        String edited = text.replaceFirst(java.util.regex.Pattern.quote(listed), countsKey(counts));
        assertThatThrownBy(() -> RoutingTraceJson.parse(edited, "edited.json"))
                .hasMessageStartingWith("edited.json: layer of block 1: tokensPerExpert");
    }

    private static String countsKey(int[] counts) {
        return "\"tokensPerExpert\" : [" + String.join(",", java.util.Arrays.stream(counts).mapToObj(String::valueOf).toList()) + "]";
    }

    @Test
    void csvHasOneRowPerBlockTokenAndRank() throws IOException {
        // grid 1 x 2: tokens 0 (cls), 1 (row 0, col 0), 2 (row 0, col 1); top-2, block 3 only
        LayerRouting l = new LayerRouting(3, new int[][] {{2, 0}, {1, 2}, {0, 1}},
                new float[][] {{0.5f, 0.25f}, {0.75f, 0.125f}, {0.375f, 0.3125f}}, new float[3][3]);
        RoutingTrace t = new RoutingTrace("m", "semseg", 0, 1, 2, 3, 2, List.of(l), null);
        StringWriter w = new StringWriter();
        RoutingTraceCsv.write(t, w);
        assertThat(w.toString()).isEqualTo(String.join("\n",
                "block,token,row,col,rank,expert,weight",
                "3,0,-1,-1,0,2,0.5",
                "3,0,-1,-1,1,0,0.25",
                "3,1,0,0,0,1,0.75",
                "3,1,0,0,1,2,0.125",
                "3,2,0,1,0,0,0.375",
                "3,2,0,1,1,1,0.3125") + "\n");
        Path f = dir.resolve("out/routing.csv");
        RoutingTraceCsv.write(randomTrace(1, false), f);
        assertThat(Files.readAllLines(f)).hasSize(1 + 2 * 7 * 2);
    }
}
