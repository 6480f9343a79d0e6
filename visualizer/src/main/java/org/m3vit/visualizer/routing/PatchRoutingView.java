package org.m3vit.visualizer.routing;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.legend.ColorBar;
import org.m3vit.visualizer.view.ImageCanvas;
import org.m3vit.visualizer.view.PixelPoint;
import org.m3vit.visualizer.view.Pixels;

import java.util.function.IntConsumer;

/**
 * Every patch of the image coloured by the expert its gate picks first at one MoE layer, or by
 * one chosen expert's gate probability; a legend below. Reports the token under the mouse and
 * the token clicked.
 */
public class PatchRoutingView extends VBox {

    private final ImageCanvas canvas = new ImageCanvas();
    private final FlowPane expertLegend = new FlowPane(8, 4);
    private final ColorBar weightBar = new ColorBar();
    private final ReadOnlyIntegerWrapper hoveredToken = new ReadOnlyIntegerWrapper(this, "hoveredToken", -1);
    private IntConsumer onTokenClicked = t -> { };
    private RoutingTrace trace;
    private int patch = 16;

    /** An empty view. */
    public PatchRoutingView() {
        super(4);
        getStyleClass().add("patch-routing");
        canvas.showGridProperty().set(true);
        canvas.overlayOpacityProperty().set(0.7);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        weightBar.setVisible(false);
        weightBar.setManaged(false);
        getChildren().addAll(canvas, expertLegend, weightBar);
        canvas.hoveredProperty().addListener((o, a, p) -> hoveredToken.set(tokenAt(p)));
        canvas.setOnPixelClicked(p -> {
            int t = tokenAt(p);
            if (t > 0) onTokenClicked.accept(t);
        });
    }

    /** The picture (to snapshot it, or to move a test's mouse over it). */
    public ImageCanvas canvas() { return canvas; }

    /** Opacity of the routing colours over the image. */
    public DoubleProperty overlayOpacityProperty() { return canvas.overlayOpacityProperty(); }

    /** The patch token (>= 1) under the mouse, -1 when none. */
    public ReadOnlyIntegerProperty hoveredTokenProperty() { return hoveredToken.getReadOnlyProperty(); }

    /** Called with the patch token clicked. */
    public void setOnTokenClicked(IntConsumer handler) { onTokenClicked = handler == null ? t -> { } : handler; }

    private int tokenAt(PixelPoint p) {
        if (p == null || trace == null) return -1;
        int r = p.patchRow(patch), c = p.patchColumn(patch);
        if (r >= trace.gridHeight() || c >= trace.gridWidth()) return -1;
        return trace.token(r, c);
    }

    /**
     * Shows layer {@code layerPos} of {@code trace} over {@code input} (the image at model size):
     * by top-1 expert when {@code expert < 0}, else by that expert's gate probability.
     * {@code selectedToken} (>= 1) is outlined.
     */
    public void show(RoutingTrace trace, Image input, int layerPos, int expert, int selectedToken) {
        this.trace = trace;
        if (trace == null || input == null || trace.layers().isEmpty()) {
            canvas.imageProperty().set(input);
            canvas.overlayProperty().set(null);
            // hidden, not removed, and keeping its place: the next trace (often a moment later) fills the same labels again
            // and the picture above keeps its size
            expertLegend.setVisible(false);
            return;
        }
        patch = (int) Math.round(input.getWidth() / trace.gridWidth());
        canvas.patchSizeProperty().set(patch);
        LayerRouting layer = trace.layers().get(Math.max(0, Math.min(trace.layers().size() - 1, layerPos)));
        int gh = trace.gridHeight(), gw = trace.gridWidth();
        int[] px = new int[gh * gw];
        double max = 0;
        if (expert >= 0) {
            for (int t = 1; t <= gh * gw; t++) max = Math.max(max, layer.probabilities()[t][expert]);
            if (max <= 0) max = 1;
        }
        for (int t = 1; t <= gh * gw; t++) {
            px[t - 1] = expert < 0 ? ExpertColors.argb(layer.experts()[t][0])
                    : ColorMap.INFERNO.argb(layer.probabilities()[t][expert] / max);
        }
        canvas.imageProperty().set(input);
        canvas.overlayProperty().set(Pixels.toImage(px, gw, gh));
        canvas.highlightedPatchProperty().set(selectedToken >= 1 && selectedToken < trace.numTokens()
                ? new PixelPoint(trace.column(selectedToken), trace.row(selectedToken)) : null);
        boolean byExpert = expert >= 0;
        expertLegend.setVisible(!byExpert);
        expertLegend.setManaged(!byExpert);
        weightBar.setVisible(byExpert);
        weightBar.setManaged(byExpert);
        if (byExpert) {
            weightBar.set(ColorMap.INFERNO, 0, max, "gate p(E" + expert + ")");
        } else {
            int[] load = layer.tokensPerExpert();
            // the same labels for the same number of experts, their texts changed (new labels would be styled again)
            if (expertLegend.getChildren().size() != trace.numExperts()) {
                expertLegend.getChildren().clear();
                for (int e = 0; e < trace.numExperts(); e++) {
                    Rectangle chip = new Rectangle(12, 12, ExpertColors.of(e));
                    chip.setStroke(Color.gray(0.3));
                    expertLegend.getChildren().add(new Label("", chip));
                }
            }
            for (int e = 0; e < trace.numExperts(); e++) {
                Label l = (Label) expertLegend.getChildren().get(e);
                l.setText("E" + e + " (" + load[e] + ")");
                l.setStyle(load[e] == 0 ? "-fx-text-fill: #888;" : "");
            }
        }
    }
}
