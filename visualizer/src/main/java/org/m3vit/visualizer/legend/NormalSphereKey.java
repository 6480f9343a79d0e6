package org.m3vit.visualizer.legend;

import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.m3vit.visualizer.render.OutputImages;

/**
 * The key of the normal-map colours: a sphere seen by the camera, each point coloured with its
 * own normal in the same RGB encoding as the maps, with a ring at the normal under the cursor.
 * Normals are in the OpenCV camera frame of the synthetic scenes (x right, y down, z forward),
 * so the visible half of the sphere has z &lt; 0.
 */
public class NormalSphereKey extends Canvas {

    private final WritableImage sphere;
    private double[] marker;

    /** A key of {@code size} pixels. */
    public NormalSphereKey(int size) {
        super(size, size);
        sphere = new WritableImage(size, size);
        PixelWriter pw = sphere.getPixelWriter();
        double r = size / 2.0 - 1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double nx = (x + 0.5 - size / 2.0) / r;
                double ny = (y + 0.5 - size / 2.0) / r;
                double q = nx * nx + ny * ny;
                if (q > 1) { pw.setArgb(x, y, 0); continue; }
                double nz = -Math.sqrt(1 - q);
                int argb = 0xFF000000 | (OutputImages.normalChannel(nx) << 16) | (OutputImages.normalChannel(ny) << 8) | OutputImages.normalChannel(nz);
                pw.setArgb(x, y, argb);
            }
        }
        draw();
    }

    /** Marks the unit normal (x, y, z) (null to hide); a normal facing away from the camera is ringed in red. */
    public void mark(double[] normal) {
        marker = normal;
        draw();
    }

    private void draw() {
        var g = getGraphicsContext2D();
        double s = getWidth();
        g.clearRect(0, 0, s, s);
        g.drawImage(sphere, 0, 0);
        g.setStroke(Color.gray(0.35));
        g.strokeOval(0.5, 0.5, s - 1, s - 1);
        if (marker != null) {
            double r = s / 2.0 - 1;
            double x = s / 2.0 + marker[0] * r, y = s / 2.0 + marker[1] * r;
            g.setStroke(marker[2] <= 0 ? Color.BLACK : Color.RED);
            g.setLineWidth(2);
            g.strokeOval(x - 4, y - 4, 8, 8);
            g.setLineWidth(1);
        }
    }
}
