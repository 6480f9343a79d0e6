package org.m3vit.model;

import org.m3vit.model.data.SceneClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named configurations: the three rows of the published code's table (M3VIT-REFERENCE.md) and
 * {@code m3vit-synth}, our small model trained on synthetic scenes and bundled with the app.
 */
public final class Presets {

    /** Name of the bundled default model's config. */
    public static final String DEFAULT = "m3vit-synth";

    private static final Map<String, ModelConfig> PRESETS = new LinkedHashMap<>();

    static {
        add(new ModelConfig("m3vit-s-nyud", 480, 640, 16, 384, 12, 12, 1536, ModelConfig.oddBlocks(12),
                16, 4, 384, 256,
                List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 40), TaskSpec.of("depth", TaskKind.DEPTH, 1)),
                "M3ViT-S on NYUD-v2 (published code): 480x640, D 384, 12 blocks, 16 experts, top-4"));
        add(new ModelConfig("m3vit-s-pascal", 512, 512, 16, 384, 12, 12, 1536, ModelConfig.oddBlocks(12),
                16, 4, 384, 256,
                List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 21),
                        TaskSpec.of("human_parts", TaskKind.SEGMENTATION, 7),
                        TaskSpec.of("sal", TaskKind.PROBABILITY, 1),
                        TaskSpec.of("normals", TaskKind.NORMALS, 3),
                        TaskSpec.of("edge", TaskKind.PROBABILITY, 1)),
                "M3ViT-S on PASCAL-Context (published code): 512x512, D 384, 12 blocks, 16 experts, top-4"));
        add(new ModelConfig("m3vit-t-cityscapes", 128, 256, 16, 192, 12, 3, 768, ModelConfig.oddBlocks(12),
                16, 2, 384, 256,
                List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 7), TaskSpec.of("depth", TaskKind.DEPTH, 1)),
                "M3ViT-T on Cityscapes (the FPGA model of Edge-MoE): 128x256, D 192, 12 blocks, 16 experts, top-2"));
        add(new ModelConfig(DEFAULT, 128, 160, 16, 128, 6, 4, 512, ModelConfig.oddBlocks(6),
                8, 2, 256, 32,
                List.of(new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels()),
                        TaskSpec.of("depth", TaskKind.DEPTH, 1),
                        TaskSpec.of("normals", TaskKind.NORMALS, 3)),
                "Small M3ViT trained on our synthetic indoor scenes: 128x160, D 128, 6 blocks, 8 experts, top-2"));
    }

    private Presets() { }

    private static void add(ModelConfig c) { PRESETS.put(c.name(), c); }

    /** All preset names, in a stable order. */
    public static List<String> names() { return List.copyOf(PRESETS.keySet()); }

    /** True if {@code name} is a preset. */
    public static boolean exists(String name) { return PRESETS.containsKey(name); }

    /** The preset called {@code name}; throws naming the known presets otherwise. */
    public static ModelConfig get(String name) {
        ModelConfig c = PRESETS.get(name);
        if (c == null) throw new IllegalArgumentException("unknown model preset '" + name + "'; known presets: " + names());
        return c;
    }
}
