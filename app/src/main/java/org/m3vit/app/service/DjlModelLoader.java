package org.m3vit.app.service;

import org.m3vit.model.Models;
import org.m3vit.model.MultiTaskModel;

/** Opens the real network: a model directory or preset, or the bundled default (untrained random weights until a trained model is bundled). */
public final class DjlModelLoader implements ModelLoader {

    @Override
    public MultiTaskModel open(String dirOrPreset) throws Exception {
        if (dirOrPreset == null || dirOrPreset.isBlank()) return Models.openDefault();
        return Models.open(dirOrPreset, Models.DEFAULT_SEED);
    }
}
