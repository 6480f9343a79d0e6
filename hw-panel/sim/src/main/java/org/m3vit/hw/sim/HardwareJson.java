package org.m3vit.hw.sim;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.InputFiles;
import org.m3vit.model.guard.JsonErrors;
import org.m3vit.model.guard.RecordJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link HardwareConfig} as JSON, and resolves a "preset name or JSON file" argument. */
public final class HardwareJson {

    private HardwareJson() { }

    /** JSON text of {@code config}. */
    public static String toJson(HardwareConfig config) {
        try {
            return ConfigJson.MAPPER.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses JSON text; unknown keys are an error, and the message is the root problem. */
    public static HardwareConfig parse(String json) throws IOException {
        try {
            return HardwareLimits.check(RecordJson.read(ConfigJson.MAPPER, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), HardwareConfig.class));
        } catch (IOException e) {
            throw new IOException(JsonErrors.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes {@code config} to {@code file}. */
    public static void write(HardwareConfig config, Path file) throws IOException {
        AtomicFiles.write(file, toJson(config).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A preset name or a hardware JSON file; the error names the file and the problem. */
    public static HardwareConfig resolve(String presetOrPath) throws IOException {
        if (HardwarePresets.exists(presetOrPath)) return HardwarePresets.get(presetOrPath);
        Path p = Path.of(presetOrPath);
        if (!Files.exists(p)) {
            throw new IOException("'" + presetOrPath + "' is neither a hardware preset " + HardwarePresets.names() + " nor an existing file");
        }
        InputFiles.requireRegular(p, "hardware config file", 1 << 20);
        try {
            return parse(Files.readString(p));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(p + ": not a valid hardware config: " + (e instanceof IOException ? e.getMessage() : JsonErrors.describe(e)), e);
        }
    }
}
