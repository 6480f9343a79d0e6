package org.m3vit.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.m3vit.hw.panel.HardwarePanelModel;
import org.m3vit.hw.sim.HardwareJson;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.ConfigJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the hardware panel remembers between runs, in {@code hardware-panel.json} beside the window's
 * settings: the hardware config as edited, the task-switch sequence and whether it is used.
 */
public final class HardwarePanelMemory {

    private HardwarePanelMemory() { }

    /** Puts the remembered state into {@code m}; an absent file changes nothing, an unreadable one is reported and ignored. */
    public static void restore(HardwarePanelModel m, Path file, Consumer<String> log) {
        if (!Files.isRegularFile(file)) return;
        try {
            JsonNode root = ConfigJson.MAPPER.readTree(Files.readString(file));
            if (root.hasNonNull("hardware")) m.hardwareProperty().set(HardwareJson.parse(root.get("hardware").toString()));
            List<String> seq = new ArrayList<>();
            if (root.has("sequence")) root.get("sequence").forEach(t -> seq.add(t.asText()));
            if (!seq.isEmpty()) m.sequence().setAll(seq);
            if (root.has("useSequence")) m.useSequenceProperty().set(root.get("useSequence").asBoolean());
        } catch (IOException | RuntimeException e) {
            log.accept("ignoring unreadable " + file + ": " + e.getMessage());
        }
    }

    /** Writes the state of {@code m} (atomically: a failed write leaves the previous file). */
    public static void save(HardwarePanelModel m, Path file) throws IOException {
        ObjectNode root = ConfigJson.MAPPER.createObjectNode();
        root.set("hardware", ConfigJson.MAPPER.readTree(HardwareJson.toJson(m.hardwareProperty().get())));
        root.putPOJO("sequence", List.copyOf(m.sequence()));
        root.put("useSequence", m.useSequenceProperty().get());
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> ConfigJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }
}
