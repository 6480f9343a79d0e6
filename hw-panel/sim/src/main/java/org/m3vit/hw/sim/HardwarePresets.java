package org.m3vit.hw.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named accelerator configurations: {@code edge-moe-zcu102} (the Edge-MoE board as built, ICCAD 2023),
 * {@code edge-moe-zcu102-ideal} (the same design idealised: full-width ports, free prefetch), and
 * {@code m3vit-zcu104} / {@code m3vit-zcu104-ideal} (the same design on the M³ViT paper's ZCU104, whose
 * figures are estimates). Every number carries its source or says that it is an assumption.
 */
public final class HardwarePresets {

    /** The default preset. */
    public static final String DEFAULT = "edge-moe-zcu102";

    private static final long ZCU102_BRAM_BYTES = 912L * 36 * 1024 / 8;
    private static final String ZCU102_BRAM_SOURCE =
            "xczu9eg: 912 BRAM36 blocks x 36 Kib = 32.1 Mib = 4,202,496 B (incl. parity bits; 16-bit data uses 32 Kib per block = 3.56 MiB); no URAM";
    private static final long ZCU104_RAM_BYTES = 312L * 36 * 1024 / 8 + 96L * 288 * 1024 / 8;
    private static final String ZCU104_RAM_SOURCE =
            "xczu7ev: 312 BRAM36 x 36 Kib (11 Mb) + 96 URAM x 288 Kib (27 Mb) = 4,976,640 B (the reference's 11 Mb BRAM + 27 Mb URAM)";
    private static final String ZCU104_DDR_SOURCE =
            "assumption: ZCU104 PS DDR4 64-bit at 2400 MT/s = 19.2 GB/s peak (the Zynq UltraScale+ PS controller supports "
                    + "up to 2666 MT/s = 21.3 GB/s; the board's memory speed is not stated in the paper)";

    /** Horowitz, ISSCC 2014 (45 nm): 32-bit int multiply 3.1 pJ + 32-bit int add 0.1 pJ. */
    static final SourcedValue MAC_45NM = new SourcedValue(3.2, "pJ/MAC",
            "Horowitz ISSCC 2014, 45 nm: 32-bit int multiply 3.1 pJ + 32-bit int add 0.1 pJ (W16 x A32 MAC bounded by a 32-bit one; an FPGA DSP costs more)");
    /** Horowitz, ISSCC 2014: 8 KB SRAM, 64-bit access about 10 pJ. */
    static final SourcedValue SRAM_45NM = new SourcedValue(10.0 / 64.0, "pJ/bit",
            "Horowitz ISSCC 2014, 45 nm: 8 KB SRAM 64-bit access ~10 pJ -> 10/64 pJ per bit read or written");
    /** DRAM energy per bit. */
    static final SourcedValue DRAM = new SourcedValue(20.0, "pJ/bit",
            "DRAM 10-20 pJ/bit (Horowitz ISSCC 2014 order of magnitude; LPDDR4 13-14 pJ/bit): upper end taken for DDR4");
    /** Static power: an assumption, not a measurement. */
    static final SourcedValue STATIC_1W = new SourcedValue(1.0, "W",
            "assumption: round 1 W device static power for a mid-size Zynq UltraScale+ at room temperature (order of magnitude "
                    + "of Xilinx Power Estimator reports); replace with the power report of your build");

    /** Where the design files are: every file and line below is in this repository. */
    static final String EDGE_MOE = "sharc-lab/Edge-MoE";

    /** The Edge-MoE block design on the ZCU102: the five bundles on the PS ports, as vivado.tcl and bitstream.hwh say. */
    static final AsBuiltDesign ZCU102_BOARD = new AsBuiltDesign(
            List.of(port(BoardBundles.WEIGHTS, "S_AXI_HPC0_FPD", 18, "SAXIGP0", 6892),
                    port(BoardBundles.INOUT1, "S_AXI_HPC1_FPD", 19, "SAXIGP1", 6895),
                    port(BoardBundles.INOUT2, "S_AXI_HP0_FPD", 15, "SAXIGP2", 6898),
                    port(BoardBundles.INOUT3, "S_AXI_HP1_FPD", 16, "SAXIGP3", 6901),
                    port(BoardBundles.INOUT4, "S_AXI_HP2_FPD", 17, "SAXIGP4", 6904)),
            new SourcedValue(16, "read requests",
                    "Vitis HLS m_axi default num_read_outstanding = 16 (UG1399, Options for Controlling AXI4 Burst Behavior); "
                            + "neither vitis_hls.tcl nor the interface pragmas (src/ViT_compute.cpp lines 102-126) change it"),
            new SourcedValue(16, "beats",
                    "Vitis HLS m_axi default max_read_burst_length = 16 (UG1399, same section); not changed by the design"),
            new SourcedValue(27, "cycles",
                    "assumption (the repository holds no synthesis report): a non-restoring square root makes one result bit "
                            + "per cycle; hls::sqrt of fm_t = ap_fixed<32,10> (include/datatypes.hpp line 8) has 5 integer + 22 "
                            + "fraction result bits; src/layernorm.cpp line 118"),
            new SourcedValue(32, "cycles",
                    "assumption (no synthesis report): a radix-2 divider makes one quotient bit per cycle, 32 bits for "
                            + "fm_t(1) / sqrt(variance) in src/layernorm.cpp line 118"),
            new SourcedValue(3, "cycles", "src/moe.cpp line 207: update_softmax_info is '#pragma HLS pipeline rewind II=3'"),
            "src/ViT_compute.cpp lines 138-205: 'pipeline off' on the image and layer loops and an 'if (debug_id == ...) return;' "
                    + "after every step, so each load/compute pair is its own basic block and runs after the previous one; "
                    + "src/moe.cpp lines 336-434: in the expert loop and its epilogue, compute_linear(FC1) and the FC2 weight "
                    + "load, and compute_linear(FC2) and the next FC1 load, are independent calls in one basic block, which "
                    + "HLS may run at the same time; the prologue load (lines 320-333) sits in its own if-block");

