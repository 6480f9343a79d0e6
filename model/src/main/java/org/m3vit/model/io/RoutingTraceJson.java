package org.m3vit.model.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.m3vit.model.LayerMacs;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.MacCount;
import org.m3vit.model.RoutingTrace;
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
 */
public final class RoutingTraceJson {

    /** Value of the {@code format} key. */
    public static final String FORMAT = "m3vit-routing-trace";
    /** Value of the {@code version} key this code writes and reads. */
    public static final int VERSION = 1;

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
        Document d;
        try {
            d = MAPPER.readValue(Files.readAllBytes(file), Document.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a routing trace JSON: " + JsonErrors.describe(e), e);
        }
        return fromDocument(d, file.toString());
    }

    /** Parses JSON text; {@code source} names it in errors. */
    public static RoutingTrace parse(String json, String source) throws IOException {
        Document d;
        try {
            d = MAPPER.readValue(json, Document.class);
        } catch (IOException e) {
            throw new IOException(source + ": not a routing trace JSON: " + JsonErrors.describe(e), e);
        }
        return fromDocument(d, source);
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
                t.numTokens(), t.numExperts(), t.topK(), layers, macs);
    }

    private static RoutingTrace fromDocument(Document d, String source) throws IOException {
        if (!FORMAT.equals(d.format())) throw new IOException(source + ": format is '" + d.format() + "', expected '" + FORMAT + "'");
        if (d.version() != VERSION) throw new IOException(source + ": version " + d.version() + " is not supported (this program reads " + VERSION + ")");
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
        return new RoutingTrace(d.model(), d.task(), d.taskIndex(), d.gridHeight(), d.gridWidth(), d.numExperts(), d.topK(), layers, macs);
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
            "numExperts", "topK", "layers", "macs"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Document(String format, int version, String model, String task, int taskIndex, int gridHeight, int gridWidth,
                    int numTokens, int numExperts, int topK, List<Layer> layers, Macs macs) { }

    /** One MoE block's routing; tokensPerExpert is derived and checked on reading. */
    @JsonPropertyOrder({"block", "tokensPerExpert", "experts", "weights", "probabilities"})
    record Layer(int block, int[] tokensPerExpert, int[][] experts, float[][] weights, float[][] probabilities) { }

    /** MAC totals (sums of the rows) and the per-layer rows. */
    @JsonPropertyOrder({"executed", "denseAllExperts", "allTasks", "layers"})
    record Macs(long executed, long denseAllExperts, long allTasks, List<LayerMacs> layers) { }
}
