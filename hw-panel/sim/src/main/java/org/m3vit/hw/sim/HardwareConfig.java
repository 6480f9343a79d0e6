package org.m3vit.hw.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every parameter of the simulated accelerator: clock, compute units, AXI ports and DDR,
 * on-chip buffers and budget, number formats, energy constants. Serialised as JSON by
 * {@link HardwareJson}; presets in {@link HardwarePresets}. No timing or energy constant of the
 * simulator lives anywhere else.
 *
 * @param clockMhz              accelerator clock
 * @param macRows               output rows of the linear unit's MAC array
 * @param macCols               input columns of the linear unit's MAC array
 * @param attentionQueryRows    query rows the attention unit keeps on chip and processes together (p)
 * @param attentionFeatureLanes features per query row the attention unit multiplies per cycle
 * @param gatingMacsPerCycle    MACs per cycle of the gating unit
 * @param vectorLanes           values per cycle of the element-wise unit (LayerNorm, residual, up-sampling)
 * @param axiWidthBits          width of one AXI master port (one beat per cycle when streaming)
 * @param weightPorts           AXI masters reading weights
 * @param activationPorts       AXI masters reading/writing activations
 * @param axiLatencyCycles      cycles before the first beat of a transfer arrives (HLS m_axi latency)
 * @param ddrPeakGBps           peak DDR bandwidth shared by all ports, 1e9 bytes/s
 * @param ddrEfficiency         fraction of the peak that transfers reach (1.0 = peak)
 * @param pingPongRows          rows of each of the two weight buffers
 * @param pingPongCols          columns of each of the two weight buffers
 * @param gateRows              rows (experts) of the on-chip gate buffer the design was built with
 * @param gateCols              columns (features) of the gate buffer
 * @param queueExperts          experts the static expert-queue arrays were built for
 * @param queueTokens           tokens per expert queue the arrays were built for
 * @param onChipBudgetBytes     on-chip RAM of the device, compared with the simulated peak
 * @param weightBits            bits per linear weight
 * @param biasBits              bits per bias / norm parameter
 * @param activationBits        bits per activation value
 * @param pixelBits             bits per input pixel channel
 * @param tokenIndexBits        bits per entry of an expert queue
 * @param asBuilt               the board's ports, request limits and loop latencies; null = idealised
 *                              (full-width ports, weight loads prefetched behind computation)
 */
