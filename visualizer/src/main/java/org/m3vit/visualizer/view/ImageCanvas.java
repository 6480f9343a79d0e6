package org.m3vit.visualizer.view;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import java.util.function.Consumer;

/**
 * A resizable picture: a base image scaled to fit (aspect kept), an optional overlay image of
 * any resolution stretched over it with an opacity, an optional patch grid and one highlighted
 * patch. It reports the base-image pixel under the mouse and the pixel clicked. Property changes
 * draw once, in the next layout pass (a new picture sets image, overlay and highlight: one drawing).
 */
public class ImageCanvas extends Region implements PixelDensity {

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Image> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<Image> overlay = new SimpleObjectProperty<>(this, "overlay");
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(this, "overlayOpacity", 1.0);
    private final BooleanProperty showGrid = new SimpleBooleanProperty(this, "showGrid", false);
    private final IntegerProperty patchSize = new SimpleIntegerProperty(this, "patchSize", 16);
    private final ObjectProperty<PixelPoint> highlightedPatch = new SimpleObjectProperty<>(this, "highlightedPatch");
    private final BooleanProperty smoothBase = new SimpleBooleanProperty(this, "smoothBase", true);
    private final ReadOnlyObjectWrapper<PixelPoint> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private Consumer<PixelPoint> onPixelClicked = p -> { };
    private double scale = 1, offsetX, offsetY;
    private boolean alignTop;
    private final CanvasDensity density = new CanvasDensity(canvas);
    private boolean drawPending = true;
    private int draws;

    /** A canvas that shows nothing until an image is set. */
    public ImageCanvas() {
        getChildren().add(canvas);
        setMinSize(60, 60);
        setPrefSize(320, 256);
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {image, overlay, overlayOpacity, showGrid, patchSize,
                highlightedPatch, smoothBase}) {
            p.addListener(o -> requestRedraw());
        }
        canvas.setOnMouseMoved(e -> hovered.set(toImage(e.getX(), e.getY())));
        canvas.setOnMouseDragged(e -> hovered.set(toImage(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hovered.set(null));
        canvas.setOnMouseClicked(e -> {
            PixelPoint p = toImage(e.getX(), e.getY());
            if (p != null && e.getButton() == MouseButton.PRIMARY) onPixelClicked.accept(p);
        });
    }

    public ObjectProperty<Image> imageProperty() { return image; }
    public ObjectProperty<Image> overlayProperty() { return overlay; }
    public DoubleProperty overlayOpacityProperty() { return overlayOpacity; }
    public BooleanProperty showGridProperty() { return showGrid; }
    public IntegerProperty patchSizeProperty() { return patchSize; }
    public ObjectProperty<PixelPoint> highlightedPatchProperty() { return highlightedPatch; }
    public BooleanProperty smoothBaseProperty() { return smoothBase; }

    /** The base-image pixel under the mouse, null when the mouse is outside the picture. */
    public ReadOnlyObjectProperty<PixelPoint> hoveredProperty() { return hovered.getReadOnlyProperty(); }

    /** Called with the base-image pixel of a primary click on the picture. */
    public void setOnPixelClicked(Consumer<PixelPoint> handler) { onPixelClicked = handler == null ? p -> { } : handler; }

    /** The base-image pixel at canvas position (x, y), null outside the picture. */
    public PixelPoint toImage(double x, double y) {
        Image img = image.get();
        if (img == null) return null;
        fit();
        int px = (int) Math.floor((x - offsetX) / scale);
        int py = (int) Math.floor((y - offsetY) / scale);
        if (px < 0 || py < 0 || px >= img.getWidth() || py >= img.getHeight()) return null;
        return new PixelPoint(px, py);
    }

    /** Canvas position of the centre of base-image pixel (x, y): for tests and tooltips. */
    public double[] toCanvas(double x, double y) {
        fit();
        return new double[] {offsetX + (x + 0.5) * scale, offsetY + (y + 0.5) * scale};
    }

    /** The inner canvas, to place it in scene coordinates (tests move the mouse over it). */
    public Canvas canvas() { return canvas; }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (density.size(w, h) || drawPending) redraw();
    }

    /** Draws again in the next layout pass (once for any number of changes before it). */
    private void requestRedraw() {
        if (drawPending) return;
        drawPending = true;
        setNeedsLayout(true);
    }

    /** How many times the picture has been drawn (tests check that one new picture draws once). */
    public int drawCount() { return draws; }

    /** Scale and offsets of the picture for the canvas' size now, as {@link #redraw} draws it. */
    private void fit() {
        Image img = image.get();
        if (img == null || img.getWidth() == 0) return;
        double cw = canvas.getWidth() / density.get(), ch = canvas.getHeight() / density.get();
        double iw = img.getWidth(), ih = img.getHeight();
        double s = Math.min(cw / iw, ch / ih);
        if (s <= 0) return;
        scale = s;
        offsetX = Math.floor((cw - iw * s) / 2);
        offsetY = alignTop ? 0 : Math.floor((ch - ih * s) / 2);
    }

    @Override
    public void setPixelDensity(double d) {
        if (density.set(d)) layoutChildren();
    }

    @Override
    protected double computePrefWidth(double height) { return 320; }

    @Override
    protected double computePrefHeight(double width) { return 256; }

    /** Draws the picture at the top of the area (under its caption) instead of centred vertically. */
    public void setAlignTop(boolean top) {
        alignTop = top;
        requestRedraw();
    }

    /** Draws everything again, now. */
    public void redraw() {
        drawPending = false;
        draws++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        density.scaleDrawing();
        double cw = canvas.getWidth() / density.get(), ch = canvas.getHeight() / density.get();
        g.clearRect(0, 0, cw, ch);
        Image img = image.get();
        if (img == null || img.getWidth() == 0) return;
        double iw = img.getWidth(), ih = img.getHeight();
        if (Math.min(cw / iw, ch / ih) <= 0) return;
        fit();
        double dw = iw * scale, dh = ih * scale;
        g.setImageSmoothing(smoothBase.get());
        g.drawImage(img, offsetX, offsetY, dw, dh);
        Image ov = overlay.get();
        if (ov != null && overlayOpacity.get() > 0) {
            g.setImageSmoothing(false);
            g.setGlobalAlpha(Math.min(1, overlayOpacity.get()));
            g.drawImage(ov, offsetX, offsetY, dw, dh);
            g.setGlobalAlpha(1);
        }
        int p = patchSize.get();
        if (showGrid.get() && p > 0) {
            g.setStroke(Color.rgb(255, 255, 255, 0.45));
            g.setLineWidth(1);
            for (double x = 0; x <= iw + 0.01; x += p) {
                double sx = Math.round(offsetX + x * scale) + 0.5;
                g.strokeLine(sx, offsetY, sx, offsetY + dh);
            }
            for (double y = 0; y <= ih + 0.01; y += p) {
                double sy = Math.round(offsetY + y * scale) + 0.5;
                g.strokeLine(offsetX, sy, offsetX + dw, sy);
            }
        }
        PixelPoint hl = highlightedPatch.get();
        if (hl != null && p > 0) {
            double x0 = offsetX + hl.x() * p * scale, y0 = offsetY + hl.y() * p * scale;
            g.setStroke(Color.WHITE);
            g.setLineWidth(3);
            g.strokeRect(x0, y0, p * scale, p * scale);
            g.setStroke(Color.BLACK);
            g.setLineWidth(1);
            g.strokeRect(x0 - 2, y0 - 2, p * scale + 4, p * scale + 4);
        }
    }
}
