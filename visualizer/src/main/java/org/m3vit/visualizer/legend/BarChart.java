package org.m3vit.visualizer.legend;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.m3vit.visualizer.view.CanvasRegion;

import java.util.List;

/**
 * Horizontal bars with a label on the left and the value written after the bar: the per-class IoU
 * and the error histograms beside the error maps. Values are drawn against {@code 0 .. max}.
 */
public final class BarChart extends CanvasRegion {

    /** One bar: its label, value, the text written after it and its colour. */
    public record Bar(String label, double value, String text, Color color) { }


    private List<Bar> bars = List.of();
    private double max = 1;

    /** A chart that grows with its cell. */
    public BarChart() {
        setMinSize(40, 40);
        setPrefSize(160, 128);
    }

    /** Shows {@code bars}, scaled so that {@code max} fills the width. */
    public void set(List<Bar> bars, double max) {
        this.bars = List.copyOf(bars);
        this.max = max > 0 ? max : 1;
        requestDraw();
    }

    /** The bars shown (tests read them). */
    public List<Bar> bars() { return bars; }

    @Override
    protected void draw() {
        double w = getWidth(), h = getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (bars.isEmpty() || w < 20 || h < 10) return;
        g.setFont(font(11));
        g.setTextBaseline(VPos.CENTER);
        double labelWidth = Math.min(w * 0.4, 8 + 6.2 * bars.stream().mapToInt(b -> b.label().length()).max().orElse(4));
        double textWidth = 6.2 * bars.stream().mapToInt(b -> b.text().length()).max().orElse(4) + 6;
        double barSpace = Math.max(10, w - labelWidth - textWidth);
        double row = Math.min(22, h / bars.size());
        double barHeight = Math.max(2, row * 0.7);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = i * row;
            double mid = y + row / 2;
            g.setFill(Color.web("#333"));
            g.setTextAlign(TextAlignment.RIGHT);
            if (row >= 9) g.fillText(b.label(), labelWidth - 6, mid, labelWidth - 6);
            g.setFill(Color.web("#e8e8e8"));
            g.fillRect(labelWidth, mid - barHeight / 2, barSpace, barHeight);
            double len = Double.isNaN(b.value()) ? 0 : barSpace * Math.max(0, Math.min(1, b.value() / max));
            g.setFill(b.color());
            g.fillRect(labelWidth, mid - barHeight / 2, len, barHeight);
            g.setStroke(Color.web("#888"));
            g.setLineWidth(0.5);
            g.strokeRect(labelWidth + 0.25, mid - barHeight / 2 + 0.25, barSpace - 0.5, barHeight - 0.5);
            g.setFill(Color.web("#333"));
            g.setTextAlign(TextAlignment.LEFT);
            if (row >= 9) g.fillText(b.text(), labelWidth + barSpace + 4, mid);
        }
    }
}
