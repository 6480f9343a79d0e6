package org.m3vit.model.train;

import org.m3vit.model.data.SceneStream;
import org.m3vit.model.data.TrainingBatch;

/**
 * Training batches of synthetic scenes for a recipe: step s reads the scenes of seeds
 * {@code dataSeed + s * batchSize + j}, rendered ahead by the recipe's render threads.
 */
public final class SceneBatches implements BatchSource {

    private final SceneStream stream;

    private SceneBatches(SceneStream stream) {
        this.stream = stream;
    }

    /** The factory a {@link Trainer} uses for a recipe at the model's image size. */
    public static BatchSource.Factory factory(TrainConfig recipe, int height, int width) {
        return firstStep -> new SceneBatches(new SceneStream(recipe.sceneSeed(firstStep, 0), recipe.batchSize(), height, width,
                recipe.renderThreads(), 4));
    }

    @Override
    public TrainingBatch next() throws InterruptedException { return stream.next(); }

    @Override
    public void close() { stream.close(); }
}
