package org.m3vit.visualizer.routing;

import javafx.animation.AnimationTimer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.VPos;
import org.m3vit.visualizer.view.CanvasRegion;
import org.m3vit.visualizer.view.TextScale;
import org.m3vit.visualizer.view.TextWidth;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.List;

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
    /** The particles and expert boxes, redrawn alone while the tokens travel. */
    private final javafx.scene.canvas.Canvas moving = addLayer();
    private List<Object> stillKey;
    private LayerPicture layer;
    private boolean movingArrived;
    private int movingDraws;
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
        // opaque: the renderer need not paint what lies under the view (the tab's backgrounds) at every frame
        setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(BACKGROUND, null, null)));
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

    /**
     * Draws what changed: the still picture (background, titles, every token's paths and dot) when the
     * size, trace, layer, selected token or text scale changed; the moving one (particles, expert boxes
     * lighting up) on its own canvas while the tokens travel, and not at all once they have arrived.
     */
    @Override
    protected void draw() {
        double w = getWidth(), h = getHeight();
        int li = trace == null || trace.layers().isEmpty() ? -1 : animation.layer();
        List<Object> key = List.of(w, h, trace == null ? 0 : System.identityHashCode(trace), li, selectedToken.get(), TextScale.of(this));
        boolean stillChanged = !key.equals(stillKey);
        if (stillChanged) {
            stillKey = key;
            drawStill(w, h, li);
        }
        double f = li < 0 ? 1 : Math.min(1, animation.phase() / 0.7);
        if (!stillChanged && f >= 1 && movingArrived) return; // nothing moves until the next layer
        movingArrived = f >= 1;
        drawMoving(w, h, f);
    }

    /** Frames in which the moving picture was drawn (tests: it stops once the tokens have arrived). */
    public int movingDraws() { return movingDraws; }

    private void drawStill(double w, double h, int li) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (li < 0) {
            layer = null;
            g.setFill(Color.gray(0.7));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Open an image to watch its tokens flow to their experts.", w / 2, h / 2);
            return;
        }
        layer = new LayerPicture(trace, trace.layers().get(li), w, h);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.WHITE);
        LayerRouting l = layer.routing;
        String heading = "MoE layer " + (li + 1) + " of " + trace.layers().size() + "  (block " + l.block() + ")  ·  task "
                + trace.task();
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
        int n = l.numTokens(), k = l.topK();
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                int p = t * k + j;
                boolean emph = t == sel;
                g.setStroke(emph ? Color.WHITE : layer.pathColor[p]);
                g.setLineWidth(emph ? 2 : 1);
                g.strokeLine(layer.dot[3 * t], layer.dot[3 * t + 1], layer.end[2 * p], layer.end[2 * p + 1]);
            }
        }
        // token dots, coloured by their top-1 expert
        for (int t = 0; t < n; t++) {
            double x = layer.dot[3 * t], y = layer.dot[3 * t + 1], r = layer.dot[3 * t + 2];
            g.setFill(ExpertColors.of(l.experts()[t][0]));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            if (t == sel) {
                g.setStroke(Color.WHITE);
                g.setLineWidth(2);
                g.strokeOval(x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4);
            }
        }
        g.setLineWidth(1);
        // the boxes' labels for their width, once per layer: measuring text is slow
        int experts = trace.numExperts();
        layer.boxFont = new Font[experts];
        layer.boxLabel = new String[experts];
        for (int e = 0; e < experts; e++) {
            double[] b = expertBox(e, w, h);
            layer.boxFont[e] = font(FontWeight.BOLD, Math.min(13, b[3] * 0.45));
            layer.boxLabel[e] = boxLabel(e, layer.load[e], b[2] - 8, layer.boxFont[e]);
        }
    }

    private void drawMoving(double w, double h, double f) {
        movingDraws++;
        GraphicsContext g = moving.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (layer == null) return;
        double ease = f * f * (3 - 2 * f);
        LayerRouting l = layer.routing;
        int sel = selectedToken.get();
        int n = l.numTokens(), k = l.topK();
        // one path per colour, its particles as circles in it: one fill for the group instead of one shape per particle
        for (int[] group : layer.groups) {
            boolean any = false;
            for (int p : group) {
                int t = p / k;
                if (f >= 1 && t != sel) continue;
                if (!any) g.beginPath();
                any = true;
                double dx = layer.dot[3 * t], dy = layer.dot[3 * t + 1];
                double px = dx + (layer.end[2 * p] - dx) * ease, py = dy + (layer.end[2 * p + 1] - dy) * ease;
                double r = layer.radius[p];
                g.moveTo(px + r, py);
                g.arc(px, py, r, r, 0, 360);
                g.closePath();
            }
            if (!any) continue;
            g.setFill(layer.particleColor[group[0]]);
            g.fill();
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int e = 0; e < trace.numExperts(); e++) {
            double[] b = expertBox(e, w, h);
            boolean active = layer.load[e] > 0;
            Color lit = ExpertColors.of(e);
            g.setFill(active ? IDLE.interpolate(lit, ease) : IDLE);
            g.fillRoundRect(b[0], b[1], b[2], b[3], 8, 8);
            g.setStroke(active ? layer.litBorder[e] : Color.gray(0.3));
            g.setLineWidth(active ? 2 : 1);
            g.strokeRoundRect(b[0], b[1], b[2], b[3], 8, 8);
            g.setFont(layer.boxFont[e]);
            g.setFill(active && ease > 0.5 ? ExpertColors.textOn(e) : Color.gray(0.6));
            g.fillText(layer.boxLabel[e], b[0] + b[2] / 2, b[1] + b[3] / 2);
        }
        g.setLineWidth(1);
    }

    /** One MoE layer's geometry and colours for one size of the view, worked out once, drawn every frame. */
    private final class LayerPicture {
        final LayerRouting routing;
        final int[] load;
        /** Per token: dot centre x, y and radius. */
        final double[] dot;
        /** Per (token, slot): where the particle arrives (x, y), its colour and radius, its path's colour. */
        final double[] end;
        final Color[] particleColor;
        final double[] radius;
        final Color[] pathColor;
        final Color[] litBorder;
        /** Particles of one colour (expert and gate weight in eighths), for one fill each. */
        final List<int[]> groups = new java.util.ArrayList<>();
        Font[] boxFont;
        String[] boxLabel;

        LayerPicture(RoutingTrace trace, LayerRouting l, double w, double h) {
            routing = l;
            load = l.tokensPerExpert();
            int n = l.numTokens(), k = l.topK();
            java.util.Map<Integer, List<Integer>> byColour = new java.util.TreeMap<>();
            dot = new double[3 * n];
            end = new double[2 * n * k];
            particleColor = new Color[n * k];
            radius = new double[n * k];
            pathColor = new Color[n * k];
            for (int t = 0; t < n; t++) {
                double[] d = tokenDot(t, w, h);
                System.arraycopy(d, 0, dot, 3 * t, 3);
                for (int j = 0; j < k; j++) {
                    int p = t * k + j, e = l.experts()[t][j];
                    double gw = l.weights()[t][j];
                    double[] b = expertBox(e, w, h);
                    end[2 * p] = b[0];
                    end[2 * p + 1] = b[1] + b[3] / 2;
                    Color c = ExpertColors.of(e);
                    pathColor[p] = c.deriveColor(0, 1, 1, 0.04 + 0.22 * gw);
                    // the particle's opacity in eighths of the gate weight: particles of the same colour share one fill
                    double level = Math.round(Math.max(0, Math.min(1, gw)) * 8) / 8.0;
                    particleColor[p] = c.deriveColor(0, 1, 1.2, 0.5 + 0.5 * level);
                    radius[p] = 1.5 + 4 * gw;
                    byColour.computeIfAbsent(e * 16 + (int) Math.round(level * 8), x -> new java.util.ArrayList<>()).add(p);
                }
            }
            for (List<Integer> members : byColour.values()) groups.add(members.stream().mapToInt(Integer::intValue).toArray());
            litBorder = new Color[trace.numExperts()];
            for (int e = 0; e < litBorder.length; e++) litBorder[e] = ExpertColors.of(e).brighter();
        }
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
