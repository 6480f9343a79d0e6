package org.m3vit.app.service;

import org.m3vit.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Path;

/** Turns an image file into a {@link LoadedImage} for a model config; errors name the file and the problem. */
@FunctionalInterface
public interface ImageSource {

    LoadedImage load(Path file, ModelConfig config) throws IOException;
}
