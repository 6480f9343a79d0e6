package org.m3vit.model.io;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The starting weights of a fine-tuning run: a trained model directory's weights carried over to a
 * target config that may differ from it only in the input size, the position embedding resampled
 * from the source's patch grid to the target's ({@link PositionEmbeddingResize}).
 */
public final class FineTuneStart {

    /** The one tensor whose shape follows the input size. */
    public static final String POS_EMBED = "backbone.pos_embed";

    private FineTuneStart() { }

    /** The weights of {@code sourceDir} (config.json, model.safetensors) fitted to {@code target}; errors name the directory. */
    public static Map<String, Tensor> weights(Path sourceDir, ModelConfig target) throws IOException {
        if (!Files.isDirectory(sourceDir)) throw new IOException(sourceDir + ": model directory to fine-tune from not found");
        ModelConfig source = ConfigJson.read(sourceDir.resolve(ModelFiles.CONFIG));
        Path file = sourceDir.resolve(ModelFiles.WEIGHTS);
        Map<String, Tensor> in = Safetensors.read(file);
        WeightCheck.requireFinite(in, file, "fine-tuning from it would train NaN");
        Map<String, Tensor> out = fitted(in, source, target);
        List<String> problems = WeightCheck.problems(target, out);
        if (!problems.isEmpty()) {
            throw new IOException(sourceDir + ": its weights do not fit config '" + target.name()
                    + "' even after resampling the position embedding (only the input size may differ): " + String.join("; ", problems));
        }
        return out;
    }

    /** {@code weights} of {@code source} with the position embedding resampled to {@code target}'s grid; other tensors shared. */
    public static Map<String, Tensor> fitted(Map<String, Tensor> weights, ModelConfig source, ModelConfig target) {
        Map<String, Tensor> out = new LinkedHashMap<>(weights);
        Tensor pos = weights.get(POS_EMBED);
        int fromH = source.gridHeight(), fromW = source.gridWidth(), toH = target.gridHeight(), toW = target.gridWidth();
        if (pos != null && (fromH != toH || fromW != toW)) out.put(POS_EMBED, PositionEmbeddingResize.resize(pos, fromH, fromW, toH, toW));
        return out;
    }
}
