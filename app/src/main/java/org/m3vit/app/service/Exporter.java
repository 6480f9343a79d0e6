package org.m3vit.app.service;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.m3vit.model.RoutingTrace;
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
import java.util.Map;

/** Writes what the window shows to files: a PNG snapshot of any view, the outputs (PNG and .npy), the routing traces (JSON and CSV). */
public final class Exporter {

    private Exporter() { }

    /** A PNG of {@code node} as drawn now (call on the FX thread). */
    public static Path snapshot(Node node, Path file) throws IOException {
        return writeSnapshot(take(node), file);
    }

    /** The picture of {@code node} on a white background (call on the FX thread). */
    public static WritableImage take(Node node) {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        return node.snapshot(params, null);
    }

    /**
     * The picture of {@code node} at {@code scale} pixels per layout pixel on white, exactly its layout
     * size times the scale; canvas views draw at that density for it, so it is sharp, not enlarged
     * (call on the FX thread).
     */
    public static WritableImage take(Node node, int scale) {
        org.m3vit.visualizer.view.PixelDensity.applyTo(node, scale);
        try {
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.WHITE);
            params.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
            javafx.geometry.Bounds b = node.getLayoutBounds();
            params.setViewport(new javafx.geometry.Rectangle2D(b.getMinX() * scale, b.getMinY() * scale,
                    Math.round(b.getWidth() * scale), Math.round(b.getHeight() * scale)));
            return node.snapshot(params, null);
        } finally {
            org.m3vit.visualizer.view.PixelDensity.applyTo(node, 1);
        }
    }

    /** Encodes and writes a picture taken by {@link #take} (any thread). */
    public static Path writeSnapshot(WritableImage img, Path file) throws IOException {
        OutputImages.writePng(SwingFXUtils.fromFXImage(img, null), file);
        return file;
    }

    /**
     * For each result, {@code <stem>-<task>.png} (the picture as the command line draws it) and
     * {@code <stem>-<task>.npy} (the raw head output, C x H x W float32); returns the files written.
     */
    public static List<Path> outputs(Map<String, TaskResult> results, Path dir, String stem, ColorMap depthMap) throws IOException {
        List<Path> files = new ArrayList<>();
        OutputFolder folder = OutputFolder.create(dir);
        for (Map.Entry<String, TaskResult> e : results.entrySet()) {
            Path png = folder.file(stem + "-" + e.getKey() + ".png");
            OutputImages.writePng(OutputImages.render(e.getValue().output(), depthMap), png);
            TaskOutput o = e.getValue().output();
            Path npy = folder.file(stem + "-" + e.getKey() + ".npy");
            Npy.write(npy, o.data(), o.channels(), o.height(), o.width());
            files.add(png);
            files.add(npy);
        }
        return files;
    }

    /** For each trace, {@code <stem>-<task>-routing.json} and {@code .csv}; returns the files written. */
    public static List<Path> routing(Map<String, RoutingTrace> traces, Path dir, String stem) throws IOException {
        List<Path> files = new ArrayList<>();
        OutputFolder folder = OutputFolder.create(dir);
        for (Map.Entry<String, RoutingTrace> e : traces.entrySet()) {
            Path json = folder.file(stem + "-" + e.getKey() + "-routing.json");
            Path csv = folder.file(stem + "-" + e.getKey() + "-routing.csv");
            RoutingTraceJson.write(e.getValue(), json);
            RoutingTraceCsv.write(e.getValue(), csv);
            files.add(json);
            files.add(csv);
        }
        return files;
    }

    /** A file-name stem from an image name: "room 1.png" -> "room_1". */
    public static String stem(String imageName) {
        int dot = imageName.lastIndexOf('.');
        String s = dot > 0 ? imageName.substring(0, dot) : imageName;
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
