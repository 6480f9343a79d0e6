package org.m3vit.model.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one {@code torch.save} file holds for the importer: its state-dict entries (names with
 * {@code module.} stripped, tensors not yet read), the training metadata we report, and what
 * was left unread.
 *
 * @param stateDict    tensor name -> lazy tensor, in file order
 * @param otherEntries state-dict entries that are not tensors (name -> Python class or value)
 * @param topLevelKeys the checkpoint dict's keys other than {@code state_dict}; empty for a bare state_dict
 * @param opaqueGlobals Python globals replaced by inert placeholders
 */
public record RankFile(Path file, Map<String, TensorRef> stateDict, Map<String, String> otherEntries,
                       Object epoch, String backbone, List<String> topLevelKeys, List<String> opaqueGlobals) { }
