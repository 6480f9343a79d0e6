package org.m3vit.model.io;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.guard.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link RoutingTrace} as CSV, one row per (MoE block, token, rank):
 * {@code block,token,row,col,rank,expert,weight}. Token 0 is the cls token, whose row and col
 * are -1; rank 0 is the token's best expert; weight is the (not renormalised) gate value.
 */
public final class RoutingTraceCsv {

    /** The header line. */
    public static final String HEADER = "block,token,row,col,rank,expert,weight";

    private RoutingTraceCsv() { }

    /** Writes {@code trace} to {@code file} (parent folders are created). */
    public static void write(RoutingTrace trace, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.writeText(file, w -> write(trace, w));
    }

    /** Writes {@code trace} to {@code out} (not closed). */
    public static void write(RoutingTrace trace, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(64);
        for (LayerRouting layer : trace.layers()) {
            int[][] experts = layer.experts();
            float[][] weights = layer.weights();
            for (int t = 0; t < experts.length; t++) {
                int row = t == 0 ? -1 : trace.row(t);
                int col = t == 0 ? -1 : trace.column(t);
                for (int r = 0; r < experts[t].length; r++) {
                    line.setLength(0);
                    line.append(layer.block()).append(',').append(t).append(',').append(row).append(',').append(col)
                            .append(',').append(r).append(',').append(experts[t][r]).append(',').append(weights[t][r]).append('\n');
                    out.append(line);
                }
            }
        }
        out.flush();
    }
}
