package org.m3vit.model.checkpoint;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.FolderSwap;
import org.m3vit.model.guard.Limits;
import org.m3vit.model.io.ModelFiles;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightCheck;
import org.m3vit.model.io.WeightLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Imports a checkpoint written by the published M³ViT training code (one {@code torch.save} file,
 * or a directory of per-rank files) into our model format: a directory with {@code config.json},
 * {@code model.safetensors} and {@code import-report.json}. The service behind {@code m3vit import}.
 */
public final class CheckpointImporter {

    /** The import report's file name inside the output directory, beside the model's own two ({@link org.m3vit.model.io.ModelFiles}). */
    public static final String REPORT_FILE = "import-report.json";

    private CheckpointImporter() { }

    /** What the shapes of a checkpoint tell, without a config and without reading tensor data. */
    public static InferredConfig inspect(Path checkpoint) throws CheckpointException {
        try (CheckpointSource source = CheckpointSource.open(checkpoint)) {
            return ConfigInference.infer(source.shapes(), checkpoint);
        }
    }

    /**
     * Reads {@code checkpoint}, checks it against {@code config} (null: infer what the shapes tell and
     * fail saying which values a config must supply), and writes the model directory {@code out}.
     */
    public static ImportReport importCheckpoint(Path checkpoint, ModelConfig config, Path out, ImportProgress progress) throws IOException {
        return importCheckpoint(checkpoint, config, out, false, false, progress);
    }

    /**
     * {@link #importCheckpoint(Path, ModelConfig, Path, ImportProgress)}: a non-empty {@code out} is refused unless
     * {@code replace}; the new folder is built beside it and swapped in when complete. Weights with NaN or Inf
     * are refused unless {@code allowNonFinite}.
     */
    public static ImportReport importCheckpoint(Path checkpoint, ModelConfig config, Path out, boolean replace, boolean allowNonFinite,
                                                ImportProgress progress) throws IOException {
        FolderSwap.check(out, replace);
        ImportProgress p = progress == null ? ImportProgress.NONE : progress;
        p.update(0, "reading " + checkpoint);
        try (CheckpointSource source = CheckpointSource.open(checkpoint)) {
            Map<String, long[]> shapes = source.shapes();
            InferredConfig inferred = ConfigInference.infer(shapes, checkpoint);
            if (config == null) throw needsConfig(checkpoint, inferred);
            ModelConfig c = ConfigReconciler.reconcile(inferred, config, checkpoint);
            List<String> problems = WeightCheck.shapeProblems(c, shapes);
            if (!problems.isEmpty()) {
                throw new CheckpointException(checkpoint, "does not fit config " + c.name() + ": " + String.join("; ", problems));
            }

            long expectedValues = 0;
            for (long[] shape : WeightLayout.expected(c).values()) {
                long n = 1;
                for (long d : shape) n *= d;
                expectedValues += n;
            }
            try {
                Limits.memory("importing " + expectedValues + " values", 12.0 * expectedValues);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(checkpoint, e.getMessage(), e);
            }
            List<String> names = new ArrayList<>(WeightLayout.expected(c).keySet());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            long values = 0;
            for (int i = 0; i < names.size(); i++) {
                Tensor t = source.read(names.get(i));
                tensors.put(names.get(i), t);
                values += t.size();
                p.update(0.05 + 0.85 * (i + 1) / names.size(), "read " + names.get(i));
            }
            if (!allowNonFinite) WeightCheck.requireFinite(tensors, checkpoint);
            ImportReport report = report(source, c, inferred, tensors.size(), values, out);
            p.update(0.92, "writing " + out);
            FolderSwap.write(out, replace, dir -> write(dir, c, tensors, report));
            p.update(1, "imported " + tensors.size() + " tensors");
            return report;
        }
    }

    /** The model directory: config, weights marked trained with their provenance, and the report. */
    private static void write(Path out, ModelConfig c, Map<String, Tensor> tensors, ImportReport report) throws IOException {
        ConfigJson.write(c, out.resolve(ModelFiles.CONFIG));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "m3vit-explorer");
        metadata.put("trained", "true");
        metadata.put("provenance", "imported from " + report.source() + (report.epoch() == null ? "" : " (epoch " + report.epoch() + ")"));
        metadata.put("config", c.name());
        Safetensors.write(out.resolve(ModelFiles.WEIGHTS), tensors, metadata);
        AtomicFiles.write(out.resolve(REPORT_FILE), ConfigJson.MAPPER.writeValueAsBytes(report));
    }

    private static ImportReport report(CheckpointSource source, ModelConfig c, InferredConfig inferred, int count, long values, Path out) {
        RankFile first = source.ranks().get(0);
        LinkedHashSet<String> globals = new LinkedHashSet<>();
        source.ranks().forEach(r -> globals.addAll(r.opaqueGlobals()));
        List<String> notInferred = new ArrayList<>(InferredConfig.NOT_INFERABLE);
        if (inferred.mlpHidden() == null) notInferred.add("mlpHidden (no dense block)");
        for (InferredConfig.InferredTask t : inferred.tasks()) {
            if (t.kind() == null) notInferred.add("kind of task " + t.name());
        }
        return new ImportReport(source.path().toString(), source.ranks().stream().map(r -> r.file().toString()).toList(),
                first.epoch(), first.backbone(), c.name(), count, values, source.ignoredKeys(), first.topLevelKeys(),
                List.copyOf(globals), inferred, notInferred, out.toString());
    }

    /** The presets every value of {@code inferred} agrees with (the ones {@code --config} could name). */
    public static List<String> matchingPresets(InferredConfig inferred, Path checkpoint) {
        List<String> matching = new ArrayList<>();
        for (String name : Presets.names()) {
            try {
                ConfigReconciler.reconcile(inferred, Presets.get(name), checkpoint);
                matching.add(name);
            } catch (CheckpointException mismatch) {
                // not this preset
            }
        }
        return matching;
    }

    private static CheckpointException needsConfig(Path checkpoint, InferredConfig inferred) {
        List<String> matching = matchingPresets(inferred, checkpoint);
        String hint = matching.isEmpty() ? "no preset matches; write a config JSON with these values"
                : "matching preset" + (matching.size() == 1 ? ": " : "s: ") + String.join(", ", matching);
        return new CheckpointException(checkpoint, "a config is needed: the checkpoint gives " + inferred.describe()
                + ", but not " + String.join(", ", InferredConfig.NOT_INFERABLE) + "; pass --config <preset|json> (" + hint + ")");
    }
}
