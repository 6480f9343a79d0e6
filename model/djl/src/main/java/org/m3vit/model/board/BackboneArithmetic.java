package org.m3vit.model.board;

import org.m3vit.model.M3ViTModel;
import org.m3vit.model.MultiTaskModel;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The arithmetics a user can run the backbone in (the {@code --arithmetic} option); the heads always run in float32. */
public enum BackboneArithmetic {

    /** Our network as trained: DJL, float32. */
    FLOAT32("float32", "the DJL network in float32 (default)"),
    /** The Edge-MoE design's formats as built. */
    BOARD("board", "the Edge-MoE board's fixed-point formats as built (32-bit activations, 16-bit weights, table GELU)"),
    /** As built but with ap_fixed&lt;16,1&gt; patch-embedding weights. */
    BOARD_WIDE_PATCH("board-wide-patch", "the board's formats but ap_fixed<16,1> patch-embedding weights, room for folded input weights up to 1");

    private final String label;
    private final String description;

    BackboneArithmetic(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The option value. */
    public String label() { return label; }

    /** One line for help texts and reports. */
    public String description() { return description; }

    /** The arithmetic named {@code label} (case-insensitive); refuses others, naming {@code option} and the known names. */
    public static BackboneArithmetic parse(String option, String label) {
        for (BackboneArithmetic a : values()) if (a.label.equalsIgnoreCase(label.trim())) return a;
        throw new IllegalArgumentException(option + ": unknown arithmetic '" + label + "'; known: " + names());
    }

    /** "float32, board, board-wide-patch". */
    public static String names() { return Arrays.stream(values()).map(BackboneArithmetic::label).collect(Collectors.joining(", ")); }

    /** The emulator's arithmetic for the board choices; float32 is DJL's own and has none. */
    public Arithmetic emulated() {
        return switch (this) {
            case FLOAT32 -> throw new IllegalStateException("float32 runs in DJL, not in the emulator");
            case BOARD -> new BoardArithmetic();
            case BOARD_WIDE_PATCH -> BoardArithmetic.widePatch();
        };
    }

    /** {@code model} computing this way: itself for float32, else an {@link EmulatedModel} that owns it. */
    public MultiTaskModel wrap(M3ViTModel model) {
        return this == FLOAT32 ? model : new EmulatedModel(model, emulated());
    }
}
