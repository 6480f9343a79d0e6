package org.m3vit.hw.panel;

import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.SourcedValue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The editable numbers of a {@link HardwareConfig} (every int, long, double and sourced
 * constant), grouped for the property sheet, and a copy of a config with one of them changed.
 */
public final class HardwareFields {

    /** One editable number: record component name, group, unit, its value type, and the name a person reads. */
    public record Field(String name, String category, String unit, Class<?> type, String label) {

        Field(String name, String category, String unit, Class<?> type) { this(name, category, unit, type, LABELS.get(name)); }

        /** "Clock (MHz)": the label with its unit. */
        public String title() { return label + " (" + unit + ")"; }
    }

    private static final java.util.Map<String, String> LABELS = java.util.Map.ofEntries(
            java.util.Map.entry("clockMhz", "Clock"),
            java.util.Map.entry("macRows", "MAC array rows"),
            java.util.Map.entry("macCols", "MAC array columns"),
            java.util.Map.entry("attentionQueryRows", "Attention query rows"),
            java.util.Map.entry("attentionFeatureLanes", "Attention feature lanes"),
            java.util.Map.entry("gatingMacsPerCycle", "Gating MACs per cycle"),
            java.util.Map.entry("vectorLanes", "Vector unit lanes"),
            java.util.Map.entry("axiWidthBits", "AXI data width"),
            java.util.Map.entry("weightPorts", "Weight ports"),
            java.util.Map.entry("activationPorts", "Activation ports"),
            java.util.Map.entry("axiLatencyCycles", "AXI latency"),
            java.util.Map.entry("ddrPeakGBps", "DDR peak bandwidth"),
            java.util.Map.entry("ddrEfficiency", "DDR efficiency"),
            java.util.Map.entry("pingPongRows", "Ping-pong buffer rows"),
            java.util.Map.entry("pingPongCols", "Ping-pong buffer columns"),
            java.util.Map.entry("gateRows", "Gate buffer rows"),
            java.util.Map.entry("gateCols", "Gate buffer columns"),
            java.util.Map.entry("queueExperts", "Expert queues"),
            java.util.Map.entry("queueTokens", "Tokens per queue"),
            java.util.Map.entry("onChipBudgetBytes", "On-chip budget"),
            java.util.Map.entry("weightBits", "Weight width"),
            java.util.Map.entry("biasBits", "Bias width"),
            java.util.Map.entry("activationBits", "Activation width"),
            java.util.Map.entry("pixelBits", "Pixel width"),
            java.util.Map.entry("tokenIndexBits", "Token index width"),
            java.util.Map.entry("macEnergyPj", "Energy per MAC"),
            java.util.Map.entry("sramEnergyPjPerBit", "SRAM energy per bit"),
            java.util.Map.entry("dramEnergyPjPerBit", "DRAM energy per bit"),
            java.util.Map.entry("staticPowerW", "Static power"));

    private static final List<Field> FIELDS = List.of(
            new Field("clockMhz", "Clock and compute", "MHz", Double.class),
            new Field("macRows", "Clock and compute", "rows", Integer.class),
            new Field("macCols", "Clock and compute", "columns", Integer.class),
            new Field("attentionQueryRows", "Clock and compute", "query rows (p)", Integer.class),
            new Field("attentionFeatureLanes", "Clock and compute", "features / cycle", Integer.class),
            new Field("gatingMacsPerCycle", "Clock and compute", "MACs / cycle", Integer.class),
            new Field("vectorLanes", "Clock and compute", "values / cycle", Integer.class),
            new Field("axiWidthBits", "DDR and AXI", "bits", Integer.class),
            new Field("weightPorts", "DDR and AXI", "ports", Integer.class),
            new Field("activationPorts", "DDR and AXI", "ports", Integer.class),
            new Field("axiLatencyCycles", "DDR and AXI", "cycles", Integer.class),
            new Field("ddrPeakGBps", "DDR and AXI", "GB/s", Double.class),
            new Field("ddrEfficiency", "DDR and AXI", "fraction of peak", Double.class),
            new Field("pingPongRows", "On-chip buffers", "rows (each of ping, pong)", Integer.class),
            new Field("pingPongCols", "On-chip buffers", "columns", Integer.class),
            new Field("gateRows", "On-chip buffers", "experts", Integer.class),
            new Field("gateCols", "On-chip buffers", "features", Integer.class),
            new Field("queueExperts", "On-chip buffers", "experts", Integer.class),
            new Field("queueTokens", "On-chip buffers", "tokens", Integer.class),
            new Field("onChipBudgetBytes", "On-chip buffers", "bytes", Long.class),
            new Field("weightBits", "Number formats", "bits", Integer.class),
            new Field("biasBits", "Number formats", "bits", Integer.class),
            new Field("activationBits", "Number formats", "bits", Integer.class),
            new Field("pixelBits", "Number formats", "bits", Integer.class),
            new Field("tokenIndexBits", "Number formats", "bits", Integer.class),
            new Field("macEnergyPj", "Energy", "pJ / MAC", Double.class),
            new Field("sramEnergyPjPerBit", "Energy", "pJ / bit", Double.class),
            new Field("dramEnergyPjPerBit", "Energy", "pJ / bit", Double.class),
            new Field("staticPowerW", "Energy", "W", Double.class));

