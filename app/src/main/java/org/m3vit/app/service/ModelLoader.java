package org.m3vit.app.service;

import org.m3vit.model.MultiTaskModel;

/** Opens a model from a directory (config.json + model.safetensors) or a preset name; null or blank opens the default model. */
@FunctionalInterface
public interface ModelLoader {

    MultiTaskModel open(String dirOrPreset) throws Exception;
}
