package org.m3vit.model.checkpoint;

import java.util.List;

/**
 * What an import read, set aside and inferred; written as {@code import-report.json} next to
 * the imported model and printed by {@code m3vit import}.
 *
 * @param source          the checkpoint file or rank directory
 * @param files           the files read, in rank order
 * @param epoch           the checkpoint's {@code epoch} entry (null for a bare state_dict)
 * @param backbone        the checkpoint's {@code backbone} entry (null if absent)
 * @param config          name of the config the weights were checked against
 * @param tensorsImported tensors written to {@code model.safetensors}
 * @param valuesImported  float values written
 * @param ignoredKeys     training-only state-dict keys that were not imported
 * @param entriesNotRead  top-level checkpoint entries other than {@code state_dict} (optimizer ...), not read
 * @param placeholderGlobals Python globals in the pickle replaced by inert placeholders (never executed)
 * @param inferred        what the tensor shapes determine
 * @param notInferred     values taken from the config because no tensor determines them
 * @param output          the model directory written
 */
public record ImportReport(String source, List<String> files, Object epoch, String backbone, String config,
                           int tensorsImported, long valuesImported, List<String> ignoredKeys, List<String> entriesNotRead,
                           List<String> placeholderGlobals, InferredConfig inferred, List<String> notInferred, String output) {

    /** A human-readable summary for the command line. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("imported ").append(source).append(" (").append(files.size()).append(files.size() == 1 ? " file" : " rank files")
                .append(epoch == null ? "" : ", epoch " + epoch).append(backbone == null ? "" : ", backbone " + backbone).append(")\n");
        b.append("  tensors imported: ").append(tensorsImported).append(" (").append(valuesImported).append(" values)\n");
        b.append("  config: ").append(config).append("\n");
        b.append("  inferred from shapes: ").append(inferred.describe()).append("\n");
        b.append("  taken from the config: ").append(String.join(", ", notInferred)).append("\n");
        b.append("  ignored keys (training only): ").append(ignoredKeys.size());
        if (!ignoredKeys.isEmpty()) b.append(" - ").append(summarise(ignoredKeys));
        b.append("\n  entries not read: ").append(entriesNotRead.isEmpty() ? "none" : String.join(", ", entriesNotRead)).append("\n");
        if (!placeholderGlobals.isEmpty()) {
            b.append("  Python globals replaced by inert placeholders: ").append(String.join(", ", placeholderGlobals)).append("\n");
        }
        b.append("  written: ").append(output).append(" (config.json, model.safetensors, import-report.json)");
        return b.toString();
    }

    private static String summarise(List<String> keys) {
        int shown = Math.min(6, keys.size());
        String head = String.join(", ", keys.subList(0, shown).stream().map(k -> k.length() > 120 ? k.substring(0, 120) + "..." : k).toList());
        return keys.size() > shown ? head + ", ... (" + (keys.size() - shown) + " more in import-report.json)" : head;
    }
}