    /**
     * The ZCU104 board as assumed: the same bundles on the same PS ports (the xczu7ev PS has the same
     * HP/HPC slave ports), the same HLS settings; every binding is an assumption carried over from the ZCU102 build.
     */
    static final AsBuiltDesign ZCU104_BOARD = assumedLike(ZCU102_BOARD,
            "assumption: the M3ViT paper describes no block design; taken as built for the ZCU102: ");

    private static final Map<String, HardwareConfig> PRESETS = new LinkedHashMap<>();

    static {
        add(new HardwareConfig("edge-moe-zcu102",
                "Edge-MoE on the ZCU102 (xczu9eg) as built: five 256-bit m_axi bundles on 128-bit PS HP/HPC ports, "
                        + "DDR4-2133, top-level steps in sequence, loads overlap computation only in the expert loop",
                299.97, "bitstream.hwh line 7673: PSU__CRL_APB__PL0_REF_CTRL__ACT_FREQMHZ 299.970032 (pl_clk0, which clocks "
                        + "the kernel and the PS slave ports; vitis_hls.tcl line 15 asks for 300 MHz) (" + EDGE_MOE + ")",
                16, 16, 4, 8, 128,
                "src/moe.cpp lines 175-191: compute_gating_for_patch unrolls 16 experts x 8 features (one 256-bit beat of "
                        + "fm_t) per pipelined iteration = 128 MACs per cycle",
                8, 256, 1, 4, 64,
                17.06, 1.0,
                "bitstream.hwh line 6738 PSU__DDRC__SPEED_BIN DDR4_2133P, line 6720 PSU__DDRC__BUS_WIDTH 64 Bit, line 7662 "
                        + "DDR_CTRL ACT_FREQMHZ 533.28 (x4 = 2133 MT/s): 2133 MT/s x 8 B = 17.06 GB/s peak; efficiency 1.0 = peak, optimistic",
                768, 192, 16, 192, 16, 129,
                ZCU102_BRAM_BYTES, ZCU102_BRAM_SOURCE,
                16, 16, 32, 8, 16,
                MAC_45NM, SRAM_45NM, DRAM, STATIC_1W, ZCU102_BOARD));
        add(new HardwareConfig("edge-moe-zcu102-ideal",
                "Edge-MoE on ZCU102 (xczu9eg), idealised: 16x16 linear array, 4-row attention, 1 weight + 4 activation AXI "
                        + "masters at full 256-bit width, weight loads prefetched behind computation, no per-row latencies",
                300, "Edge-MoE paper: 300 MHz on the ZCU102",
                16, 16, 4, 8, 16,
                "assumption: the reference does not give the gating unit's width; one 16-MAC dot-product lane",
                8, 256, 1, 4, 64,
                21.3, 1.0,
                "ZCU102 PS DDR4, 64-bit at 2666 MT/s = 21.3 GB/s peak (the reference's ~21 GB/s); efficiency 1.0 = peak, "
                        + "optimistic (the board as built runs DDR4-2133: see edge-moe-zcu102)",
                768, 192, 16, 192, 16, 129,
                ZCU102_BRAM_BYTES, ZCU102_BRAM_SOURCE,
                16, 16, 32, 8, 16,
                MAC_45NM, SRAM_45NM, DRAM, STATIC_1W, null));
        add(new HardwareConfig("m3vit-zcu104",
                "The M3ViT paper's target, ZCU104 (xczu7ev), assumed to run the Edge-MoE HLS code and block design as built "
                        + "on the ZCU102 (the M3ViT paper states resources and estimates, not a design)",
                300, "assumption: the same HLS design closes at 300 MHz as on the ZCU102 (the M3ViT paper gives no board clock)",
                16, 16, 4, 8, 128,
                "assumption: the Edge-MoE gating loop (src/moe.cpp lines 175-191, 16 experts x 8 features per cycle); "
                        + "the M3ViT paper does not describe its gating unit",
                8, 256, 1, 4, 64,
                19.2, 1.0, ZCU104_DDR_SOURCE,
                768, 192, 16, 192, 16, 129,
                ZCU104_RAM_BYTES, ZCU104_RAM_SOURCE,
                16, 16, 32, 8, 16,
                MAC_45NM, SRAM_45NM, DRAM, STATIC_1W, ZCU104_BOARD));
        add(new HardwareConfig("m3vit-zcu104-ideal",
                "The M3ViT paper's target, ZCU104 (xczu7ev), with the Edge-MoE dataflow, idealised (full-width ports, "
                        + "free prefetch); the paper itself reports estimates only",
                300, "assumption: the same HLS design closes at 300 MHz as on the ZCU102 (the M3ViT paper gives no board clock)",
                16, 16, 4, 8, 16,
                "assumption: the reference does not give the gating unit's width; one 16-MAC dot-product lane",
                8, 256, 1, 4, 64,
                19.2, 1.0, ZCU104_DDR_SOURCE,
                768, 192, 16, 192, 16, 129,
                ZCU104_RAM_BYTES, ZCU104_RAM_SOURCE,
                16, 16, 32, 8, 16,
                MAC_45NM, SRAM_45NM, DRAM, STATIC_1W, null));
    }

