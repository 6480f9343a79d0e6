package org.m3vit.visualizer.routing;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.m3vit.visualizer.view.ImageCanvas;
import org.m3vit.visualizer.view.PixelPoint;
import org.m3vit.visualizer.view.Pixels;

import java.util.Set;
import java.util.TreeSet;

/**
 * The image with its patch grid, on which a person picks patches: a drag selects the rectangle of
 * patches it spans (with Shift added to the picked ones, with Ctrl taken away from them), a click
 * picks one patch (Shift or Ctrl toggles it). Picked patches are lit, the others dimmed. The
 * selection is a set of patch tokens (1 + row x columns + column), as in the routing trace.
 */
public class PatchSelectionView extends ImageCanvas {

    private static final int PICKED = 0x5A00E5FF;
    private static final int DIMMED = 0x8C000000;
    private static final int DRAGGED = 0x7AFFFFFF;

    private final ObjectProperty<Set<Integer>> selection = new SimpleObjectProperty<>(this, "selection", Set.of());
    private int rows;
    private int columns;
    private int patch = 16;
    private PixelPoint dragStart;
    private PixelPoint dragNow;

    /** An empty view; {@link #setGrid} gives it the patch layout. */
    public PatchSelectionView() {
        showGridProperty().set(true);
        overlayOpacityProperty().set(1.0);
        smoothBaseProperty().set(false);
        selection.addListener(o -> paintSelection());
        canvas().addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            dragStart = patchAt(e.getX(), e.getY());
            dragNow = dragStart;
            paintSelection();
        });
        canvas().addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (dragStart == null) return;
            PixelPoint p = patchAt(clampX(e.getX()), clampY(e.getY()));
            if (p != null && !p.equals(dragNow)) {
                dragNow = p;
                paintSelection();
            }
        });
        canvas().addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragStart == null || e.getButton() != MouseButton.PRIMARY) return;
            PixelPoint a = dragStart, b = dragNow == null ? dragStart : dragNow;
            dragStart = null;
            dragNow = null;
            Set<Integer> span = span(a, b);
            Set<Integer> next = new TreeSet<>(selection.get());
            boolean single = a.equals(b);
            if (e.isControlDown() || e.isShortcutDown()) next.removeAll(span);
            else if (e.isShiftDown() && single && next.containsAll(span)) next.removeAll(span);
            else if (e.isShiftDown()) next.addAll(span);
            else next = new TreeSet<>(span);
            selection.set(Set.copyOf(next));
            paintSelection();
        });
    }

    /** The picked patch tokens; set it to change what is shown as picked. */
    public ObjectProperty<Set<Integer>> selectionProperty() { return selection; }

    /** Shows {@code image} (at model size) cut into {@code rows} x {@code columns} patches. */
    public void setGrid(Image image, int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        patch = image == null || columns == 0 ? 16 : (int) Math.round(image.getWidth() / columns);
        patchSizeProperty().set(patch);
        imageProperty().set(image);
        paintSelection();
    }

    /** The token of patch (row, column). */
    public int token(int row, int column) { return 1 + row * columns + column; }

    private double clampX(double x) {
        double[] lo = toCanvas(0, 0), hi = toCanvas(columns * patch - 1, 0);
        return Math.max(lo[0], Math.min(hi[0], x));
    }

    private double clampY(double y) {
        double[] lo = toCanvas(0, 0), hi = toCanvas(0, rows * patch - 1);
        return Math.max(lo[1], Math.min(hi[1], y));
    }

    /** The patch (column, row) under canvas point (x, y), null outside the grid. */
    private PixelPoint patchAt(double x, double y) {
        PixelPoint p = toImage(x, y);
        if (p == null || rows == 0) return null;
        int r = p.patchRow(patch), c = p.patchColumn(patch);
        return r < rows && c < columns ? new PixelPoint(c, r) : null;
    }

    private Set<Integer> span(PixelPoint a, PixelPoint b) {
        Set<Integer> out = new TreeSet<>();
        if (a == null || b == null) return out;
        for (int r = Math.min(a.y(), b.y()); r <= Math.max(a.y(), b.y()); r++) {
            for (int c = Math.min(a.x(), b.x()); c <= Math.max(a.x(), b.x()); c++) out.add(token(r, c));
        }
        return out;
    }

    private void paintSelection() {
        if (rows == 0 || columns == 0) {
            overlayProperty().set(null);
            return;
        }
        Set<Integer> picked = selection.get();
        Set<Integer> dragged = span(dragStart, dragNow);
        int[] px = new int[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int t = token(r, c);
                px[r * columns + c] = dragged.contains(t) ? DRAGGED : picked.contains(t) ? PICKED : picked.isEmpty() ? 0 : DIMMED;
            }
        }
        overlayProperty().set(Pixels.toImage(px, columns, rows));
    }
}
