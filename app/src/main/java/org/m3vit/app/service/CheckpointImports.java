package org.m3vit.app.service;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.checkpoint.CheckpointException;
import org.m3vit.model.checkpoint.CheckpointImporter;
import org.m3vit.model.checkpoint.ImportReport;
import org.m3vit.model.io.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * The explorer's "Open checkpoint": which config a checkpoint is checked against (a preset, a
 * JSON file, or the one preset its shapes match), the default output folder, and the import
 * itself through the model module's {@link CheckpointImporter}, cancellable between tensors.
 */
public final class CheckpointImports {


    /** Which config the checkpoint must match. */
    public sealed interface ConfigChoice {
        /** A named preset. */
        record Preset(String name) implements ConfigChoice { }
        /** A config JSON file. */
        record JsonFile(Path file) implements ConfigChoice { }
        /** The only preset whose values the checkpoint's shapes agree with. */
        record Inferred() implements ConfigChoice { }
    }

    /** What the person chose in the dialog; {@code replace}: they agreed to replace what {@code out} holds. */
    public record Request(Path checkpoint, ConfigChoice config, Path out, boolean replace) {

        /** A request that does not replace a non-empty folder. */
        public Request(Path checkpoint, ConfigChoice config, Path out) { this(checkpoint, config, out, false); }

        /** The same request, allowed to replace the folder's contents. */
        public Request replacing() { return new Request(checkpoint, config, out, true); }
    }

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
     * cancelled (before anything is written). A non-empty output folder is refused with a
     * {@link FolderNotEmptyException} unless the request replaces it; then the new folder is built
     * beside it and swapped in when complete, so a failed import leaves the old one as it was.
     */
    public static ImportReport run(Request request, BackgroundRunner.Progress progress) throws IOException {
        if (!request.replace()) checkOutput(request.out());
        ModelConfig config = resolve(request.config(), request.checkpoint());
        return CheckpointImporter.importCheckpoint(request.checkpoint(), config, request.out(), request.replace(), false, (fraction, message) -> {
            if (progress.isCancelled()) throw new CancellationException("import cancelled");
            progress.update(fraction, message);
        });
    }

    private static void checkOutput(Path out) throws IOException {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) throw new IOException(out + ": the output folder is a file");
        List<String> names;
        try (Stream<Path> s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (names.isEmpty()) return;
        boolean earlierImport = names.contains(ModelFiles.CONFIG) && names.contains(ModelFiles.WEIGHTS)
                && names.stream().allMatch(n -> n.equals(ModelFiles.CONFIG) || n.equals(ModelFiles.WEIGHTS)
                        || n.equals(CheckpointImporter.REPORT_FILE));
        throw new FolderNotEmptyException(out, earlierImport ? "an earlier import (" + String.join(", ", names) + ")"
                : names.size() + (names.size() == 1 ? " entry (" : " entries (") + String.join(", ", names.subList(0, Math.min(3, names.size())))
                        + (names.size() > 3 ? ", ..." : "") + ")");
    }
}
