package org.m3vit.model.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.m3vit.model.LayerMacs;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.MacCount;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TokenSelection;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.InputFiles;
import org.m3vit.model.guard.JsonErrors;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.guard.Names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link RoutingTrace} as JSON and reads it back, checking every shape; the schema
 * ({@value #FORMAT}, version {@value #VERSION}) is documented in docs/formats.md. Floats are
 * written in their shortest exact form, so a read-back trace equals the written one bit for bit.
 * Version 2 added the {@code intervention} key (null for the gates' own routing); version 1 files,
 * which have none, are read as traces without an intervention.
 */
public final class RoutingTraceJson {

    /** Value of the {@code format} key. */
    public static final String FORMAT = "m3vit-routing-trace";
    /** Value of the {@code version} key this code writes and reads. */
    public static final int VERSION = 2;
    /** The oldest version this code reads. */
    public static final int OLDEST_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    /** Objects indented, arrays on one line: a layer's token rows stay compact. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

    /** Largest routing trace file read. */
    public static final long MAX_BYTES = 256L << 20;

    private RoutingTraceJson() { }

    /** Writes {@code trace} to {@code file} (parent folders are created). */
    public static void write(RoutingTrace trace, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Document d = toDocument(trace);
        AtomicFiles.write(file, out -> WRITER.writeValue(out, d));
    }

    /** The JSON text of {@code trace}. */
    public static String toJson(RoutingTrace trace) {
        try {
            return WRITER.writeValueAsString(toDocument(trace));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise routing trace of " + trace.task(), e);
        }
    }

    /** Reads a trace from {@code file}; errors name the file and the problem. */
    public static RoutingTrace read(Path file) throws IOException {
        InputFiles.requireRegular(file, "routing trace file", MAX_BYTES);
        return fromDocument(document(Files.readAllBytes(file), file.toString()), file.toString());
    }

    /** Parses JSON text; {@code source} names it in errors. */
    public static RoutingTrace parse(String json, String source) throws IOException {
        return fromDocument(document(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), source), source);
    }

    /** The document in {@code bytes}; a version 1 file gets {@code "intervention": null}, the key it predates. */
    private static Document document(byte[] bytes, String source) throws IOException {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree instanceof ObjectNode o && o.path("version").isInt() && o.get("version").intValue() == 1 && !o.has("intervention")) {
                o.putNull("intervention");
                return MAPPER.treeToValue(o, Document.class);
            }
            return MAPPER.readValue(bytes, Document.class); // parsed again so that errors name their line and column
        } catch (IOException e) {
            throw new IOException(source + ": not a routing trace JSON: " + JsonErrors.describe(e), e);
        }
    }

    private static Document toDocument(RoutingTrace t) {
        List<Layer> layers = new ArrayList<>();
        for (LayerRouting l : t.layers()) {
            layers.add(new Layer(l.block(), l.tokensPerExpert(), l.experts(), l.weights(), l.probabilities()));
        }
        Macs macs = null;
        if (t.macs() != null) {
            MacCount m = t.macs();
            macs = new Macs(m.executed(), m.denseAllExperts(), m.allTasks(), m.layers());
        }
        return new Document(FORMAT, VERSION, t.model(), t.task(), t.taskIndex(), t.gridHeight(), t.gridWidth(),
                t.numTokens(), t.numExperts(), t.topK(), intervention(t.intervention()), layers, macs);
    }

    private static Intervention intervention(RoutingIntervention i) {
        if (i.isEmpty()) return null;
        List<Off> off = new ArrayList<>();
        for (RoutingIntervention.ExpertOff d : i.disabled()) off.add(new Off(block(d.block()), d.expert()));
        List<Forced> forced = new ArrayList<>();
        for (RoutingIntervention.ExpertForced f : i.forced()) forced.add(new Forced(block(f.block()), f.expert(), f.tokens().toString()));
        return new Intervention(i.describe(), i.gatesOf(), off, forced);
    }

    private static JsonNode block(int block) {
        return block == RoutingIntervention.ALL_BLOCKS ? TextNode.valueOf("all") : IntNode.valueOf(block);
    }

    private static RoutingIntervention intervention(Intervention d, Document doc, List<LayerRouting> layers, String source) throws IOException {
        if (d == null) return RoutingIntervention.NONE;
        String where = source + ": intervention: ";
        if (d.disabled() == null || d.forced() == null) throw new IOException(where + "'disabled' and 'forced' are required (use [] for none)");
        try {
            if (d.gatesOf() != null) Names.fileSafe("gatesOf task name", d.gatesOf());
            List<RoutingIntervention.ExpertOff> off = new ArrayList<>();
            for (Off o : d.disabled()) off.add(new RoutingIntervention.ExpertOff(block(o.block(), layers), expert(o.expert(), doc)));
            List<RoutingIntervention.ExpertForced> forced = new ArrayList<>();
            for (Forced f : d.forced()) {
                if (f.tokens() == null) throw new IllegalArgumentException("a forced expert needs 'tokens' (\"all\" or a list such as \"3,4,10-20\")");
                TokenSelection tokens = TokenSelection.parse(f.tokens());
                if (tokens.max() >= doc.numTokens()) throw new IllegalArgumentException("token " + tokens.max() + " is beyond the trace's " + doc.numTokens() + " tokens");
                forced.add(new RoutingIntervention.ExpertForced(block(f.block(), layers), expert(f.expert(), doc), tokens));
            }
            return new RoutingIntervention(off, forced, d.gatesOf());
        } catch (IllegalArgumentException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    private static int block(JsonNode node, List<LayerRouting> layers) {
        if (node != null && node.isTextual() && node.textValue().equals("all")) return RoutingIntervention.ALL_BLOCKS;
        if (node == null || !node.isInt()) throw new IllegalArgumentException("a block is a MoE block number or \"all\", not " + node);
        int b = node.intValue();
        if (layers.stream().noneMatch(l -> l.block() == b)) {
            throw new IllegalArgumentException("block " + b + " is not one of the trace's MoE blocks "
                    + layers.stream().map(l -> String.valueOf(l.block())).toList());
        }
        return b;
    }

    private static int expert(int e, Document doc) {
        if (e < 0 || e >= doc.numExperts()) throw new IllegalArgumentException("expert " + e + " is out of range 0.." + (doc.numExperts() - 1));
        return e;
    }

    private static RoutingTrace fromDocument(Document d, String source) throws IOException {
        if (!FORMAT.equals(d.format())) throw new IOException(source + ": format is '" + d.format() + "', expected '" + FORMAT + "'");
        if (d.version() < OLDEST_VERSION || d.version() > VERSION) {
            throw new IOException(source + ": version " + d.version() + " is not supported (this program reads " + OLDEST_VERSION + " to " + VERSION + ")");
        }
        if (d.model() == null || d.task() == null) throw new IOException(source + ": 'model' and 'task' are required");
        if (d.gridHeight() < 1 || d.gridWidth() < 1) throw new IOException(source + ": grid " + d.gridHeight() + " x " + d.gridWidth() + " is empty");
        if ((long) d.gridHeight() * d.gridWidth() > Limits.PATCHES || d.numExperts() > Limits.EXPERTS) {
            throw new IOException(source + ": grid " + d.gridHeight() + " x " + d.gridWidth() + " with " + d.numExperts()
                    + " experts is beyond the limits (" + Limits.PATCHES + " patches, " + Limits.EXPERTS + " experts)");
        }
        try {
            Names.plainText("model", d.model());
            Names.plainText("task", d.task());
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        int tokens = d.gridHeight() * d.gridWidth() + 1;
        if (d.numTokens() != tokens) {
            throw new IOException(source + ": numTokens " + d.numTokens() + " does not match the grid " + d.gridHeight() + " x " + d.gridWidth() + " + cls = " + tokens);
        }
        if (d.numExperts() < 1 || d.topK() < 1 || d.topK() > d.numExperts()) {
            throw new IOException(source + ": topK " + d.topK() + " of " + d.numExperts() + " experts is impossible");
        }
        if (d.layers() == null) throw new IOException(source + ": 'layers' is missing");
        List<LayerRouting> layers = new ArrayList<>();
        for (Layer l : d.layers()) layers.add(checkedLayer(l, d, tokens, source));
        MacCount macs = null;
        if (d.macs() != null) {
            macs = new MacCount(d.macs().layers() == null ? List.of() : d.macs().layers());
            if (macs.executed() != d.macs().executed() || macs.denseAllExperts() != d.macs().denseAllExperts()
                    || macs.allTasks() != d.macs().allTasks()) {
                throw new IOException(source + ": macs totals do not equal the sums of macs.layers");
            }
        }
        return new RoutingTrace(d.model(), d.task(), d.taskIndex(), d.gridHeight(), d.gridWidth(), d.numExperts(), d.topK(), layers, macs,
                intervention(d.intervention(), d, layers, source));
    }

    private static LayerRouting checkedLayer(Layer l, Document d, int tokens, String source) throws IOException {
        String where = source + ": layer of block " + l.block();
        if (l.experts() == null || l.weights() == null || l.probabilities() == null) {
            throw new IOException(where + ": 'experts', 'weights' and 'probabilities' are required");
        }
        if (l.experts().length != tokens || l.weights().length != tokens || l.probabilities().length != tokens) {
            throw new IOException(where + ": " + l.experts().length + " / " + l.weights().length + " / " + l.probabilities().length
                    + " rows of experts / weights / probabilities, expected " + tokens + " tokens");
        }
        for (int t = 0; t < tokens; t++) {
            int[] e = l.experts()[t];
            if (e == null || e.length != d.topK() || l.weights()[t] == null || l.weights()[t].length != d.topK()) {
                throw new IOException(where + ": token " + t + " must have " + d.topK() + " experts and weights");
            }
            for (int id : e) {
                if (id < 0 || id >= d.numExperts()) throw new IOException(where + ": token " + t + " names expert " + id + " of " + d.numExperts());
            }
            if (l.probabilities()[t] == null || l.probabilities()[t].length != d.numExperts()) {
                throw new IOException(where + ": token " + t + " must have " + d.numExperts() + " probabilities");
            }
        }
        LayerRouting routing = new LayerRouting(l.block(), l.experts(), l.weights(), l.probabilities());
        if (l.tokensPerExpert() != null && !Arrays.equals(l.tokensPerExpert(), routing.tokensPerExpert())) {
            throw new IOException(where + ": tokensPerExpert " + Arrays.toString(l.tokensPerExpert())
                    + " does not match the experts listed " + Arrays.toString(routing.tokensPerExpert()));
        }
        return routing;
    }

    /** The file's top-level object. */
    @JsonPropertyOrder({"format", "version", "model", "task", "taskIndex", "gridHeight", "gridWidth", "numTokens",
            "numExperts", "topK", "intervention", "layers", "macs"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Document(String format, int version, String model, String task, int taskIndex, int gridHeight, int gridWidth,
                    int numTokens, int numExperts, int topK, Intervention intervention, List<Layer> layers, Macs macs) { }

    /** The routing intervention of the pass; {@code summary} is for people and not read back. */
    @JsonPropertyOrder({"summary", "gatesOf", "disabled", "forced"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Intervention(String summary, String gatesOf, List<Off> disabled, List<Forced> forced) { }

    /** An expert switched off; block is a number or "all". */
    @JsonPropertyOrder({"block", "expert"})
    record Off(JsonNode block, int expert) { }

    /** An expert forced on tokens ("all" or a list such as "3,4,10-20"); block is a number or "all". */
    @JsonPropertyOrder({"block", "expert", "tokens"})
    record Forced(JsonNode block, int expert, String tokens) { }

    /** One MoE block's routing; tokensPerExpert is derived and checked on reading. */
    @JsonPropertyOrder({"block", "tokensPerExpert", "experts", "weights", "probabilities"})
    record Layer(int block, int[] tokensPerExpert, int[][] experts, float[][] weights, float[][] probabilities) { }

    /** MAC totals (sums of the rows) and the per-layer rows. */
    @JsonPropertyOrder({"executed", "denseAllExperts", "allTasks", "layers"})
    record Macs(long executed, long denseAllExperts, long allTasks, List<LayerMacs> layers) { }
}
