package org.m3vit.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.InputFiles;
import org.m3vit.model.guard.JsonErrors;
import org.m3vit.model.guard.RecordJson;
import org.m3vit.model.io.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link ModelConfig} as JSON, and resolves a "preset name or JSON file" argument. */
public final class ConfigJson {

    /** The shared mapper: pretty output, unknown keys are an error (a typo must not pass silently). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** Largest config file read. */
    public static final long MAX_BYTES = 1 << 20;

    private ConfigJson() { }

    /** Writes {@code config} to {@code file}. */
    public static void write(ModelConfig config, Path file) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(config);
        AtomicFiles.write(file, json);
    }

    /** JSON text of {@code config}. */
    public static String toJson(ModelConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a config from {@code file}; the error names the file and the problem. */
    public static ModelConfig read(Path file) throws IOException {
        InputFiles.requireRegular(file, "config file", MAX_BYTES);
        try {
            return RecordJson.read(MAPPER, Files.readAllBytes(file), ModelConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a valid model config: " + JsonErrors.describe(e), e);
        }
    }

    /** Parses JSON text. */
    public static ModelConfig parse(String json) throws IOException {
        return MAPPER.readValue(json, ModelConfig.class);
    }

    /** A preset name, a config JSON file, or a model directory holding {@code config.json}. */
    public static ModelConfig resolve(String presetOrPath) throws IOException {
        if (Presets.exists(presetOrPath)) return Presets.get(presetOrPath);
        Path p = Path.of(presetOrPath);
        if (Files.isDirectory(p)) p = p.resolve(ModelFiles.CONFIG);
        if (!Files.exists(p)) {
            throw new IOException("'" + presetOrPath + "' is neither a preset " + Presets.names() + " nor an existing config file");
        }
        return read(p);
    }
}
