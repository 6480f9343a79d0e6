package org.m3vit.app.service;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.image.ImageFit;
import org.m3vit.model.image.PreparedImage;
import org.m3vit.model.image.Preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads image files for the window with the model's own loader and preprocessing (fit to the
 * config's size by letterbox, crop or stretch; ImageNet normalisation) and the ground truth found beside the file.
 */
public final class FileImageSource implements ImageSource {

    @Override
    public LoadedImage load(Path file, ModelConfig config, ImageFit fit) throws IOException {
        PreparedImage p = Preprocess.prepare(file, config, fit);
        int w = p.width(), h = p.height();
        int[] argb = p.resized().getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) argb[i] |= 0xFF000000;
        String key = file.toAbsolutePath() + "@" + Files.getLastModifiedTime(file).toMillis() + "@" + fit.optionName();
        return new LoadedImage(file, key, p.original().getWidth(), p.original().getHeight(), w, h, argb, p.chw(),
                GroundTruthReader.read(SampleGallery.sampleFor(file), p.placement()), p.placement().describe(fit),
                p.placement().needsNotice());
    }
}
