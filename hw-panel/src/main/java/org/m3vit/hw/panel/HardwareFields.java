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

    /** One editable number: record component name, group, unit, and its value type. */
    public record Field(String name, String category, String unit, Class<?> type) { }

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

    private HardwareFields() { }

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
     * config's own message when the value is invalid.
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
        args[0] = c.name().endsWith(" (edited)") ? c.name() : c.name() + " (edited)";
        try {
            Constructor<HardwareConfig> ctor = HardwareConfig.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
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
