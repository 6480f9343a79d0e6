package org.m3vit.app.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.guard.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile inputs to every command, generated at test time (no binary blob is committed), by the
 * categories of issue 15. Each case asserts the exit code, the file and the reason in the message,
 * one-line messages without stack traces, nothing written outside the target, no partial file
 * ({@link Sandbox#expect}), within a time bound (a hang fails the case).
 */
@SuppressWarnings("try")   // an injected file opener is a scope: the try blocks never name it
class HostileInputTest {

    static final String SECURITY = "security: path escape and code", HANGS = "hangs", CRASHES = "crashes and absurd magnitudes",
            DATA_LOSS = "data loss", WRONG = "silently wrong results", MESSAGES = "unclear messages", COSTS = "costs out of proportion";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path suite;

    /** One case: its category, a name, and what it does in its sandbox. */
    record Case(String category, String name, Body body) { }

    /** The steps of a case. */
    @FunctionalInterface
    interface Body {
        void run(Sandbox s) throws Exception;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        security(c);
        hangs(c);
        crashes(c);
        dataLoss(c);
        silentlyWrong(c);
        messages(c);
        costs(c);
        return c;
    }

    @TestFactory
    Stream<DynamicTest> hostileInputs() {
        List<Case> all = cases();
        return java.util.stream.IntStream.range(0, all.size()).mapToObj(i -> {
            Case c = all.get(i);
            return DynamicTest.dynamicTest(c.category() + " / " + c.name(), () -> {
                Sandbox s = new Sandbox(suite, "case-" + i);
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> c.body().run(s));
            });
        });
    }

    @Test
    void atLeastAHundredCasesCoveringEveryCategory() {
        Map<String, Long> counts = cases().stream().collect(Collectors.groupingBy(Case::category, TreeMap::new, Collectors.counting()));
        System.out.println("hostile input cases by category: " + counts + ", total " + cases().size());
        assertThat(counts.keySet()).containsExactlyInAnyOrder(SECURITY, HANGS, CRASHES, DATA_LOSS, WRONG, MESSAGES, COSTS);
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(cases().stream().map(Case::name).distinct().count()).isEqualTo(cases().size());
    }

    @Test
    void debugPrintsTheStackTraceOnRequest() throws Exception {
        try {
            for (String[] args : new String[][] {{"--debug", "eval", "--json", ""}, {"eval", "--debug", "--json", ""}}) {
                System.clearProperty("m3vit.debug");
                Sandbox s = new Sandbox(suite, "debug-" + args[0]);
                Sandbox.Run r = s.run(args);
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.err()).startsWith("error: --json: the path is empty").contains("\tat org.m3vit.model.guard.OutputTargets");
            }
        } finally {
            System.clearProperty("m3vit.debug");
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** infer with a mutated tiny config: refused with exit 2 naming the config file and {@code reason}; nothing written. */
    private static void config(List<Case> c, String category, String name, String from, String to, String reason) {
        config(c, category, name, () -> Craft.tinyJson(from, to), reason);
    }

    private static void config(List<Case> c, String category, String name, java.util.function.Supplier<String> json, String reason) {
        c.add(new Case(category, name, s -> {
            Path cfg = Craft.text(s.in.resolve("cfg.json"), json.get());
            Path img = Craft.png(s.in.resolve("a.png"));
            Sandbox.Run r = s.run("infer", "--model", cfg.toString(), "--input", img.toString(), "--out", s.out.toString());
            s.expect(r, 2, cfg.toString(), reason);
            assertThat(s.outputs()).isEmpty();
        }));
    }

    /** import of a torch.save zip whose data.pkl is {@code pickle}: exit 2 naming the file and {@code reason}, nothing written. */
    private static void pickle(List<Case> c, String category, String name, java.util.function.Supplier<byte[]> pickle, String reason) {
        c.add(new Case(category, name, s -> {
            Path ck = Craft.checkpoint(s.in.resolve("ck.pth"), pickle.get());
            long t0 = System.nanoTime();
            Sandbox.Run r = s.run("import", "--checkpoint", ck.toString(), "--config", Craft.FIXTURE.resolve("config.json").toString(),
                    "--out", s.out.toString());
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse or read the pickle").isLessThan(10);
            s.expect(r, 2, ck.toString(), reason);
            assertThat(s.out).doesNotExist();
        }));
    }

    /** Any command whose options are refused before work starts: exit 2 and {@code reason}, nothing written. */
    private static void option(List<Case> c, String category, String name, String reason, String... args) {
        c.add(new Case(category, name, s -> {
            Craft.text(s.in.resolve("file.txt"), "a regular file");
            Craft.png(s.in.resolve("a.png"));
            String[] a = new String[args.length];
            for (int i = 0; i < args.length; i++) a[i] = args[i].replace("{out}", s.out.toString()).replace("{in}", s.in.toString());
            Sandbox.Run r = s.run(a);
            s.expect(r, 2, reason);
            assertThat(s.outputs()).isEmpty();
        }));
    }

    /** infer on the tiny model with routing-intervention options: refused with exit 2 and {@code reason} before anything is written. */
    private static void intervention(List<Case> c, String category, String name, String reason, String... options) {
        c.add(new Case(category, name, s -> {
            Sandbox.Run r = inferTiny(s, Craft.png(s.in.resolve("a.png")), options);
            s.expect(r, 2, reason);
            assertThat(s.outputs()).isEmpty();
        }));
    }

    /** Bad values of --disable-expert, --force-expert, --tokens and --gates-of on the tiny model (MoE block 1, 4 experts, top-2, 7 tokens). */
    static void interventions(List<Case> c) {
        intervention(c, MESSAGES, "--disable-expert of a dense block", "--disable-expert '0:1': block 0 is not a MoE block of model 'hostile-tiny' (its MoE blocks: 1)",
                "--disable-expert", "0:1");
        intervention(c, MESSAGES, "--disable-expert of an expert the model lacks", "--disable-expert '1:4': expert 4 is out of range: model 'hostile-tiny' has experts 0..3",
                "--disable-expert", "1:4");
        intervention(c, MESSAGES, "--disable-expert without a colon", "--disable-expert '3': expected BLOCK:EXPERT, e.g. 1:3", "--disable-expert", "3");
        intervention(c, MESSAGES, "--disable-expert with a negative expert", "--disable-expert '1:-1': expected BLOCK:EXPERT", "--disable-expert", "1:-1");
        intervention(c, MESSAGES, "--disable-expert with two colons", "--disable-expert '1:2:3': expected BLOCK:EXPERT", "--disable-expert", "1:2:3");
        intervention(c, MESSAGES, "--disable-expert leaving fewer than top-k experts",
                "--disable-expert: switching off E0, E1, E2 at block 1 leaves 1 of 4 experts, fewer than top-k = 2",
                "--disable-expert", "all:0", "--disable-expert", "*:1", "--disable-expert", "1:2");
        intervention(c, MESSAGES, "--force-expert of more than top-k experts on a token",
                "--force-expert: forcing 3 experts (E0, E1, E2) on token 0 at block 1 is more than top-k = 2",
                "--force-expert", "1:0", "--force-expert", "1:1", "--force-expert", "all:2");
        intervention(c, MESSAGES, "the same expert switched off and forced", "--force-expert: expert 2 at block 1 is both switched off and forced",
                "--disable-expert", "1:2", "--force-expert", "1:2", "--tokens", "3");
        intervention(c, MESSAGES, "--tokens with a word", "--tokens '3,x': 'x' is not a token number or range (write e.g. 3,4,10-20, or all)",
                "--force-expert", "1:0", "--tokens", "3,x");
        intervention(c, MESSAGES, "--tokens past the last patch",
                "--tokens '2-7': token 7 is out of range: model 'hostile-tiny' has tokens 0..6 (0 = cls, 1..6 the 2 x 3 patches)",
                "--force-expert", "1:0", "--tokens", "2-7");
        intervention(c, MESSAGES, "--tokens running backwards", "range '5-2' runs backwards", "--force-expert", "1:0", "--tokens", "5-2");
        intervention(c, MESSAGES, "--tokens without --force-expert", "--tokens '3': says which tokens --force-expert applies to, but no --force-expert is given",
                "--tokens", "3");
        intervention(c, MESSAGES, "--gates-of an unknown task", "--gates-of 'edges': model 'hostile-tiny' has no task 'edges'; its tasks are [semseg, depth]",
                "--gates-of", "edges");
        intervention(c, CRASHES, "--disable-expert with an absurd block number", "--disable-expert '99999999999:1': expected BLOCK:EXPERT",
                "--disable-expert", "99999999999:1");
        intervention(c, COSTS, "--tokens naming two billion tokens", "token 2000000000 is beyond the largest possible token index 16384",
                "--force-expert", "1:0", "--tokens", "0-2000000000");
        intervention(c, SECURITY, "--gates-of with a terminal escape", "--gates-of '\\u001b[2J': model 'hostile-tiny' has no task",
                "--gates-of", "\u001b[2J");
    }

    private static Sandbox.Run inferTiny(Sandbox s, Path input, String... extra) throws Exception {
        Path cfg = Files.exists(s.in.resolve("tiny.json")) ? s.in.resolve("tiny.json")
                : Craft.text(s.in.resolve("tiny.json"), org.m3vit.model.ConfigJson.toJson(Craft.TINY));
        List<String> a = new ArrayList<>(List.of("infer", "--model", cfg.toString(), "--input", input.toString(), "--out", s.out.toString()));
        Collections.addAll(a, extra);
        return s.run(a.toArray(String[]::new));
    }

    // ---------------------------------------------------------------------------------- categories

    static void security(List<Case> c) {
        String[][] names = {
                {"../escaped", "parent folder"}, {"../../escaped", "two folders up"}, {"a/b", "slash"}, {"a\\b", "backslash"},
                {"..", "dot-dot"}, {".", "dot"}, {"/tmp/m3vit-escaped-abs", "absolute path"}, {".hidden", "hidden name"},
                {"x\ny", "newline"}, {"x\u0000y", "NUL"}, {"tab\tname", "tab"}, {"\u001b[31mred", "terminal escape"},
                {"a..b", "dot-dot inside"}, {"a".repeat(65), "65 characters"}, {"sp ace", "space"}, {"caf\u00e9", "non-ASCII letter"},
        };
        for (String[] n : names) {
            config(c, SECURITY, "task name with " + n[1], "\"semseg\"", quoted(n[0]), "task name");
        }
        c.add(new Case(SECURITY, "absolute task name writes nothing at its path", s -> {
            Path target = s.root.resolve("abs-escape");
            Path cfg = Craft.text(s.in.resolve("cfg.json"), Craft.tinyJson("\"semseg\"", quoted(target.toString())));
            Sandbox.Run r = s.run("infer", "--model", cfg.toString(), "--input", Craft.png(s.in.resolve("a.png")).toString(),
                    "--out", s.out.toString());
            s.expect(r, 2, cfg.toString(), "task name");
            assertThat(Files.exists(target.resolveSibling("abs-escape-semseg.png"))).isFalse();
        }));
        config(c, SECURITY, "empty task name", "\"semseg\"", "\"\"", "task name is empty");
        config(c, SECURITY, "label with a newline", "\"labels\" : [ ]", "\"labels\" : [\"a\\nb\"]", "control character");
        config(c, SECURITY, "label with a terminal escape", "\"labels\" : [ ]", "\"labels\" : [\"\\u001b[2J\"]", "control character");
        config(c, SECURITY, "label of 300 characters", "\"labels\" : [ ]", "\"labels\" : [" + quoted("l".repeat(300)) + "]", "at most 256");
        config(c, SECURITY, "config name with a newline", "\"hostile-tiny\"", "\"evil\\nname\"", "config name");
        c.add(new Case(SECURITY, "image file name with a control character", s -> {
            Craft.png(s.in.resolve("ok.png"));
            Craft.png(s.in.resolve("bell\u0007.png"));
            Sandbox.Run r = inferTiny(s, s.in);
            s.expect(r, 1, "control character");
            assertThat(s.outputs()).extracting(p -> p.getFileName().toString()).contains("ok-semseg.png").noneMatch(n -> n.contains("\u0007"));
        }));
        for (String[] g : new String[][] {{"os", "system"}, {"posix", "system"}, {"builtins", "eval"}, {"subprocess", "Popen"}}) {
            pickle(c, SECURITY, "pickle global " + g[0] + "." + g[1], () -> Pk.proto().raw('c').text(g[0] + "\n" + g[1] + "\n")
                    .raw('(').str("touch /tmp/pwned").raw('t', 'R').stop(), "refused global " + g[0] + "." + g[1]);
        }
        pickle(c, SECURITY, "pickle INST os.system", () -> Pk.proto().raw('(').str("id").raw('i').text("os\nsystem\n").stop(),
                "refused global os.system");
    }

    static void hangs(List<Case> c) {
        c.add(new Case(HANGS, "named pipe as the input image", s -> {
            Path fifo = Craft.fifo(s.in.resolve("pipe.png"));
            s.expect(inferTiny(s, fifo), 1, fifo.toString(), "not a regular file");
        }));
        c.add(new Case(HANGS, "folder holding only a named pipe", s -> {
            Craft.fifo(s.in.resolve("pipe.png"));
            s.expect(inferTiny(s, s.in), 2, s.in.toString(), "no .png");
        }));
        c.add(new Case(HANGS, "character device as the input image", s -> {
            s.expect(inferTiny(s, Path.of("/dev/zero")), 1, "/dev/zero", "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as a model folder's config.json", s -> {
            Path dir = Craft.modelDir(s.in.resolve("model"), null, 0);
            Files.delete(dir.resolve("config.json"));
            Craft.fifo(dir.resolve("config.json"));
            Sandbox.Run r = s.run("infer", "--model", dir.toString(), "--input", Craft.png(s.in.resolve("a.png")).toString(), "--out", s.out.toString());
            s.expect(r, 2, dir.resolve("config.json").toString(), "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as a model folder's weights", s -> {
            Path dir = Craft.modelDir(s.in.resolve("model"), null, 0);
            Files.delete(dir.resolve("model.safetensors"));
            Craft.fifo(dir.resolve("model.safetensors"));
            Sandbox.Run r = s.run("infer", "--model", dir.toString(), "--input", Craft.png(s.in.resolve("a.png")).toString(), "--out", s.out.toString());
            s.expect(r, 2, dir.resolve("model.safetensors").toString(), "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as the checkpoint", s -> {
            Path fifo = Craft.fifo(s.in.resolve("ck.pth"));
            s.expect(s.run("import", "--checkpoint", fifo.toString(), "--config", "m3vit-synth", "--out", s.out.toString()), 2,
                    fifo.toString(), "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as rank 0 of a rank folder", s -> {
            Path dir = Files.createDirectories(s.in.resolve("ranks"));
            Craft.fifo(dir.resolve("0.pth"));
            s.expect(s.run("import", "--checkpoint", dir.toString(), "--config", "m3vit-synth", "--out", s.out.toString()), 2,
                    dir.toString(), "without rank files");
        }));
        c.add(new Case(HANGS, "character device as the import config", s -> {
            s.expect(s.run("import", "--checkpoint", Craft.ranks(s.in.resolve("r")).toString(), "--config", "/dev/zero", "--out",
                    s.out.toString()), 2, "/dev/zero", "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as a routing trace", s -> {
            Path fifo = Craft.fifo(s.in.resolve("t.json"));
            s.expect(s.run("simulate", "--routing-json", fifo.toString(), "--model", "m3vit-t-cityscapes"), 2, fifo.toString(), "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as the hardware config", s -> {
            Path fifo = Craft.fifo(s.in.resolve("hw.json"));
            s.expect(s.run("simulate", "--preset", fifo.toString()), 2, fifo.toString(), "not a regular file");
        }));
        c.add(new Case(HANGS, "named pipe as the training recipe", s -> {
            Path fifo = Craft.fifo(s.in.resolve("recipe.json"));
            s.expect(s.run("train", "--run-dir", s.out.resolve("run").toString(), "--recipe", fifo.toString()), 2, fifo.toString(),
                    "not a regular file");
        }));
        pickle(c, HANGS, "pickle naming 200000 distinct globals", () -> {
            Pk p = Pk.proto();
            for (int i = 0; i < 200_000; i++) p.raw('c').text("numpy\nx" + i + "\n").raw('0');
            return p.raw('N').stop();
        }, "holds None");
        pickle(c, HANGS, "pickle using one tuple of 9000 items as 400000 dict keys", () -> {
            Pk p = Pk.proto().raw('(').repeat(9000, 'N').raw('t', 'q', 0, '0', '}', '(');
            for (int i = 0; i < 400_000; i++) p.raw('h', 0, 'N');
            return p.raw('u').stop();
        }, "has neither a 'state_dict' entry");
        pickle(c, HANGS, "pickle of 80 doubly shared lists as a value", () -> doubling(']', 'l', 80).raw('s').stop(), "");
        pickle(c, HANGS, "pickle of 80 doubly shared tuples as a dict key", () -> doublingKey('t', 80), "");
        pickle(c, HANGS, "pickle of 80 doubly shared lists as a dict key", () -> doublingKey('l', 80), "unhashable type 'list'");
    }

    /** {'state_dict': {}, 'x': v} where v = [v', v'] 80 times over: 2^80 paths through 80 objects. */
    private static Pk doubling(int empty, int build, int levels) {
        Pk p = Pk.proto().raw('}').str("state_dict").raw('}').raw('s').str("x").raw(empty == ']' ? ']' : ')').raw('q', 0).raw('0');
        for (int i = 0; i < levels; i++) p.raw('(', 'h', 0, 'h', 0, build, 'q', 0, '0');
        return p.raw('h', 0);
    }

    /** A dict whose key is a doubly shared structure. */
    private static byte[] doublingKey(int build, int levels) {
        Pk p = Pk.proto().raw('}').raw(build == 'l' ? ']' : ')').raw('q', 0).raw('0');
        for (int i = 0; i < levels; i++) p.raw('(', 'h', 0, 'h', 0, build, 'q', 0, '0');
        return p.raw('h', 0).str("v").raw('s').stop();
    }

    static void crashes(List<Case> c) {
        pickle(c, CRASHES, "pickle nesting 100000 tuples", () -> Pk.proto().raw('N').repeat(100_000, 0x85).stop(), "more than 200 deep");
        pickle(c, CRASHES, "pickle nesting 5000 lists by APPEND", () -> Pk.proto().repeat(5000, ']').repeat(4999, 'a').stop(), "more than 200 deep");
        pickle(c, CRASHES, "pickle nesting 5000 dicts by SETITEM", () -> {
            Pk p = Pk.proto();
            for (int i = 0; i < 5000; i++) p.raw('}').small(1);
            return p.raw('N').repeat(5000, 's').stop();
        }, "more than 200 deep");
        pickle(c, CRASHES, "pickle nesting 3000 LIST marks", () -> Pk.proto().repeat(3000, '(').repeat(3000, 'l').stop(), "more than 200 deep");
        pickle(c, CRASHES, "pickle nesting 3000 frozensets", () -> Pk.proto().repeat(3000, '(').raw('N').repeat(3000, 0x91).stop(), "more than 200 deep");
        pickle(c, CRASHES, "BINBYTES claiming 4 GB", () -> Pk.proto().raw('B').le(0xFFFF_FFFFL, 4).text("xx").stop(), "claims a record of 4294967295 bytes");
        pickle(c, CRASHES, "BINBYTES8 claiming a terabyte", () -> Pk.proto().raw(0x8e).le(1L << 40, 8).stop(), "claims a record of 1099511627776 bytes");
        pickle(c, CRASHES, "BINUNICODE claiming 2 GB", () -> Pk.proto().raw('X').le(0x7FFF_FFFFL, 4).stop(), "claims a record of 2147483647 bytes");
        pickle(c, CRASHES, "BINUNICODE8 claiming 2^62 bytes", () -> Pk.proto().raw(0x8d).le(1L << 62, 8).stop(), "claims a record");
        pickle(c, CRASHES, "BINSTRING with a negative length", () -> Pk.proto().raw('T').le(-5, 4).stop(), "claims a record");
        pickle(c, CRASHES, "LONG4 claiming a gigabyte", () -> Pk.proto().raw(0x8b).le(1 << 30, 4).stop(), "claims a record of 1073741824 bytes");
        pickle(c, CRASHES, "BYTEARRAY8 claiming 2^50 bytes", () -> Pk.proto().raw(0x96).le(1L << 50, 8).stop(), "claims a record");
        pickle(c, CRASHES, "decimal LONG of 100000 digits", () -> Pk.proto().raw('L').text("9".repeat(100_000) + "L\n").stop(), "more than 4300 digits");
        pickle(c, CRASHES, "six million operations", () -> Pk.proto().repeat(3_000_000, ']', '0').raw('N').stop(), "more than 5000000 operations");
        c.add(new Case(CRASHES, "zip whose data.pkl inflates past its declared size", s -> {
            Path ranks = Craft.ranks(s.in.resolve("ranks"));
            Craft.lyingSize(Craft.FIXTURE.resolve("ranks/0.pth"), ranks.resolve("0.pth"), "0/data.pkl", 100);
            Sandbox.Run r = s.run("import", "--checkpoint", ranks.toString(), "--config", Craft.FIXTURE.resolve("config.json").toString(),
                    "--out", s.out.toString());
            s.expect(r, 2, ranks.resolve("0.pth").toString(), "inflates to more than the 100 bytes its header declares");
            assertThat(s.out).doesNotExist();
        }));
        c.add(new Case(CRASHES, "zip whose data.pkl declares less than it holds by one byte", s -> {
            Path ranks = Craft.ranks(s.in.resolve("ranks"));
            Craft.lyingSize(Craft.FIXTURE.resolve("ranks/0.pth"), ranks.resolve("0.pth"), "0/data.pkl", 14755 - 1);
            Sandbox.Run r = s.run("import", "--checkpoint", ranks.toString(), "--config", Craft.FIXTURE.resolve("config.json").toString(),
                    "--out", s.out.toString());
            s.expect(r, 2, ranks.resolve("0.pth").toString(), "inflates to more than");
        }));
        String[][] magnitudes = {
                {"\"numExperts\" : 4", "\"numExperts\" : 1000000000", "numExperts is 1000000000; it must be at most 1024"},
                {"\"imageHeight\" : 32", "\"imageHeight\" : 1000000", "imageHeight is 1000000; it must be at most 4096"},
                {"\"depth\" : 2", "\"depth\" : 100000", "depth is 100000; it must be at most 64"},
                {"\"embedDim\" : 16", "\"embedDim\" : 2147483647", "embedDim is 2147483647"},
                {"\"headChannels\" : 8", "\"headChannels\" : 99999999", "headChannels is 99999999"},
                {"\"mlpHidden\" : 32", "\"mlpHidden\" : 1000000000", "mlpHidden is 1000000000"},
                {"\"numHeads\" : 2", "\"numHeads\" : 1000000", "numHeads is 1000000"},
                {"\"expertHidden\" : 16", "\"expertHidden\" : 1000000000", "expertHidden is 1000000000"},
                {"\"channels\" : 3", "\"channels\" : 10000000", "channels is 10000000"},
                {"\"imageHeight\" : 32", "\"imageHeight\" : 1000000000000", "imageHeight"},
                {"\"imageWidth\" : 48", "\"imageWidth\" : -48", "imageWidth -48 is not a positive multiple"},
        };
        for (String[] m : magnitudes) config(c, CRASHES, "config " + m[1].replace("\"", ""), m[0], m[1], m[2]);
        config(c, CRASHES, "config of 49152 patches", () -> Craft.tinyJson("\"patchSize\" : 16", "\"patchSize\" : 1")
                .replace("\"imageHeight\" : 32", "\"imageHeight\" : 1024"), "49152 patches of 1 px; at most 16384");
        config(c, CRASHES, "config within bounds needing terabytes", () -> Craft.tinyJson("\"numExperts\" : 4", "\"numExperts\" : 1024")
                .replace("\"expertHidden\" : 16", "\"expertHidden\" : 16384").replace("\"embedDim\" : 16", "\"embedDim\" : 4096"),
                "more than the 2147483647 one array can hold");
        config(c, CRASHES, "config with 40 tasks", () -> {
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < 40; i++) t.append(i == 0 ? "" : ",").append("{\"name\":\"t").append(i).append("\",\"kind\":\"DEPTH\",\"channels\":1}");
            String json = Craft.tinyJson("\"name\" : \"semseg\"", "\"name\" : \"semseg\"");
            return json.substring(0, json.indexOf("\"tasks\"")) + "\"tasks\" : [" + t + "], \"description\" : \"x\"}";
        }, "40 tasks; at most 32");
        String[][] hardware = {{"\"clockMhz\" : 300.0", "\"clockMhz\" : 1e-300", "clockMhz is 1.0E-300; it must be between 1.0 and 10000.0"},
                {"\"weightBits\" : 16", "\"weightBits\" : 2000000000", "number formats must be at most 64 bits"},
                {"\"ddrPeakGBps\" : 21.3", "\"ddrPeakGBps\" : 1e300", "ddrPeakGBps is 1.0E300"},
                {"\"macRows\" : 16", "\"macRows\" : 2000000000", "macRows is 2000000000; it must be at most 4096"}};
        for (String[] h : hardware) {
            c.add(new Case(CRASHES, "hardware config " + h[1].replace("\"", ""), s -> {
                // the idealised preset keeps the round numbers these cases edit (the as-built one has pl_clk0's 299.97 MHz, DDR4-2133)
                String json = org.m3vit.hw.sim.HardwareJson.toJson(org.m3vit.hw.sim.HardwarePresets.get("edge-moe-zcu102-ideal"));
                assertThat(json).contains(h[0]);
                Path hw = Craft.text(s.in.resolve("hw.json"), json.replace(h[0], h[1]));
                s.expect(s.run("simulate", "--preset", hw.toString(), "--json", s.out.resolve("sim.json").toString()), 2, hw.toString(), h[2]);
                assertThat(s.outputs()).isEmpty();
            }));
        }
        option(c, CRASHES, "render --height 1000000", "--height is 1000000; it must be at most 4096 (it would need", "render", "--height", "1000000", "--out", "{out}");
        option(c, CRASHES, "render --width 99999", "--width is 99999; it must be at most 4096", "render", "--width", "99999", "--out", "{out}");
        option(c, CRASHES, "render --count beyond int", "--count", "render", "--count", "99999999999", "--out", "{out}");
        option(c, CRASHES, "render --count 2 billion", "--count is 2000000000; it must be between 1 and 1000000", "render", "--count", "2000000000", "--out", "{out}");
        option(c, CRASHES, "render --threads 100000", "--threads is 100000", "render", "--bench", "--threads", "100000");
        option(c, CRASHES, "train --batch 1000000", "--batch is 1000000; it must be between 1 and 1024", "train", "--run-dir", "{out}/run", "--batch", "1000000");
        option(c, CRASHES, "train --steps 2 billion", "--steps is 2000000000", "train", "--run-dir", "{out}/run", "--steps", "2000000000");
        option(c, CRASHES, "train --render-threads 5000", "--render-threads is 5000", "train", "--run-dir", "{out}/run", "--render-threads", "5000");
        option(c, CRASHES, "simulate --experts 1000000", "--experts is 1000000; it must be between 1 and 1024", "simulate", "--experts", "1000000");
        option(c, CRASHES, "simulate --bandwidth-bins 2 billion", "--bandwidth-bins is 2000000000", "simulate", "--bandwidth-bins", "2000000000", "--trace", "{out}/t.json");
        option(c, CRASHES, "simulate --top-k above --experts", "--top-k is 9; it must be between 1 and 8", "simulate", "--experts", "8", "--top-k", "9");
        option(c, CRASHES, "eval --count 100 million", "--count is 100000000; it must be between 1 and 1000000", "eval", "--count", "100000000", "--json", "{out}/e.json");
        option(c, CRASHES, "bench model --runs 1 billion", "--runs is 1000000000", "bench", "model", "--runs", "1000000000");
        option(c, CRASHES, "bench memory --passes 0", "--passes is 0", "bench", "memory", "--passes", "0");
        c.add(new Case(CRASHES, "a task list of a million characters gives a short error line", s -> {
            Sandbox.Run r = inferTiny(s, Craft.png(s.in.resolve("a.png")), "--task", "x".repeat(1_000_000));
            s.expect(r, 2, "has no task", "more characters)");
            assertThat(r.err().length()).isLessThan(2000);
        }));
    }

    static void dataLoss(List<Case> c) {
        for (int[] f : new int[][] {{1, 0}, {2, 100}, {3, 10}, {5, 0}}) {
            c.add(new Case(DATA_LOSS, "full disk at output file " + f[0] + " after " + f[1] + " bytes", s -> {
                Craft.png(s.in.resolve("a.png"));
                Craft.png(s.in.resolve("b.png"));
                Sandbox.Run r;
                try (AutoCloseable ignored = AtomicFiles.injectOpener(new FullDisk(f[0], f[1]))) {
                    r = inferTiny(s, s.in);
                }
                s.expect(r, 1, s.out.toString(), ": cannot write: No space left on device; stopped");
                assertThat(r.out()).doesNotContain("b.png ... ok");
                assertThat(s.outputs()).hasSize(f[0] - 1);
            }));
        }
        c.add(new Case(DATA_LOSS, "train cannot append its loss log", s -> {
            Path run = Files.createDirectories(s.out.resolve("run"));
            Files.createDirectories(run.resolve("log.jsonl")); // a folder where the log goes: every append fails
            // was: a warning per step and the run went on without its log
            s.expect(s.run("train", "--run-dir", run.toString(), "--steps", "2", "--batch", "2", "--threads", "1"), 2,
                    run.resolve("log.jsonl").toString(), "cannot write");
        }));
        c.add(new Case(DATA_LOSS, "full disk while simulate writes its JSON", s -> {
            Sandbox.Run r;
            try (AutoCloseable ignored = AtomicFiles.injectOpener(new FullDisk(1, 50))) {
                r = s.run("simulate", "--json", s.out.resolve("sim.json").toString());
            }
            s.expect(r, 2, s.out.resolve("sim.json") + ": cannot write: No space left on device");
            assertThat(s.outputs()).isEmpty();
        }));
        c.add(new Case(DATA_LOSS, "full disk while simulate writes its CSV after the JSON", s -> {
            Sandbox.Run r;
            try (AutoCloseable ignored = AtomicFiles.injectOpener(new FullDisk(2, 1000))) {
                r = s.run("simulate", "--json", s.out.resolve("sim.json").toString(), "--csv", s.out.resolve("ev.csv").toString());
            }
            s.expect(r, 2, s.out.resolve("ev.csv") + ": cannot write: No space left on device");
            assertThat(s.outputs()).extracting(p -> p.getFileName().toString()).containsExactly("sim.json");
        }));
        c.add(new Case(DATA_LOSS, "full disk while render writes a scene", s -> {
            Sandbox.Run r;
            try (AutoCloseable ignored = AtomicFiles.injectOpener(new FullDisk(3, 0))) {
                r = s.run("render", "--count", "1", "--height", "32", "--width", "48", "--out", s.out.toString());
            }
            s.expect(r, 2, ": cannot write: No space left on device");
            assertThat(s.outputs()).hasSize(2);
        }));
        c.add(new Case(DATA_LOSS, "full disk while import writes into a new folder", s -> {
            Sandbox.Run r;
            try (AutoCloseable ignored = AtomicFiles.injectOpener(new FullDisk(2, 64))) {
                r = s.run("import", "--checkpoint", Craft.ranks(s.in.resolve("r")).toString(), "--config",
                        Craft.FIXTURE.resolve("config.json").toString(), "--out", s.out.toString());
            }
            s.expect(r, 2, "model.safetensors: cannot write: No space left on device");
            assertThat(s.out).doesNotExist();
        }));
        c.add(new Case(DATA_LOSS, "full disk while import --force replaces a model keeps the old one", s -> {
            Path old = Craft.modelDir(s.out, null, 0);
            byte[] weights = Files.readAllBytes(old.resolve("model.safetensors"));
            Sandbox.Run r;
            try (AutoCloseable ignored = AtomicFiles.injectOpener(new FullDisk(3, 10))) {
                r = s.run("import", "--force", "--checkpoint", Craft.ranks(s.in.resolve("r")).toString(), "--config",
                        Craft.FIXTURE.resolve("config.json").toString(), "--out", s.out.toString());
            }
            s.expect(r, 2, "import-report.json: cannot write: No space left on device");
            assertThat(Files.readAllBytes(old.resolve("model.safetensors"))).isEqualTo(weights);
            assertThat(s.outputs()).extracting(p -> p.getFileName().toString()).containsExactly("config.json", "model.safetensors");
        }));
        c.add(new Case(DATA_LOSS, "import into a non-empty folder without --force", s -> {
            Path old = Craft.modelDir(s.out, null, 0);
            byte[] weights = Files.readAllBytes(old.resolve("model.safetensors"));
            Sandbox.Run r = s.run("import", "--checkpoint", Craft.ranks(s.in.resolve("r")).toString(), "--config",
                    Craft.FIXTURE.resolve("config.json").toString(), "--out", s.out.toString());
            s.expect(r, 2, s.out.toString(), "the folder is not empty (2 entries)", "--force");
            assertThat(Files.readAllBytes(old.resolve("model.safetensors"))).isEqualTo(weights);
        }));
        c.add(new Case(DATA_LOSS, "import --force replaces every file of the old model", s -> {
            Craft.modelDir(s.out, null, 0);
            Files.writeString(s.out.resolve("notes-about-another-model.txt"), "stale");
            Sandbox.Run r = s.run("import", "--force", "--checkpoint", Craft.ranks(s.in.resolve("r")).toString(), "--config",
                    Craft.FIXTURE.resolve("config.json").toString(), "--out", s.out.toString());
            s.expect(r, 0);
            assertThat(s.outputs()).extracting(p -> p.getFileName().toString())
                    .containsExactly("config.json", "import-report.json", "model.safetensors");
            assertThat(Files.readString(s.out.resolve("config.json"))).contains("torch-reference-tiny");
        }));
        option(c, DATA_LOSS, "eval --json under a regular file is refused before evaluating", "cannot write --json here: it is a file",
                "eval", "--count", "500", "--json", "{in}/file.txt/e.json");
        c.add(new Case(DATA_LOSS, "eval --json naming a folder is refused at once", s -> {
            Files.createDirectories(s.out.resolve("e.json"));
            long t0 = System.nanoTime();
            Sandbox.Run r = s.run("eval", "--count", "500", "--json", s.out.resolve("e.json").toString());
            s.expect(r, 2, s.out.resolve("e.json").toString(), "it is a folder");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        }));
        option(c, DATA_LOSS, "simulate --json naming a folder", "it is a folder", "simulate", "--json", "{in}");
        option(c, DATA_LOSS, "infer --out naming a regular file", "it is a file, not a folder", "infer", "--model", "m3vit-synth",
                "--input", "{in}", "--out", "{in}/file.txt");
        option(c, DATA_LOSS, "render --out naming a regular file", "it is a file, not a folder", "render", "--out", "{in}/file.txt");
    }

    static void silentlyWrong(List<Case> c) {
        Object[][] poison = {{"backbone.blocks.0.attn.qkv.weight", Float.NaN, "NaN"}, {"backbone.cls_token", Float.POSITIVE_INFINITY, "+Inf"},
                {"decoders.depth.conv_4.bias", Float.NEGATIVE_INFINITY, "-Inf"}, {"decoders.semseg.syncbn_fc_0.running_var", Float.NaN, "NaN statistics"}};
        for (Object[] p : poison) {
            c.add(new Case(WRONG, "weights with " + p[2] + " in " + p[0], s -> {
                Path dir = Craft.modelDir(s.in.resolve("model"), (String) p[0], (Float) p[1]);
                Sandbox.Run r = s.run("infer", "--model", dir.toString(), "--input", Craft.png(s.in.resolve("a.png")).toString(),
                        "--out", s.out.toString());
                s.expect(r, 2, dir.resolve("model.safetensors").toString(), "tensor '" + p[0] + "' has ", "NaN or infinite value(s)", "--allow-nonfinite");
                assertThat(s.out).doesNotExist();
            }));
        }
        c.add(new Case(WRONG, "NaN weights loaded on request say so", s -> {
            Path dir = Craft.modelDir(s.in.resolve("model"), "backbone.cls_token", Float.NaN);
            Sandbox.Run r = s.run("infer", "--allow-nonfinite", "--model", dir.toString(), "--input",
                    Craft.png(s.in.resolve("a.png")).toString(), "--out", s.out.toString());
            s.expect(r, 0, "--allow-nonfinite: weights with NaN or Inf were loaded");
        }));
        c.add(new Case(WRONG, "CMYK JPEG", s -> {
            Path jpg = Craft.cmykJpeg(s.in.resolve("cmyk.jpg"));
            s.expect(inferTiny(s, jpg), 1, jpg.toString(), "CMYK (or YCCK) JPEG, which is not supported");
            assertThat(s.outputs()).isEmpty();
        }));
        for (String record : new String[] {"0/data/1", "0/data.pkl", "0/data/104"}) {
            c.add(new Case(WRONG, "checkpoint record " + record + " whose CRC does not match", s -> {
                Path ranks = Craft.ranks(s.in.resolve("ranks"));
                Craft.corruptRecord(ranks.resolve("0.pth"), record);
                Sandbox.Run r = s.run("import", "--checkpoint", ranks.toString(), "--config", Craft.FIXTURE.resolve("config.json").toString(),
                        "--out", s.out.toString());
                s.expect(r, 2, ranks.resolve("0.pth").toString(), "record '" + record + "' is damaged: its CRC-32 is");
                assertThat(s.out).doesNotExist();
            }));
        }
    }

    static void messages(List<Case> c) {
        config(c, MESSAGES, "JSON syntax error", "\"depth\" : 2,", "\"depth\" : 2,,", "line ");
        config(c, MESSAGES, "truncated JSON", () -> Craft.tinyJson("\"name\"", "\"name\"").substring(0, 120), "ends early");
        config(c, MESSAGES, "string where a number belongs", "\"depth\" : 2", "\"depth\" : \"two\"", "at depth: expected a whole number");
        config(c, MESSAGES, "fraction where a whole number belongs", "\"depth\" : 2", "\"depth\" : 2.5", "depth");
        config(c, MESSAGES, "unknown key", "\"depth\" : 2", "\"depht\" : 2", "unknown key 'depht'");
        config(c, MESSAGES, "empty config file", () -> "", "empty");
        config(c, MESSAGES, "tasks null", () -> Craft.tinyJson("\"tasks\" : [", "\"tasks\" : null, \"x\" : [").replaceAll("\"x\" : \\[[\\s\\S]*\\],\\s*\"description\"", "\"description\""),
                "tasks is missing");
        config(c, MESSAGES, "unknown task kind", "\"DEPTH\"", "\"HEIGHT\"", "expected one of SEGMENTATION");
        config(c, MESSAGES, "arrays nested 3000 deep", () -> Craft.tinyJson("\"moeBlocks\" : [ 1 ]", "\"moeBlocks\" : " + "[".repeat(3000) + "]".repeat(3000)),
                "too large or too deeply nested");
        config(c, MESSAGES, "config file of 2 MB", () -> Craft.tinyJson("\"hostile input tests\"", quoted("d".repeat(2 << 20))), "larger than the 1.0 MB accepted");
        config(c, MESSAGES, "config that is a JSON list", () -> "[1, 2, 3]", "not a valid model config");
        c.add(new Case(MESSAGES, "routing trace with a syntax error", s -> {
            Path t = Craft.text(s.in.resolve("t.json"), "{\"format\": \"m3vit-routing-trace\",, }");
            s.expect(s.run("simulate", "--routing-json", t.toString(), "--model", "m3vit-t-cityscapes"), 2, t.toString(), "not valid JSON");
        }));
        c.add(new Case(MESSAGES, "hardware config with an unknown key", s -> {
            Path hw = Craft.text(s.in.resolve("hw.json"), "{\"clockMhzz\": 300}");
            s.expect(s.run("simulate", "--preset", hw.toString()), 2, hw.toString(), "unknown key 'clockMhzz'");
        }));
        c.add(new Case(MESSAGES, "recipe with a negative learning rate", s -> {
            Path recipe = Craft.text(s.in.resolve("recipe.json"), JSON.writeValueAsString(
                    JSON.readTree(JSON.writeValueAsString(org.m3vit.model.train.TrainConfig.defaults()))).replace("\"peakLr\":0.001", "\"peakLr\":-1"));
            s.expect(s.run("train", "--run-dir", s.out.resolve("run").toString(), "--recipe", recipe.toString()), 2, recipe.toString(),
                    "peakLr is -1.0");
        }));
        interventions(c);
        option(c, MESSAGES, "eval with a negative seed", "--seed is -1; it must be between 0 and 999500", "eval", "--seed", "-1", "--json", "{out}/e.json");
        option(c, MESSAGES, "eval with seeds reaching the training seeds", "--seed is 999999; it must be between 0 and 999500", "eval", "--seed", "999999", "--json", "{out}/e.json");
        option(c, MESSAGES, "train --stop-after -1", "--stop-after is -1; it must be between 1 and", "train", "--run-dir", "{out}/run", "--stop-after", "-1");
        option(c, MESSAGES, "train --stop-after 0", "--stop-after is 0", "train", "--run-dir", "{out}/run", "--stop-after", "0");
        option(c, MESSAGES, "train --threads 0", "--threads is 0", "train", "--run-dir", "{out}/run", "--threads", "0");
        option(c, MESSAGES, "infer --out ''", "--out: the path is empty", "infer", "--model", "m3vit-synth", "--input", "{in}/a.png", "--out", "");
        option(c, MESSAGES, "render --out ''", "--out: the path is empty", "render", "--out", "");
        option(c, MESSAGES, "import --out ''", "--out: the path is empty", "import", "--checkpoint", "{in}", "--out", "");
        option(c, MESSAGES, "train --run-dir ''", "--run-dir: the path is empty", "train", "--run-dir", "");
        option(c, MESSAGES, "eval --json ''", "--json: the path is empty", "eval", "--json", "");
        option(c, MESSAGES, "simulate --csv ''", "--csv: the path is empty", "simulate", "--csv", "");
        option(c, MESSAGES, "infer --model ''", "the name is empty", "infer", "--model", "", "--input", "{in}/a.png", "--out", "{out}");
        option(c, MESSAGES, "unknown option", "Unknown option: '--frobnicate' (see: m3vit render --help)", "render", "--frobnicate");
        option(c, MESSAGES, "render --count not a number", "Invalid value for option '--count'", "render", "--count", "many", "--out", "{out}");
        option(c, MESSAGES, "bench sim --runs 0", "--runs is 0", "bench", "sim", "--runs", "0");
        option(c, MESSAGES, "bench train --warmup -1", "--warmup is -1", "bench", "train", "--warmup", "-1");
        for (String cmd : new String[] {"bench", "bench model", "bench sim"}) {
            c.add(new Case(MESSAGES, cmd + " --help", s -> {
                List<String> a = new ArrayList<>(List.of(cmd.split(" ")));
                a.add("--help");
                Sandbox.Run r = s.run(a.toArray(String[]::new));
                s.expect(r, 0);
                assertThat(r.out()).contains("Usage: m3vit " + cmd);
            }));
        }
        pickle(c, MESSAGES, "pickle SETITEMS on an empty stack", () -> Pk.proto().raw('u').stop(), "finds too few values on the stack");
        pickle(c, MESSAGES, "pickle REDUCE on an empty stack", () -> Pk.proto().raw('R').stop(), "finds too few values on the stack");
        pickle(c, MESSAGES, "pickle STOP on an empty stack", () -> Pk.proto().stop(), "finds too few values on the stack");
        pickle(c, MESSAGES, "pickle APPEND to a number", () -> Pk.proto().small(1).small(2).raw('a').stop(), "appends to 1, not a list");
        pickle(c, MESSAGES, "pickle REDUCE of a number", () -> Pk.proto().small(1).raw(')').raw('R').stop(), "calls 1, which is not a class");
        pickle(c, MESSAGES, "pickle dict key that is a list", () -> Pk.proto().raw('}').raw(']').raw('N').raw('s').stop(), "unhashable type 'list'");
        pickle(c, MESSAGES, "pickle dict key that is a dict", () -> Pk.proto().raw('}').raw('(').raw('}').raw('N').raw('d').raw('N', 's').stop(), "unhashable type 'dict'");
        pickle(c, MESSAGES, "pickle set item that is a list", () -> Pk.proto().raw(0x8f).raw('(').raw(']').raw(0x90).stop(), "unhashable type 'list'");
        pickle(c, MESSAGES, "pickle tuple key holding a set", () -> Pk.proto().raw('}').raw(0x8f).raw(0x85).raw('N', 's').stop(), "unhashable type 'set'");
        pickle(c, MESSAGES, "pickle ending on a stray MARK", () -> Pk.proto().raw('(').stop(), "a stray MARK");
        pickle(c, MESSAGES, "pickle that is a list", () -> Pk.proto().raw(']').stop(), "holds a list of 0 items, not a checkpoint dict");
        pickle(c, MESSAGES, "pickle cut inside a string", () -> Pk.proto().raw('X').le(10, 4).text("abc").cut(), "claims a record of 10 bytes, but only 3 bytes remain");
        pickle(c, MESSAGES, "pickle with an unknown opcode", () -> Pk.proto().raw(0xff).stop(), "data.pkl is not a readable checkpoint pickle");
        pickle(c, MESSAGES, "pickle state_dict with a tuple key", () -> Pk.proto().raw('}').str("state_dict").raw('}').small(1).raw(0x85)
                .raw('N', 's', 's').stop(), "state_dict has the key a tuple of 1 items; tensor names are strings");
        pickle(c, MESSAGES, "pickle rebuild_tensor with junk arguments", () -> Pk.proto().raw('}').str("w").raw('c').text("torch._utils\n_rebuild_tensor_v2\n")
                .raw('(').small(1).raw('t', 'R', 's').stop(), "called with unexpected arguments (1)");
    }

    static void costs(List<Case> c) {
        option(c, COSTS, "simulate a sequence of 300 inferences", "number of --tasks is 300; it must be between 1 and 256", "simulate",
                "--tasks", String.join(",", Collections.nCopies(300, "semseg")));
        option(c, COSTS, "simulate 256 inferences whose events would not fit in memory",
                "events each (every event is kept) needs about 9.6 GB of memory", "simulate",
                "--model", "m3vit-t-cityscapes", "--experts", "64", "--top-k", "8", "--schedule", "naive-refetch",
                "--tasks", String.join(",", Collections.nCopies(256, "semseg")));
        c.add(new Case(COSTS, "simulate 300 routing files", s -> {
            Path t = Craft.text(s.in.resolve("t.json"), "{}");
            Sandbox.Run r = s.run("simulate", "--model", "m3vit-t-cityscapes", "--routing-json", String.join(",", Collections.nCopies(300, t.toString())));
            s.expect(r, 2, "number of --routing-json files is 300; it must be between 1 and 256");
        }));
    }
}
