package org.m3vit.hw.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named accelerator configurations: {@code edge-moe-zcu102} (the Edge-MoE board design, ICCAD 2023)
 * and {@code m3vit-zcu104} (the same dataflow on the M³ViT paper's ZCU104, whose figures are estimates).
 * Every number carries its source or says that it is an assumption.
 */
public final class HardwarePresets {

    /** The default preset. */
    public static final String DEFAULT = "edge-moe-zcu102";

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

    private static final Map<String, HardwareConfig> PRESETS = new LinkedHashMap<>();

    static {
        add(new HardwareConfig("edge-moe-zcu102",
                "Edge-MoE on ZCU102 (xczu9eg), ICCAD 2023: 16x16 linear array, 4-row attention, 1 weight + 4 activation AXI masters",
                300, "Edge-MoE paper: 300 MHz on the ZCU102",
                16, 16, 4, 8, 16,
                "assumption: the reference does not give the gating unit's width; one 16-MAC dot-product lane",
                8, 256, 1, 4, 64,
                21.3, 1.0,
                "ZCU102 PS DDR4, 64-bit at 2666 MT/s = 21.3 GB/s peak (the reference's ~21 GB/s); efficiency 1.0 = peak, optimistic",
                768, 192, 16, 192, 16, 129,
                912L * 36 * 1024 / 8,
                "xczu9eg: 912 BRAM36 blocks x 36 Kib = 32.1 Mib = 4,202,496 B (incl. parity bits; 16-bit data uses 32 Kib per block = 3.56 MiB); no URAM",
                16, 16, 32, 8, 16,
                MAC_45NM, SRAM_45NM, DRAM, STATIC_1W));
        add(new HardwareConfig("m3vit-zcu104",
                "The M3ViT paper's target, ZCU104 (xczu7ev), with the Edge-MoE dataflow; the paper itself reports estimates only",
                300, "assumption: the same HLS design closes at 300 MHz as on the ZCU102 (the M3ViT paper gives no board clock)",
                16, 16, 4, 8, 16,
                "assumption: the reference does not give the gating unit's width; one 16-MAC dot-product lane",
                8, 256, 1, 4, 64,
                19.2, 1.0,
                "assumption: ZCU104 PS DDR4 64-bit at 2400 MT/s = 19.2 GB/s peak (the Zynq UltraScale+ PS controller supports "
                        + "up to 2666 MT/s = 21.3 GB/s; the board's memory speed is not stated in the paper)",
                768, 192, 16, 192, 16, 129,
                312L * 36 * 1024 / 8 + 96L * 288 * 1024 / 8,
                "xczu7ev: 312 BRAM36 x 36 Kib (11 Mb) + 96 URAM x 288 Kib (27 Mb) = 4,976,640 B (the reference's 11 Mb BRAM + 27 Mb URAM)",
                16, 16, 32, 8, 16,
                MAC_45NM, SRAM_45NM, DRAM, STATIC_1W));
    }

    private HardwarePresets() { }

    private static void add(HardwareConfig c) { PRESETS.put(c.name(), c); }

    /** All preset names, in a stable order. */
    public static List<String> names() { return List.copyOf(PRESETS.keySet()); }

    /** True if {@code name} is a preset. */
    public static boolean exists(String name) { return PRESETS.containsKey(name); }

    /** The preset called {@code name}; throws naming the known presets otherwise. */
    public static HardwareConfig get(String name) {
        HardwareConfig c = PRESETS.get(name);
        if (c == null) throw new IllegalArgumentException("unknown hardware preset '" + name + "'; known presets: " + names());
        return c;
    }
}
