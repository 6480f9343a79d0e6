package org.m3vit.hw.panel;

import org.m3vit.hw.sim.BandwidthCurve;
import org.m3vit.hw.sim.MemoryCurve;
import org.m3vit.hw.sim.SimExport;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.OutputFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what the panel shows to files: the timeline's events (CSV), the summary (JSON, schema
 * m3vit-sim/1), the memory curves and DDR bandwidth (CSV), and a Chrome trace for Perfetto.
 */
public final class PanelExport {

    /** Bandwidth bins of the exported curve and trace. */
    public static final int BANDWIDTH_BINS = 400;

    private PanelExport() { }

    /** Writes every format for {@code r} into {@code dir} as {@code <base>-...}; returns the files written. */
    public static List<Path> writeAll(SimResult r, Path dir, String base) throws IOException {
        OutputFolder folder = OutputFolder.create(dir);
        List<Path> out = new ArrayList<>();
        Path events = folder.file(base + "-events.csv");
        SimExport.writeCsv(r, events);
        out.add(events);
        Path json = folder.file(base + "-summary.json");
        SimExport.writeJson(r, json);
        out.add(json);
        Path memory = folder.file(base + "-memory.csv");
        writeMemoryCsv(r, memory);
        out.add(memory);
        Path bw = folder.file(base + "-bandwidth.csv");
        writeBandwidthCsv(r, bw, BANDWIDTH_BINS);
        out.add(bw);
        Path trace = folder.file(base + "-trace.json");
        SimExport.writeChromeTrace(r, trace, BANDWIDTH_BINS);
        out.add(trace);
        return out;
    }

    /** {@code buffer,cycle,us,bytes}: every step of every buffer's occupancy, then of the total ("total on-chip"). */
    public static void writeMemoryCsv(SimResult r, Path file) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write("buffer,cycle,us,bytes\n");
            List<MemoryCurve> curves = new ArrayList<>(r.buffers());
            curves.add(r.onChipTotal());
            for (MemoryCurve c : curves) {
                for (int i = 0; i < c.size(); i++) {
                    w.write(String.format(Locale.ROOT, "%s,%.3f,%.4f,%d%n", c.buffer(), c.cycles()[i],
                            r.hardware().cyclesToUs(c.cycles()[i]), c.bytes()[i]));
                }
            }
        });
    }

    /** {@code bin,start_cycle,start_us,weights_gbps,activations_gbps,ceiling_gbps}: DDR bandwidth in {@code bins} equal bins. */
    public static void writeBandwidthCsv(SimResult r, Path file, int bins) throws IOException {
        BandwidthCurve b = r.bandwidth(bins);
        double ceiling = r.hardware().ddrPeakGBps() * r.hardware().ddrEfficiency();
        AtomicFiles.writeText(file, w -> {
            w.write("bin,start_cycle,start_us,weights_gbps,activations_gbps,ceiling_gbps\n");
            for (int i = 0; i < b.bins(); i++) {
                w.write(String.format(Locale.ROOT, "%d,%.3f,%.4f,%.6f,%.6f,%.3f%n", i, i * b.binCycles(), i * b.binUs(),
                        b.weightGBps()[i], b.activationGBps()[i], ceiling));
            }
        });
    }
}
