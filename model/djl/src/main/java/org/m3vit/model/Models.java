package org.m3vit.model;

import org.m3vit.model.io.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens models by directory or preset name, and finds the bundled default model. */
public final class Models {

    /** Seed of the random weights used when no trained model is bundled. */
    public static final long DEFAULT_SEED = 42;

    private Models() { }

    /** A model directory (config.json + model.safetensors) is loaded; a preset name gets random weights from {@code seed}. */
    public static M3ViTModel open(String dirOrPresetName, long seed) throws IOException {
        return open(dirOrPresetName, seed, false);
    }

    /** {@link #open(String, long)}; {@code allowNonFinite} loads weights holding NaN or Inf instead of refusing them. */
    public static M3ViTModel open(String dirOrPresetName, long seed, boolean allowNonFinite) throws IOException {
        if (dirOrPresetName.isEmpty()) throw new IOException("--model: the name is empty");
        Path dir = Path.of(dirOrPresetName);
        if (Files.isDirectory(dir)) return M3ViTModel.load(dir, allowNonFinite);
        if (Presets.exists(dirOrPresetName)) return M3ViTModel.random(Presets.get(dirOrPresetName), seed);
        throw new IOException("'" + dirOrPresetName + "' is neither a model directory nor a preset " + Presets.names());
    }

    /** Where the trained default model lives: {@code $m3vit.home/model/bundled/m3vit-synth}. */
    public static Path bundledDirectory() {
        return Path.of(System.getProperty("m3vit.home", "."), "model", "bundled", Presets.DEFAULT);
    }

    /** The bundled model if its weights are there, else m3vit-synth with random weights (seed 42), marked untrained. */
    public static M3ViTModel openDefault() throws IOException {
        Path dir = bundledDirectory();
        if (Files.isRegularFile(dir.resolve(ModelFiles.WEIGHTS))) return M3ViTModel.load(dir);
        return M3ViTModel.random(Presets.get(Presets.DEFAULT), DEFAULT_SEED);
    }
}
