package org.m3vit.app.cli;

import org.m3vit.model.InferenceResult;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.guard.OutputFolder;
import org.m3vit.model.io.Npy;
import org.m3vit.model.io.RoutingTraceCsv;
import org.m3vit.model.io.RoutingTraceJson;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.render.OutputImages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one image's inference result into the output folder: per task {@code <stem>-<task>.png}
 * (the picture), {@code <stem>-<task>.npy} (raw head output, float32 C x H x W at model
 * resolution, before post-processing), {@code <stem>-<task>-routing.json} and, on request,
 * {@code <stem>-<task>-routing.csv}. Every name is checked to stay inside the folder, every file is
 * written atomically, and the first write error ends the run.
 */
final class InferOutputs {

    private final OutputFolder outDir;
    private final ColorMap depthMap;
    private final boolean csv;

    InferOutputs(OutputFolder outDir, ColorMap depthMap, boolean csv) {
        this.outDir = outDir;
        this.depthMap = depthMap;
        this.csv = csv;
    }

    /** Writes every task's files; returns the paths written. */
    List<Path> write(String stem, InferenceResult result, List<String> tasks) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String task : tasks) {
            TaskOutput out = result.output(task);
            Path png = outDir.file(stem + "-" + task + ".png");
            OutputImages.writePng(OutputImages.render(out, depthMap), png);
            written.add(png);
            Path npy = outDir.file(stem + "-" + task + ".npy");
            Npy.write(npy, out.data(), out.channels(), out.height(), out.width());
            written.add(npy);
            Path json = outDir.file(stem + "-" + task + "-routing.json");
            RoutingTraceJson.write(result.trace(task), json);
            written.add(json);
            if (csv) {
                Path table = outDir.file(stem + "-" + task + "-routing.csv");
                RoutingTraceCsv.write(result.trace(task), table);
                written.add(table);
            }
        }
        return written;
    }
}
