package org.m3vit.app.service;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.checkpoint.CheckpointException;
import org.m3vit.model.checkpoint.CheckpointImporter;
import org.m3vit.model.checkpoint.ImportReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * The explorer's "Open checkpoint": which config a checkpoint is checked against (a preset, a
 * JSON file, or the one preset its shapes match), the default output folder, and the import
 * itself through the model module's {@link CheckpointImporter}, cancellable between tensors.
 */
public final class CheckpointImports {

    /** Files an earlier import leaves in its folder; a folder holding anything else is not overwritten. */
    private static final Set<String> IMPORT_FILES = Set.of(CheckpointImporter.CONFIG_FILE, CheckpointImporter.WEIGHTS_FILE,
            CheckpointImporter.REPORT_FILE);

    /** Which config the checkpoint must match. */
    public sealed interface ConfigChoice {
        /** A named preset. */
        record Preset(String name) implements ConfigChoice { }
        /** A config JSON file. */
        record JsonFile(Path file) implements ConfigChoice { }
        /** The only preset whose values the checkpoint's shapes agree with. */
        record Inferred() implements ConfigChoice { }
    }

    /** What the person chose in the dialog. */
    public record Request(Path checkpoint, ConfigChoice config, Path out) { }

    private CheckpointImports() { }

    /** {@code ~/.m3vit/imported/<name>}, the name being the checkpoint's without {@code .pth}, {@code .tar}, {@code .pt}. */
    public static Path defaultOutput(Path checkpoint) {
        return Path.of(System.getProperty("user.home"), ".m3vit", "imported", stem(checkpoint));
    }

    static String stem(Path checkpoint) {
        Path name = checkpoint.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "checkpoint" : name.toString();
        String lower = s.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".pth.tar", ".pth", ".pt", ".tar")) {
            if (lower.endsWith(ext) && s.length() > ext.length()) return s.substring(0, s.length() - ext.length());
        }
        return s;
    }

    /** The presets the checkpoint's shapes agree with (reads the pickle only, no tensor data). */
    public static List<String> matchingPresets(Path checkpoint) throws CheckpointException {
        return CheckpointImporter.matchingPresets(CheckpointImporter.inspect(checkpoint), checkpoint);
    }

    /** The config of {@code choice}; "infer" fails naming the checkpoint unless exactly one preset matches it. */
    public static ModelConfig resolve(ConfigChoice choice, Path checkpoint) throws IOException {
        if (choice instanceof ConfigChoice.Preset p) return Presets.get(p.name());
        if (choice instanceof ConfigChoice.JsonFile j) return ConfigJson.read(j.file());
        List<String> matching = matchingPresets(checkpoint);
        if (matching.size() != 1) {
            throw new CheckpointException(checkpoint, "the config cannot be inferred: "
                    + (matching.isEmpty() ? "no preset matches its shapes (" + CheckpointImporter.inspect(checkpoint).describe()
                            + "); choose a config JSON file" : "several presets match (" + String.join(", ", matching) + "); choose one"));
        }
        return Presets.get(matching.get(0));
    }

    /**
     * Imports {@code request}; stops with a {@link CancellationException} when {@code progress} is
     * cancelled (before anything is written). Refuses an output folder that holds other files.
     */
    public static ImportReport run(Request request, BackgroundRunner.Progress progress) throws IOException {
        checkOutput(request.out());
        ModelConfig config = resolve(request.config(), request.checkpoint());
        return CheckpointImporter.importCheckpoint(request.checkpoint(), config, request.out(), (fraction, message) -> {
            if (progress.isCancelled()) throw new CancellationException("import cancelled");
            progress.update(fraction, message);
        });
    }

    private static void checkOutput(Path out) throws IOException {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) throw new IOException(out + ": the output folder is a file");
        try (Stream<Path> s = Files.list(out)) {
            List<String> other = s.map(p -> p.getFileName().toString()).filter(n -> !IMPORT_FILES.contains(n)).sorted().toList();
            if (!other.isEmpty()) {
                throw new IOException(out + ": the output folder holds other files (" + String.join(", ", other.subList(0, Math.min(3, other.size())))
                        + (other.size() > 3 ? ", ..." : "") + "); choose an empty folder or an earlier import's");
            }
        }
    }
}