    /** Fields whose source text is a separate component of the config. */
    private static final java.util.Map<String, String> SOURCE_FIELDS = java.util.Map.of(
            "clockMhz", "clockSource", "ddrPeakGBps", "ddrSource", "ddrEfficiency", "ddrSource",
            "gatingMacsPerCycle", "gatingSource", "onChipBudgetBytes", "onChipBudgetSource");

    private HardwareFields() { }

    private static String unitOf(String name) {
        for (Field f : FIELDS) if (f.name().equals(name)) return f.unit();
        return "";
    }

    /** Every editable field, in sheet order. */
    public static List<Field> all() { return FIELDS; }

    /** The field's current value (a sourced constant gives its number). */
    public static Number value(HardwareConfig c, String name) {
        Object v = component(c, name);
        return v instanceof SourcedValue s ? s.value() : (Number) v;
    }

    /** Where the field's number comes from (the config's source text for it), or "" when the config names none. */
    public static String source(HardwareConfig c, String name) {
        Object v = component(c, name);
        if (v instanceof SourcedValue s) return s.source();
        return switch (name) {
            case "clockMhz" -> c.clockSource();
            case "ddrPeakGBps", "ddrEfficiency" -> c.ddrSource();
            case "gatingMacsPerCycle" -> c.gatingSource();
            case "onChipBudgetBytes" -> c.onChipBudgetSource();
            default -> "";
        };
    }

    /**
     * A copy of {@code c} with field {@code name} set to {@code value}; its name gains " (edited)"
     * and an edited sourced constant says it was edited. Throws IllegalArgumentException with the
     * config's own message when the value is invalid, or out of the bounds a hardware file has.
     */
    public static HardwareConfig with(HardwareConfig c, String name, Number value) {
        RecordComponent[] comps = HardwareConfig.class.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        boolean found = false;
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            args[i] = component(c, comps[i].getName());
            if (comps[i].getName().equals(name)) {
                found = true;
                args[i] = convert(args[i], types[i], value);
            }
        }
        if (!found) throw new IllegalArgumentException("hardware config has no field '" + name + "'");
        String sourceField = SOURCE_FIELDS.get(name);
        if (sourceField != null) {
            // the value's source text is a field of its own: it must say the value was edited, not keep the old value's source
            for (int i = 0; i < comps.length; i++) {
                if (comps[i].getName().equals(sourceField) && !String.valueOf(args[i]).startsWith("edited in the hardware panel")) {
                    args[i] = "edited in the hardware panel (was " + value(c, name) + " " + unitOf(name) + ": " + args[i] + ")";
                }
            }
        }
        args[0] = c.name().endsWith(" (edited)") ? c.name() : c.name() + " (edited)";
        try {
            Constructor<HardwareConfig> ctor = HardwareConfig.class.getDeclaredConstructor(types);
            return org.m3vit.hw.sim.HardwareLimits.check(ctor.newInstance(args)); // the same bounds as a hardware file
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(Object old, Class<?> type, Number value) {
        if (type == int.class) return value.intValue();
        if (type == long.class) return value.longValue();
        if (type == double.class) return value.doubleValue();
        if (old instanceof SourcedValue s) {
            String src = s.source().startsWith("edited in the hardware panel") ? s.source()
                    : "edited in the hardware panel (was " + s.value() + " " + s.unit() + ": " + s.source() + ")";
            return new SourcedValue(value.doubleValue(), s.unit(), src);
        }
        throw new IllegalArgumentException("field of type " + type.getSimpleName() + " is not editable");
    }

    private static Object component(HardwareConfig c, String name) {
        for (RecordComponent rc : HardwareConfig.class.getRecordComponents()) {
            if (rc.getName().equals(name)) {
                try {
                    return rc.getAccessor().invoke(c);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("hardware config has no field '" + name + "'");
    }

    /** Names of all fields (for messages). */
    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Field f : FIELDS) n.add(f.name());
        return n;
    }
}
