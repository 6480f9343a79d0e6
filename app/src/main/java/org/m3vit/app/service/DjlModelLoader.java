package org.m3vit.app.service;

import org.m3vit.model.Models;
import org.m3vit.model.MultiTaskModel;

/** Opens the real network: a model directory or preset, or the bundled default (untrained random weights until a trained model is bundled). */
public final class DjlModelLoader implements ModelLoader {

    /** System property set by {@code m3vit --allow-nonfinite}: the window then opens weights holding NaN or Inf. */
    public static final String ALLOW_NONFINITE = "m3vit.allowNonFinite";

    @Override
    public MultiTaskModel open(String dirOrPreset) throws Exception {
        if (dirOrPreset == null || dirOrPreset.isBlank()) return Models.openDefault();
        return Models.open(dirOrPreset, Models.DEFAULT_SEED, Boolean.getBoolean(ALLOW_NONFINITE));
    }
}
