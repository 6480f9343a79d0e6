package org.m3vit.model.nn;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where DJL parameter names become checkpoint key names: child block names are
 * joined with dots (DJL's "01" child-number prefixes removed) and DJL's own parameter names of
 * its norm layers are renamed to PyTorch's (gamma -> weight, beta -> bias, runningMean ->
 * running_mean, runningVar -> running_var).
 */
public final class CheckpointNames {

    private static final Map<String, String> DJL_TO_TORCH = Map.of(
            "gamma", "weight",
            "beta", "bias",
            "runningMean", "running_mean",
            "runningVar", "running_var");

    private CheckpointNames() { }

    /** Every parameter under {@code root}, keyed by its checkpoint name, in block order. */
    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(root, "", out);
        return out;
    }

    /** The checkpoint name of a DJL parameter name (identity unless DJL names it differently). */
    public static String parameterName(String djlName) {
        return DJL_TO_TORCH.getOrDefault(djlName, djlName);
    }

    private static void walk(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String name = prefix + parameterName(p.getKey());
            if (out.put(name, p.getValue()) != null) throw new IllegalStateException("two parameters are named " + name);
        }
        BlockList children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            String key = children.get(i).getKey();
            String number = String.format(Locale.ROOT, "%02d", i + 1);
            if (!key.startsWith(number)) {
                throw new IllegalStateException("child block '" + key + "' lacks DJL's child-number prefix " + number);
            }
            walk(children.get(i).getValue(), prefix + key.substring(number.length()) + ".", out);
        }
    }
}
