package org.m3vit.hw.sim;

/**
 * DDR bandwidth over time in equal bins: bytes of each event spread evenly over its
 * duration, in GB/s (1e9 bytes per second) per operand.
 */
public record BandwidthCurve(double binCycles, double binUs, double[] weightGBps, double[] activationGBps) {

    /** Number of bins. */
    public int bins() { return weightGBps.length; }
}
