package org.m3vit.hw.sim;

import java.util.Objects;

/** A hardware constant together with its unit and where the number comes from (paper, datasheet or stated assumption). */
public record SourcedValue(double value, String unit, String source) {

    public SourcedValue {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(value) || value < 0) throw new IllegalArgumentException("value must be finite and >= 0, was " + value + " (" + source + ")");
        if (source.isBlank()) throw new IllegalArgumentException("every constant needs a source; value " + value + " " + unit + " has none");
    }
}
