package org.m3vit.model.data;

import java.util.Arrays;
import java.util.List;

/**
 * The semantic classes of the synthetic indoor scenes, in label order (label = ordinal), each
 * with a display colour. The bundled model's segmentation head predicts exactly these.
 */
public enum SceneClass {
    FLOOR("floor", 0x8C6D4F),
    WALL("wall", 0xC8C3B4),
    CEILING("ceiling", 0xEDE8DA),
    WINDOW("window", 0x6FB7E8),
    DOOR("door", 0x7A4A2A),
    PICTURE("picture", 0xE0B03C),
    TABLE("table", 0xD2691E),
    CHAIR("chair", 0x2E8B57),
    BED("bed", 0x9370DB),
    SOFA("sofa", 0xC0392B),
    CABINET("cabinet", 0x4682B4),
    SHELF("shelf", 0x8B8000),
    LAMP("lamp", 0xFFD700),
    PLANT("plant", 0x32CD32);

    private final String label;
    private final int rgb;

    SceneClass(String label, int rgb) {
        this.label = label;
        this.rgb = rgb;
    }

    /** Lower-case display name. */
    public String label() { return label; }

    /** Display colour as 0xRRGGBB. */
    public int rgb() { return rgb; }

    /** All class names in label order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(SceneClass::label).toList();
    }
}
