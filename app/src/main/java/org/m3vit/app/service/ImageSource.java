package org.m3vit.app.service;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.image.ImageFit;

import java.io.IOException;
import java.nio.file.Path;

/** Turns an image file into a {@link LoadedImage} for a model config; errors name the file and the problem. */
@FunctionalInterface
public interface ImageSource {

    /** Reads {@code file} for a model of {@code config}, fitting another shape to its input by {@code fit}. */
    LoadedImage load(Path file, ModelConfig config, ImageFit fit) throws IOException;
}
