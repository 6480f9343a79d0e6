package org.m3vit.hw.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.RoutingTrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes routing traces as JSON (Jackson form of {@link RoutingTrace}): one trace, or an array of them. */
public final class RoutingJson {

    private RoutingJson() { }

    /** Writes {@code traces} as a JSON array. */
    public static void write(List<RoutingTrace> traces, Path file) throws IOException {
        ConfigJson.MAPPER.writeValue(file.toFile(), traces);
    }

    /** Reads one trace or an array of traces; the error names the file and the problem. */
    public static List<RoutingTrace> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": routing file not found");
        try {
            JsonNode root = ConfigJson.MAPPER.readTree(file.toFile());
            List<RoutingTrace> list = new ArrayList<>();
            if (root.isArray()) {
                for (JsonNode n : root) list.add(ConfigJson.MAPPER.treeToValue(n, RoutingTrace.class));
            } else {
                list.add(ConfigJson.MAPPER.treeToValue(root, RoutingTrace.class));
            }
            if (list.isEmpty()) throw new IOException(file + ": no routing traces in the file");
            return list;
        } catch (IOException | IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e;
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            throw new IOException(file + ": not a valid routing trace file: " + root.getMessage(), e);
        }
    }
}
