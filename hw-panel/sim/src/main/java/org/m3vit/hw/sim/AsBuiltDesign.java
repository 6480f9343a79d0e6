package org.m3vit.hw.sim;

import java.util.List;
import java.util.Objects;

/**
 * What the board as built adds to the idealised accelerator: the PS ports each m_axi bundle is
 * wired to, the m_axi request limits, and the fixed latencies and initiation intervals the HLS
 * loops have. A {@link HardwareConfig} without one is simulated idealised (full-width ports, weight
 * loads prefetched behind computation, no per-row latencies).
 *
 * @param ports                one binding per kernel bundle ({@link BoardBundles} names them)
 * @param outstandingRequests  read requests an m_axi adapter keeps in flight (caps a stream of short bursts)
 * @param maxBurstBeats        beats per AXI burst at most (a longer run is split)
 * @param sqrtLatencyCycles    latency of the fixed-point square root in LayerNorm
 * @param divideLatencyCycles  latency of the fixed-point divide in LayerNorm
 * @param softmaxStatsII       initiation interval of the gate's softmax statistics loop
 * @param concurrencySource    where the overlap rules (sequential top level, expert-loop overlap) are read from
 */
public record AsBuiltDesign(
        List<PortBinding> ports,
        SourcedValue outstandingRequests,
        SourcedValue maxBurstBeats,
        SourcedValue sqrtLatencyCycles,
        SourcedValue divideLatencyCycles,
        SourcedValue softmaxStatsII,
        String concurrencySource) {

    public AsBuiltDesign {
        ports = List.copyOf(ports);
        Objects.requireNonNull(outstandingRequests, "outstandingRequests");
        Objects.requireNonNull(maxBurstBeats, "maxBurstBeats");
        Objects.requireNonNull(sqrtLatencyCycles, "sqrtLatencyCycles");
        Objects.requireNonNull(divideLatencyCycles, "divideLatencyCycles");
        Objects.requireNonNull(softmaxStatsII, "softmaxStatsII");
        if (outstandingRequests.value() < 1) throw new IllegalArgumentException("outstandingRequests must be >= 1");
        if (maxBurstBeats.value() < 1) throw new IllegalArgumentException("maxBurstBeats must be >= 1");
        if (softmaxStatsII.value() < 1) throw new IllegalArgumentException("softmaxStatsII must be >= 1");
        for (String b : BoardBundles.ALL) {
            if (ports.stream().noneMatch(p -> p.bundle().equals(b))) {
                throw new IllegalArgumentException("as-built design binds no PS port to bundle '" + b + "'");
            }
        }
    }

    /** The binding of {@code bundle}; throws naming the bundle when the design has none. */
    public PortBinding port(String bundle) {
        for (PortBinding p : ports) if (p.bundle().equals(bundle)) return p;
        throw new IllegalArgumentException("as-built design binds no PS port to bundle '" + bundle + "'");
    }

    /** Bytes per cycle and direction a stream on {@code bundle} can move: the narrower of the kernel's and the port's width. */
    public double bundleBytesPerCycle(String bundle, int kernelWidthBits) {
        return Math.min(kernelWidthBits, port(bundle).widthBits()) / 8.0;
    }

    /** Sum of the two LayerNorm latencies (square root, then divide) paid once per row. */
    public long normRowLatency() {
        return Math.round(sqrtLatencyCycles.value()) + Math.round(divideLatencyCycles.value());
    }
}
