package org.m3vit.hw.sim;

import org.m3vit.model.guard.LimitException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Upper bounds of a hardware config read from a file (the record itself only requires positive
 * values): an FPGA design far outside them would make the simulator print meaningless figures of
 * hundreds of digits, so it is refused, naming every field, its value and its bound.
 */
public final class HardwareLimits {

    private HardwareLimits() { }

    /** Returns {@code c} if every field lies in its bound; otherwise refuses it naming them all. */
    public static HardwareConfig check(HardwareConfig c) {
        List<String> p = new ArrayList<>();
        real(p, "clockMhz", c.clockMhz(), 1, 10_000);
        whole(p, "macRows", c.macRows(), 4096);
        whole(p, "macCols", c.macCols(), 4096);
        whole(p, "attentionQueryRows", c.attentionQueryRows(), 4096);
        whole(p, "attentionFeatureLanes", c.attentionFeatureLanes(), 4096);
        whole(p, "gatingMacsPerCycle", c.gatingMacsPerCycle(), 1 << 20);
        whole(p, "vectorLanes", c.vectorLanes(), 4096);
        whole(p, "axiWidthBits", c.axiWidthBits(), 8192);
        whole(p, "weightPorts", c.weightPorts(), 64);
        whole(p, "activationPorts", c.activationPorts(), 64);
        whole(p, "axiLatencyCycles", c.axiLatencyCycles(), 1 << 20);
        real(p, "ddrPeakGBps", c.ddrPeakGBps(), 0.01, 100_000);
        real(p, "ddrEfficiency", c.ddrEfficiency(), 0.001, 1);
        whole(p, "pingPongRows", c.pingPongRows(), 1 << 20);
        whole(p, "pingPongCols", c.pingPongCols(), 1 << 20);
        whole(p, "gateRows", c.gateRows(), 1 << 20);
        whole(p, "gateCols", c.gateCols(), 1 << 20);
        whole(p, "queueExperts", c.queueExperts(), 1 << 20);
        whole(p, "queueTokens", c.queueTokens(), 1 << 24);
        if (c.onChipBudgetBytes() > 1L << 40) p.add("onChipBudgetBytes is " + c.onChipBudgetBytes() + "; it must be at most " + (1L << 40));
        for (int bits : new int[] {c.weightBits(), c.biasBits(), c.activationBits(), c.pixelBits(), c.tokenIndexBits()}) {
            if (bits > 64) {
                p.add("number formats must be at most 64 bits (weightBits " + c.weightBits() + ", biasBits " + c.biasBits()
                        + ", activationBits " + c.activationBits() + ", pixelBits " + c.pixelBits() + ", tokenIndexBits " + c.tokenIndexBits() + ")");
                break;
            }
        }
        energy(p, "macEnergyPj", c.macEnergyPj());
        energy(p, "sramEnergyPjPerBit", c.sramEnergyPjPerBit());
        energy(p, "dramEnergyPjPerBit", c.dramEnergyPjPerBit());
        energy(p, "staticPowerW", c.staticPowerW());
        if (!p.isEmpty()) throw new LimitException("hardware config '" + c.name() + "': " + String.join("; ", p));
        return c;
    }

    private static void whole(List<String> p, String field, long v, long max) {
        if (v > max) p.add(field + " is " + v + "; it must be at most " + max);
    }

    private static void real(List<String> p, String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) p.add(String.format(Locale.ROOT, "%s is %s; it must be between %s and %s", field, v, min, max));
    }

    private static void energy(List<String> p, String field, SourcedValue v) {
        if (v != null) real(p, field, v.value(), 0, 1e6);
    }
}
