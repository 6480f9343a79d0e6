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
        assertThat(node.get("version").asInt()).isEqualTo(1);
        assertThat(node.get("numTokens").asInt()).isEqualTo(7);
        var it = node.fieldNames();
        List<String> keys = new java.util.ArrayList<>();
        it.forEachRemaining(keys::add);
        assertThat(keys).containsExactly("format", "version", "model", "task", "taskIndex", "gridHeight", "gridWidth",
                "numTokens", "numExperts", "topK", "layers", "macs");
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
                {good.replace("\"version\" : 1", "\"version\" : 2"), "version 2"},
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
