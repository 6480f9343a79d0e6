package org.m3vit.visualizer.routing;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.m3vit.model.metrics.ExpertSpecialisation;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.view.CanvasRegion;
import org.m3vit.visualizer.view.TextWidth;

import java.util.Locale;

/**
 * What each expert's tokens cover: one row per expert, one column per property value (class,
 * depth range or normal direction), each cell coloured by the share of that expert's tokens
 * with that value (scaled to the table's largest share) and labelled with the token count (blank for none); the row's most frequent value is framed
 * and the right-hand column gives the row's entropy in bits.
 */
public class SpecialisationHeatmap extends CanvasRegion {

    /** A cell: expert (row), value (column), its token count, share of the expert's tokens and lift over the average. */
    public record Cell(int expert, int value, long tokens, double share, double lift) { }

    private static final double LEFT = 34, RIGHT = 46, BOTTOM = 18, LABEL_FONT = 11;
    private final ReadOnlyObjectWrapper<Cell> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private ExpertSpecialisation.Table table;
    private double top = 20;

    /** An empty heatmap. */
    public SpecialisationHeatmap() {
        getStyleClass().add("specialisation-heatmap");
        canvas.setOnMouseMoved(e -> hovered.set(cellAt(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hovered.set(null));
    }

    /** Shows {@code table} (null clears). */
    public void setTable(ExpertSpecialisation.Table table) {
        this.table = table;
        double longest = 0;
        if (table != null) for (String l : table.labels()) longest = Math.max(longest, TextWidth.of(l, font(LABEL_FONT)));
        top = 10 + longest * Math.sin(Math.toRadians(50)) + 6;   // column labels at 50 degrees
        hovered.set(null);
        requestLayout();
        requestDraw();
    }

    /** The table shown, null when empty. */
    public ExpertSpecialisation.Table table() { return table; }

    /** The cell under the mouse, null outside. */
    public ReadOnlyObjectProperty<Cell> hoveredProperty() { return hovered.getReadOnlyProperty(); }

    @Override
    protected double computePrefWidth(double height) { return LEFT + RIGHT + Math.max(1, columns()) * 30; }

    @Override
    protected double computePrefHeight(double width) { return top + BOTTOM + Math.max(1, rows()) * 24; }

    @Override
    protected double computeMinHeight(double width) { return top + BOTTOM + Math.max(1, rows()) * 10; }

    @Override
    protected double computeMinWidth(double height) { return LEFT + RIGHT + Math.max(1, columns()) * 12; }

    private int rows() { return table == null ? 0 : table.tokens().length; }

    private int columns() { return table == null ? 0 : table.labels().size(); }

    private double cellW() { return Math.max(6, (canvas.getWidth() - LEFT - RIGHT) / Math.max(1, columns())); }

    private double cellH() { return Math.max(6, Math.min(28, (canvas.getHeight() - top - BOTTOM) / Math.max(1, rows()))); }

    /** The cell at canvas point (x, y), null outside the grid. */
    public Cell cellAt(double x, double y) {
        if (table == null || x < LEFT || y < top) return null;
        int c = (int) Math.floor((x - LEFT) / cellW());
        int r = (int) Math.floor((y - top) / cellH());
        if (r >= rows() || c >= columns()) return null;
        return new Cell(r, c, table.tokens()[r][c], table.share(r)[c], table.lift(r, c));
    }

    /** Centre of the cell of expert {@code expert} and value {@code value}, in canvas coordinates: for tests. */
    public double[] cellCentre(int expert, int value) {
        return new double[] {LEFT + (value + 0.5) * cellW(), top + (expert + 0.5) * cellH()};
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (table == null) return;
        double cw = cellW(), ch = cellH();
        double maxShare = 0;
        for (int e = 0; e < rows(); e++) for (double v : table.share(e)) maxShare = Math.max(maxShare, v);
        drawColumnLabels(g, cw);
        g.setFont(font(Math.min(11, ch * 0.55)));
        g.setTextBaseline(VPos.CENTER);
        for (int e = 0; e < rows(); e++) {
            double y = top + e * ch;
            double[] share = table.share(e);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(Color.gray(0.2));
            g.fillText("E" + e, LEFT - 5, y + ch / 2);
            g.setTextAlign(TextAlignment.CENTER);
            for (int k = 0; k < share.length; k++) {
                double[] c = ColorMap.VIRIDIS.rgb(maxShare == 0 ? 0 : share[k] / maxShare);
                g.setFill(Color.color(c[0], c[1], c[2]));
                g.fillRect(LEFT + k * cw, y, cw - 1, ch - 1);
                if (cw >= 26 && ch >= 12 && table.tokens()[e][k] > 0) {
                    boolean light = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] > 0.5;
                    g.setFill(light ? Color.BLACK : Color.WHITE);
                    g.fillText(compact(table.tokens()[e][k]), LEFT + (k + 0.5) * cw, y + ch / 2);
                }
            }
            int best = table.top(e);
            if (best >= 0) {
                g.setStroke(Color.web("#ff4f7b"));
                g.setLineWidth(2);
                g.strokeRect(LEFT + best * cw + 1, y + 1, cw - 3, ch - 3);
                g.setLineWidth(1);
            }
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(Color.gray(0.25));
            String h = table.expertTokens(e) == 0 ? "-" : String.format(Locale.ROOT, "%.2f", table.entropyBits(e));
            g.fillText(h, LEFT + columns() * cw + 6, y + ch / 2);
        }
        g.setFont(font(LABEL_FONT));
        g.setFill(Color.gray(0.35));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("H bits", LEFT + columns() * cw + 4, top + rows() * ch + 2);
    }

    private void drawColumnLabels(GraphicsContext g, double cw) {
        g.setFont(font(LABEL_FONT));
        g.setFill(Color.gray(0.2));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < columns(); k++) {
            g.save();
            g.translate(LEFT + (k + 0.5) * cw, top - 4);
            g.rotate(-50);
            g.fillText(table.labels().get(k), 0, 0);
            g.restore();
        }
    }

    /** 7, 812, 4.3k, 12k: a count that fits a small cell. */
    static String compact(long n) {
        if (n < 1000) return Long.toString(n);
        if (n < 10_000) return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
        if (n < 1_000_000) return (n / 1000) + "k";
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
}
