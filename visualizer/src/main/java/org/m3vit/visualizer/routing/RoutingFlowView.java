package org.m3vit.visualizer.routing;

import javafx.animation.AnimationTimer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.VPos;
import org.m3vit.visualizer.view.CanvasRegion;
import org.m3vit.visualizer.view.TextWidth;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

/**
 * The routing animation: tokens as dots on the left (laid out like the patch grid, cls above),
 * experts as boxes on the right; in each MoE layer particles travel from every token to its
 * top-k experts (size and opacity = gate weight); experts that receive tokens light up in their
 * colour, idle experts stay dark. Driven by a {@link RoutingAnimation}.
 */
public class RoutingFlowView extends CanvasRegion {

    private static final Color BACKGROUND = Color.web("#1b1f24");
    private static final Color IDLE = Color.web("#33383f");
    private final RoutingAnimation animation;
    private final IntegerProperty selectedToken = new SimpleIntegerProperty(this, "selectedToken", -1);
    private RoutingTrace trace;
    private long lastNanos = -1;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (lastNanos > 0) animation.advance(Math.min(0.1, (now - lastNanos) / 1e9));
            lastNanos = now;
        }
    };

    /** A view driven by {@code animation}. */
    public RoutingFlowView(RoutingAnimation animation) {
        this.animation = animation;
        getStyleClass().add("routing-flow");
        setMinSize(200, 160);
        animation.positionProperty().addListener(o -> requestDraw());
        selectedToken.addListener(o -> requestDraw());
        animation.playingProperty().addListener((o, was, now) -> {
            lastNanos = -1;
            if (now) timer.start(); else timer.stop();
        });
    }

    /** The token whose paths are emphasised (-1 for none). */
    public IntegerProperty selectedTokenProperty() { return selectedToken; }

    /** Shows a trace (null clears); the animation's layer count follows it. */
    public void setTrace(RoutingTrace trace) {
        this.trace = trace;
        animation.layersProperty().set(trace == null ? 0 : trace.layers().size());
        if (trace != null && animation.layer() >= trace.layers().size()) animation.show(0);
        requestDraw();
    }

    @Override
    protected double computePrefWidth(double height) { return 520; }

    @Override
    protected double computePrefHeight(double width) { return 360; }

    /** Centre of token {@code t}'s dot and its radius, for a grid drawn in the left area. */
    private double[] tokenDot(int t, double w, double h) {
        int gh = trace.gridHeight(), gw = trace.gridWidth();
        double areaW = w * 0.36, areaH = h - 70;
        double step = Math.min(areaW / gw, areaH / (gh + 1.5));
        double x0 = 24, y0 = 44 + 1.5 * step;
        if (t == 0) return new double[] {x0 + step / 2, 44 + step / 2, step * 0.3};
        int r = trace.row(t), c = trace.column(t);
        return new double[] {x0 + (c + 0.5) * step, y0 + (r + 0.5) * step, step * 0.3};
    }

    /** Box of expert {@code e}: x, y, width, height. */
    private double[] expertBox(int e, double w, double h) {
        int n = trace.numExperts();
        double top = 44, avail = h - top - 40; // room for the two-line footer of a narrow view
        double bh = Math.min(38, avail / n - 4);
        double gap = (avail - n * bh) / Math.max(1, n);
        double bw = Math.min(150, w * 0.22);
        return new double[] {w - bw - 20, top + e * (bh + gap) + gap / 2, bw, bh};
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (trace == null || trace.layers().isEmpty()) {
            g.setFill(Color.gray(0.7));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Open an image to watch its tokens flow to their experts.", w / 2, h / 2);
            return;
        }
        int li = animation.layer();
        LayerRouting layer = trace.layers().get(li);
        double phase = animation.phase();
        double f = Math.min(1, phase / 0.7);
        double ease = f * f * (3 - 2 * f);
        int[] load = layer.tokensPerExpert();

        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.WHITE);
        String heading = "MoE layer " + (li + 1) + " of " + trace.layers().size() + "  (block " + layer.block() + ")  ·  task " + trace.task();
        Font headingFont = font(FontWeight.BOLD, 14);
        for (double size = 14; size >= 10 && TextWidth.of(heading, headingFont) > w - 32; size -= 1) {
            headingFont = font(FontWeight.BOLD, size - 1);
        }
        g.setFont(headingFont);
        g.fillText(heading, 16, 18);
        Font small = font(11);
        g.setFont(small);
        g.setFill(Color.gray(0.75));
        String tokensCaption = "tokens (one dot per 16x16 patch, cls on top)", expertsCaption = "experts: lit = receives tokens, dark = idle";
        boolean oneLine = TextWidth.of(tokensCaption, small) + TextWidth.of(expertsCaption, small) + 24 <= w - 32;
        g.fillText(tokensCaption, 16, oneLine ? h - 12 : h - 28);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(expertsCaption, w - 16, h - 12);

        int sel = selectedToken.get();
        int n = layer.numTokens(), k = layer.topK();
        // paths and particles
        for (int t = 0; t < n; t++) {
            double[] d = tokenDot(t, w, h);
            for (int j = 0; j < k; j++) {
                int e = layer.experts()[t][j];
                double gw = layer.weights()[t][j];
                double[] b = expertBox(e, w, h);
                double ex = b[0], ey = b[1] + b[3] / 2;
                Color c = ExpertColors.of(e);
                boolean emph = t == sel;
                g.setStroke(emph ? Color.WHITE : c.deriveColor(0, 1, 1, 0.04 + 0.22 * gw));
                g.setLineWidth(emph ? 2 : 1);
                g.strokeLine(d[0], d[1], ex, ey);
                if (f < 1 || emph) {
                    double px = d[0] + (ex - d[0]) * ease, py = d[1] + (ey - d[1]) * ease;
                    double r = 1.5 + 4 * gw;
                    g.setFill(c.deriveColor(0, 1, 1.2, 0.5 + 0.5 * gw));
                    g.fillOval(px - r, py - r, 2 * r, 2 * r);
                }
            }
        }
        // token dots, coloured by their top-1 expert
        for (int t = 0; t < n; t++) {
            double[] d = tokenDot(t, w, h);
            g.setFill(ExpertColors.of(layer.experts()[t][0]));
            g.fillOval(d[0] - d[2], d[1] - d[2], 2 * d[2], 2 * d[2]);
            if (t == sel) {
                g.setStroke(Color.WHITE);
                g.setLineWidth(2);
                g.strokeOval(d[0] - d[2] - 2, d[1] - d[2] - 2, 2 * d[2] + 4, 2 * d[2] + 4);
            }
        }
        // expert boxes
        g.setTextAlign(TextAlignment.CENTER);
        for (int e = 0; e < trace.numExperts(); e++) {
            double[] b = expertBox(e, w, h);
            boolean active = load[e] > 0;
            Color lit = ExpertColors.of(e);
            Color fill = active ? IDLE.interpolate(lit, ease) : IDLE;
            g.setFill(fill);
            g.fillRoundRect(b[0], b[1], b[2], b[3], 8, 8);
            g.setStroke(active ? lit.brighter() : Color.gray(0.3));
            g.setLineWidth(active ? 2 : 1);
            g.strokeRoundRect(b[0], b[1], b[2], b[3], 8, 8);
            Font font = font(FontWeight.BOLD, Math.min(13, b[3] * 0.45));
            g.setFont(font);
            g.setFill(active && ease > 0.5 ? ExpertColors.textOn(e) : Color.gray(0.6));
            g.fillText(boxLabel(e, load[e], b[2] - 8, font), b[0] + b[2] / 2, b[1] + b[3] / 2);
        }
        g.setLineWidth(1);
    }

    /** The longest of "E3 · 12 tokens", "E3 · 12", "E3" that fits in {@code width} pixels. */
    static String boxLabel(int expert, int tokens, double width, Font font) {
        String[] choices = {"E" + expert + "  ·  " + tokens + (tokens == 1 ? " token" : " tokens"), "E" + expert + " · " + tokens, "E" + expert};
        for (String c : choices) if (TextWidth.of(c, font) <= width) return c;
        return choices[choices.length - 1];
    }

    /** The box of expert {@code e} in this view's coordinates, null without routing (for exports and tests). */
    public javafx.geometry.Bounds expertBounds(int e) {
        if (trace == null || e < 0 || e >= trace.numExperts()) return null;
        double[] b = expertBox(e, getWidth(), getHeight());
        return new javafx.geometry.BoundingBox(b[0], b[1], b[2], b[3]);
    }

    /** True when expert {@code e} receives tokens in the layer shown (it is drawn lit). */
    public boolean isLit(int e) {
        return trace != null && !trace.layers().isEmpty() && trace.layers().get(animation.layer()).tokensPerExpert()[e] > 0;
    }
}