    private static AsBuiltDesign assumedLike(AsBuiltDesign d, String prefix) {
        List<PortBinding> ports = d.ports().stream()
                .map(p -> new PortBinding(p.bundle(), p.psPort(), p.widthBits(), prefix + p.source())).toList();
        return new AsBuiltDesign(ports, d.outstandingRequests(), d.maxBurstBeats(), d.sqrtLatencyCycles(),
                d.divideLatencyCycles(), d.softmaxStatsII(), prefix + d.concurrencySource());
    }

    private static PortBinding port(String bundle, String psPort, int vivadoLine, String gp, int hwhLine) {
        return new PortBinding(bundle, psPort, 128, "vivado.tcl line " + vivadoLine + " connects m_axi_" + bundle + " to "
                + psPort + "; bitstream.hwh line " + hwhLine + " PSU__" + gp + "__DATA_WIDTH 128 (" + EDGE_MOE + ")");
    }

    private HardwarePresets() { }

    private static void add(HardwareConfig c) { PRESETS.put(c.name(), c); }

    /** All preset names, in a stable order. */
    public static List<String> names() { return List.copyOf(PRESETS.keySet()); }

    /** True if {@code name} is a preset. */
    public static boolean exists(String name) { return PRESETS.containsKey(name); }

    /**
     * The idealised counterpart of {@code c}: the "-ideal" preset of an as-built preset, the config itself when
     * it is already idealised, and otherwise (an edited as-built config) the same numbers without the board.
     */
    public static HardwareConfig idealCounterpart(HardwareConfig c) {
        if (!c.modelsTheBoard()) return c;
        HardwareConfig preset = PRESETS.get(c.name() + "-ideal");
        if (preset != null && c.equals(PRESETS.get(c.name()))) return preset;
        return new HardwareConfig(c.name() + " (idealised)", c.description(), c.clockMhz(), c.clockSource(), c.macRows(),
                c.macCols(), c.attentionQueryRows(), c.attentionFeatureLanes(), c.gatingMacsPerCycle(), c.gatingSource(),
                c.vectorLanes(), c.axiWidthBits(), c.weightPorts(), c.activationPorts(), c.axiLatencyCycles(), c.ddrPeakGBps(),
                c.ddrEfficiency(), c.ddrSource(), c.pingPongRows(), c.pingPongCols(), c.gateRows(), c.gateCols(),
                c.queueExperts(), c.queueTokens(), c.onChipBudgetBytes(), c.onChipBudgetSource(), c.weightBits(), c.biasBits(),
                c.activationBits(), c.pixelBits(), c.tokenIndexBits(), c.macEnergyPj(), c.sramEnergyPjPerBit(),
                c.dramEnergyPjPerBit(), c.staticPowerW(), null);
    }

    /**
     * The as-built counterpart of an idealised preset ("x-ideal" -> "x"), the config itself when it models the
     * board, or null when an idealised config has no as-built preset (an edited or user config).
     */
    public static HardwareConfig boardCounterpart(HardwareConfig c) {
        if (c.modelsTheBoard()) return c;
        String suffix = "-ideal";
        if (!c.name().endsWith(suffix) || !c.equals(PRESETS.get(c.name()))) return null;
        return PRESETS.get(c.name().substring(0, c.name().length() - suffix.length()));
    }

    /** The preset called {@code name}; throws naming the known presets otherwise. */
    public static HardwareConfig get(String name) {
        HardwareConfig c = PRESETS.get(name);
        if (c == null) throw new IllegalArgumentException("unknown hardware preset '" + name + "'; known presets: " + names());
        return c;
    }
}
