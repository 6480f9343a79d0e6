package org.m3vit.app.ui.icons;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;

import java.util.List;

/**
 * The application icon, drawn here (our own): a 3x3 grid of image patches on the left whose
 * tokens flow along curves to three lit expert boxes on the right, on a dark rounded tile.
 * Vector drawing, so every size is sharp.
 */
public final class AppIcon {

    /** Sizes written for the window and to {@code icons/}. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private static final Color[] EXPERTS = {Color.web("#f28e2b"), Color.web("#59a14f"), Color.web("#4e79a7")};
    private static final int[][] ROUTE = {{0, 1}, {0, 2}, {1, 1}, {2, 0}, {1, 2}, {0, 0}, {2, 1}, {1, 0}, {2, 2}};

    private AppIcon() { }

    /** The icon at {@code size} x {@code size} pixels with a transparent outside (call on the FX thread). */
    public static Image render(int size) {
        Canvas c = new Canvas(size, size);
        draw(c.getGraphicsContext2D(), size);
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        return c.snapshot(p, new WritableImage(size, size));
    }

    /** Draws the icon into a square of side {@code s}. */
    public static void draw(GraphicsContext g, double s) {
        double u = s / 64.0;
        g.setFill(Color.web("#18222e"));
        g.fillRoundRect(1 * u, 1 * u, 62 * u, 62 * u, 16 * u, 16 * u);
        g.setStroke(Color.web("#3a4b5e"));
        g.setLineWidth(Math.max(1, 1.2 * u));
        g.strokeRoundRect(1 * u, 1 * u, 62 * u, 62 * u, 16 * u, 16 * u);
        double cell = 8 * u, gx = 8 * u, gy = 18 * u;
        double ex = 44 * u, ew = 13 * u, eh = 9 * u;
        double[] ey = {12 * u, 27.5 * u, 43 * u};
        g.setLineCap(StrokeLineCap.ROUND);
        if (s >= 24) {
            for (int i = 0; i < 9; i++) {
                int r = i / 3, col = i % 3;
                double x0 = gx + col * (cell + u) + cell / 2, y0 = gy + r * (cell + u) + cell / 2;
                int e = ROUTE[i][0];
                double x1 = ex, y1 = ey[e] + eh / 2;
                g.setStroke(EXPERTS[e].deriveColor(0, 1, 1, 0.75));
                g.setLineWidth(Math.max(1, 1.3 * u));
                g.beginPath();
                g.moveTo(x0, y0);
                g.bezierCurveTo((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, x1, y1);
                g.stroke();
            }
        } else {
            g.setLineWidth(Math.max(1, 2 * u));
            for (int e = 0; e < 3; e++) {
                g.setStroke(EXPERTS[e]);
                g.strokeLine(gx + 3 * cell, gy + (e + 0.5) * (cell + u), ex, ey[e] + eh / 2);
            }
        }
        for (int i = 0; i < 9; i++) {
            int r = i / 3, col = i % 3;
            g.setFill(EXPERTS[ROUTE[i][0]].interpolate(Color.WHITE, 0.35));
            g.fillRoundRect(gx + col * (cell + u), gy + r * (cell + u), cell, cell, 2 * u, 2 * u);
        }
        for (int e = 0; e < 3; e++) {
            g.setFill(EXPERTS[e]);
            g.fillRoundRect(ex, ey[e], ew, eh, 3 * u, 3 * u);
            g.setStroke(EXPERTS[e].brighter());
            g.setLineWidth(Math.max(0.8, 0.8 * u));
            g.strokeRoundRect(ex, ey[e], ew, eh, 3 * u, 3 * u);
        }
    }

    /** The icon at every size in {@link #SIZES}, for {@code Stage.getIcons()}. */
    public static List<Image> all() {
        return SIZES.stream().map(AppIcon::render).toList();
    }

    /**
     * Gives {@code stage} the icon at every size: the PNG files {@code m3vit-<size>.png} of
     * {@code ${m3vit.home}/icons} when they are all there (reading them takes milliseconds), else
     * drawn after the window's first frame (each drawing is a snapshot that waits for the renderer:
     * a fifth of a second at the start with the software renderer). Call on the FX thread.
     */
    public static void installOn(javafx.stage.Stage stage) {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("m3vit.home", "."), "icons");
        List<Image> files = new java.util.ArrayList<>();
        for (int size : SIZES) {
            java.nio.file.Path f = dir.resolve("m3vit-" + size + ".png");
            if (!java.nio.file.Files.isRegularFile(f)) break;
            Image img = new Image(f.toUri().toString());
            if (img.isError()) break;
            files.add(img);
        }
        if (files.size() == SIZES.size()) stage.getIcons().setAll(files);
        else javafx.application.Platform.runLater(() -> stage.getIcons().setAll(all()));
    }
}
