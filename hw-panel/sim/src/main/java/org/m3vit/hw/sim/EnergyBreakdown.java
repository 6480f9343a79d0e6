package org.m3vit.hw.sim;

/** Energy in millijoules, split by where it is spent: DDR transfers, on-chip RAM accesses, MACs, static power. */
public record EnergyBreakdown(double ddrMj, double onChipMj, double macMj, double staticMj) {

    /** Sum of the parts. */
    public double totalMj() { return ddrMj + onChipMj + macMj + staticMj; }

    /** Part-wise sum. */
    public EnergyBreakdown plus(EnergyBreakdown o) {
        return new EnergyBreakdown(ddrMj + o.ddrMj, onChipMj + o.onChipMj, macMj + o.macMj, staticMj + o.staticMj);
    }

    /** All zero. */
    public static final EnergyBreakdown ZERO = new EnergyBreakdown(0, 0, 0, 0);
}
