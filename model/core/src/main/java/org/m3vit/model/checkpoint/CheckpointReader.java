package org.m3vit.model.checkpoint;


import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the structure of one checkpoint file: a dict with {@code epoch}, {@code backbone},
 * {@code state_dict}, {@code best_result}, {@code optimizer} as the published training code
 * saves it, or a bare state_dict. Tensor data stays in the archive until asked for.
 */
public final class CheckpointReader {

    private static final String MODULE_PREFIX = "module.";

    private CheckpointReader() { }

    /** Unpickles {@code archive}'s object graph (restricted) and finds its state dict. */
    public static RankFile read(TorchArchive archive) throws CheckpointException {
        TorchUnpickler unpickler = new TorchUnpickler();
        Object root;
        try {
            root = unpickler.loads(archive.pickle());
        } catch (PickleGlobals.RefusedGlobalException e) {
            throw new CheckpointException(archive.file(), e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(archive.file(), "data.pkl is not a readable checkpoint pickle: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top)) {
            String what = root instanceof OpaqueObject o ? "a pickled " + o.pythonClass() + " object (a whole model?)" : describe(root);
            throw new CheckpointException(archive.file(), "holds " + what + ", not a checkpoint dict or a state_dict; "
                    + "save model.state_dict() (or the training code's checkpoint dict) instead");
        }
        Map<?, ?> stateDict;
        List<String> topLevel = new ArrayList<>();
        Object epoch = null;
        String backbone = null;
        if (top.containsKey("state_dict")) {
            if (!(top.get("state_dict") instanceof Map<?, ?> sd)) {
                throw new CheckpointException(archive.file(), "'state_dict' is " + describe(top.get("state_dict")) + ", not a dict of tensors");
            }
            stateDict = sd;
            for (Object k : top.keySet()) if (!"state_dict".equals(k)) topLevel.add(k instanceof String ks ? ks : describe(k));
            epoch = plain(top.get("epoch"));
            Object b = top.get("backbone");
            backbone = b == null ? null : b instanceof String bs ? org.m3vit.model.guard.OneLine.of(bs) : describe(b);
        } else if (top.values().stream().anyMatch(v -> v instanceof TensorRef)) {
            stateDict = top;
        } else {
            throw new CheckpointException(archive.file(), "has neither a 'state_dict' entry nor tensors at the top level (keys: "
                    + keys(top) + ")");
        }
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new CheckpointException(archive.file(), "state_dict has the key " + describe(e.getKey()) + "; tensor names are strings");
            }
            if (name.startsWith(MODULE_PREFIX)) name = name.substring(MODULE_PREFIX.length());
            if (e.getValue() instanceof TensorRef t) tensors.put(name, t);
            else other.put(name, describe(e.getValue()));
        }
        return new RankFile(archive.file(), tensors, other, epoch, backbone, topLevel, List.copyOf(unpickler.opaqueGlobals()));
    }

    private static Object plain(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Boolean ? o : o == null ? null : describe(o);
    }

    private static String describe(Object o) {
        return PickleText.describe(o);
    }

    private static String keys(Map<?, ?> m) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Object k : m.keySet()) {
            if (i == 10) return b.append(", ... (").append(m.size() - 10).append(" more)").toString();
            b.append(i++ == 0 ? "" : ", ").append(describe(k));
        }
        return b.toString();
    }
}