public record HardwareConfig(
        String name,
        String description,
        double clockMhz,
        String clockSource,
        int macRows,
        int macCols,
        int attentionQueryRows,
        int attentionFeatureLanes,
        int gatingMacsPerCycle,
        String gatingSource,
        int vectorLanes,
        int axiWidthBits,
        int weightPorts,
        int activationPorts,
        int axiLatencyCycles,
        double ddrPeakGBps,
        double ddrEfficiency,
        String ddrSource,
        int pingPongRows,
        int pingPongCols,
        int gateRows,
        int gateCols,
        int queueExperts,
        int queueTokens,
        long onChipBudgetBytes,
        String onChipBudgetSource,
        int weightBits,
        int biasBits,
        int activationBits,
        int pixelBits,
        int tokenIndexBits,
        SourcedValue macEnergyPj,
        SourcedValue sramEnergyPjPerBit,
        SourcedValue dramEnergyPjPerBit,
        SourcedValue staticPowerW,
        AsBuiltDesign asBuilt) {

    public HardwareConfig {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        List<String> problems = new ArrayList<>();
        if (!(clockMhz > 0)) problems.add("clockMhz must be > 0, was " + clockMhz);
        positive(problems, "macRows", macRows);
        positive(problems, "macCols", macCols);
        positive(problems, "attentionQueryRows", attentionQueryRows);
        positive(problems, "attentionFeatureLanes", attentionFeatureLanes);
        positive(problems, "gatingMacsPerCycle", gatingMacsPerCycle);
        positive(problems, "vectorLanes", vectorLanes);
        if (axiWidthBits < 8 || axiWidthBits % 8 != 0) problems.add("axiWidthBits must be a positive multiple of 8, was " + axiWidthBits);
        positive(problems, "weightPorts", weightPorts);
        positive(problems, "activationPorts", activationPorts);
        if (axiLatencyCycles < 0) problems.add("axiLatencyCycles must be >= 0, was " + axiLatencyCycles);
        if (!(ddrPeakGBps > 0)) problems.add("ddrPeakGBps must be > 0, was " + ddrPeakGBps);
        if (!(ddrEfficiency > 0 && ddrEfficiency <= 1)) problems.add("ddrEfficiency must be in (0, 1], was " + ddrEfficiency);
        positive(problems, "pingPongRows", pingPongRows);
        positive(problems, "pingPongCols", pingPongCols);
        positive(problems, "gateRows", gateRows);
        positive(problems, "gateCols", gateCols);
        positive(problems, "queueExperts", queueExperts);
        positive(problems, "queueTokens", queueTokens);
        if (onChipBudgetBytes <= 0) problems.add("onChipBudgetBytes must be > 0, was " + onChipBudgetBytes);
        for (int bits : new int[] {weightBits, biasBits, activationBits, pixelBits, tokenIndexBits}) {
            if (bits < 1 || bits % 8 != 0) problems.add("number formats must be whole bytes, found " + bits + " bits");
        }
        Objects.requireNonNull(macEnergyPj, "macEnergyPj");
        Objects.requireNonNull(sramEnergyPjPerBit, "sramEnergyPjPerBit");
        Objects.requireNonNull(dramEnergyPjPerBit, "dramEnergyPjPerBit");
        Objects.requireNonNull(staticPowerW, "staticPowerW");
        if (!problems.isEmpty()) throw new IllegalArgumentException("hardware config '" + name + "': " + String.join("; ", problems));
    }

    private static void positive(List<String> problems, String field, int value) {
        if (value < 1) problems.add(field + " must be >= 1, was " + value);
    }

    /** True when the board's memory system and concurrency are modelled (see {@link AsBuiltDesign}). */
    public boolean modelsTheBoard() { return asBuilt != null; }

    /** MACs per cycle of the linear unit. */
    public int linearMacsPerCycle() { return macRows * macCols; }

    /** MACs per cycle of the attention unit. */
    public int attentionMacsPerCycle() { return attentionQueryRows * attentionFeatureLanes; }

    /** Bytes one AXI port moves per cycle. */
    public int beatBytes() { return axiWidthBits / 8; }

    /** Bytes per cycle the DDR sustains for all ports together. */
    public double ddrBytesPerCycle() { return ddrPeakGBps * 1e9 * ddrEfficiency / (clockMhz * 1e6); }

    /** Bytes per cycle the weight ports can take (before DDR sharing). */
    public double weightPortBytesPerCycle() { return (double) weightPorts * beatBytes(); }

    /** Bytes per cycle the activation ports can take (before DDR sharing). */
    public double activationPortBytesPerCycle() { return (double) activationPorts * beatBytes(); }

    /** Weights one ping or pong buffer holds. */
    public long bufferWeights() { return (long) pingPongRows * pingPongCols; }

    /** Cycles to milliseconds. */
    public double cyclesToMs(double cycles) { return cycles / (clockMhz * 1e3); }

    /** Cycles to microseconds. */
    public double cyclesToUs(double cycles) { return cycles / clockMhz; }

    /** Bytes of one weight, bias, activation, pixel, queue entry. */
    public int weightBytes() { return weightBits / 8; }

    /** Bytes of one bias or norm parameter. */
    public int biasBytes() { return biasBits / 8; }

    /** Bytes of one activation value. */
    public int activationBytes() { return activationBits / 8; }

    /** Bytes of one input pixel channel. */
    public int pixelBytes() { return pixelBits / 8; }

    /** Bytes of one expert-queue token index. */
    public int tokenIndexBytes() { return tokenIndexBits / 8; }

    /** The same hardware under another name with another DDR bandwidth (for what-if runs). */
    public HardwareConfig withDdrPeakGBps(double gbps) {
        return new HardwareConfig(name, description, clockMhz, clockSource, macRows, macCols, attentionQueryRows,
                attentionFeatureLanes, gatingMacsPerCycle, gatingSource, vectorLanes, axiWidthBits, weightPorts,
                activationPorts, axiLatencyCycles, gbps, ddrEfficiency, ddrSource, pingPongRows, pingPongCols,
                gateRows, gateCols, queueExperts, queueTokens, onChipBudgetBytes, onChipBudgetSource, weightBits, biasBits, activationBits, pixelBits, tokenIndexBits,
                macEnergyPj, sramEnergyPjPerBit, dramEnergyPjPerBit, staticPowerW, asBuilt);
    }
}
