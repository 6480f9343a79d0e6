package org.m3vit.visualizer.routing;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.metrics.RoutingComparison;
import org.m3vit.visualizer.view.ImageCanvas;
import org.m3vit.visualizer.view.Pixels;

import java.util.List;
import java.util.Locale;

/**
 * Two tasks' routing of the same image side by side: their usage heatmaps, and the patches whose
 * first expert differs between the tasks at the selected layer (orange) over the image.
 */
public class TaskCompareView extends VBox {

    private final Label leftTitle = new Label();
    private final Label rightTitle = new Label();
    private final UsageHeatmap left = new UsageHeatmap();
    private final UsageHeatmap right = new UsageHeatmap();
    private final ImageCanvas changes = new ImageCanvas();
    private final Label summary = new Label();

    /** An empty comparison. */
    public TaskCompareView() {
        super(6);
        setPadding(new Insets(6));
        GridPane maps = new GridPane();
        maps.setHgap(12);
        maps.add(leftTitle, 0, 0);
        maps.add(rightTitle, 1, 0);
        maps.add(left, 0, 1);
        maps.add(right, 1, 1);
        GridPane.setHgrow(left, Priority.ALWAYS);
        GridPane.setHgrow(right, Priority.ALWAYS);
        right.selectedLayerProperty().bindBidirectional(left.selectedLayerProperty());
        summary.setId("compare-summary");
        summary.setWrapText(true);
        changes.showGridProperty().set(true);
        changes.overlayOpacityProperty().set(0.85);
        changes.setPrefHeight(200);
        VBox.setVgrow(changes, Priority.ALWAYS);
        getChildren().addAll(maps, summary, changes);
    }

    /** The heatmaps' selected layer (shared by both). */
    public javafx.beans.property.IntegerProperty selectedLayerProperty() { return left.selectedLayerProperty(); }

    /** Shows tasks {@code a} and {@code b} (same image) at layer {@code layerPos}; nulls clear. */
    public void show(RoutingTrace a, RoutingTrace b, Image input, int layerPos) {
        if (a == null || b == null || a.layers().isEmpty()) {
            summary.setText("Needs the routing of two tasks: choose a second task above.");
            left.setData(new int[0][0], List.of(), 0);
            right.setData(new int[0][0], List.of(), 0);
            changes.imageProperty().set(input);
            changes.overlayProperty().set(null);
            return;
        }
        int[][] ua = usage(a), ub = usage(b);
        int max = 0;
        for (int[] r : ua) for (int v : r) max = Math.max(max, v);
        for (int[] r : ub) for (int v : r) max = Math.max(max, v);
        List<String> labels = a.layers().stream().map(l -> "block " + l.block()).toList();
        left.setData(ua, labels, max);
        right.setData(ub, labels, max);
        leftTitle.setText("task " + a.task() + ": tokens per expert");
        rightTitle.setText("task " + b.task() + ": tokens per expert");
        int pos = Math.max(0, Math.min(a.layers().size() - 1, layerPos));
        left.selectedLayerProperty().set(pos);
        LayerRouting la = a.layers().get(pos), lb = b.layers().get(pos);
        int[] ta = la.top1(), tb = lb.top1();
        int gh = a.gridHeight(), gw = a.gridWidth();
        int[] px = new int[gh * gw];
        int patches = 0;
        for (int t = 1; t <= gh * gw; t++) {
            boolean changed = ta[t] != tb[t];
            px[t - 1] = changed ? 0xFFFF8C00 : 0x90101010;
            if (changed) patches++;
        }
        RoutingComparison cmp = new RoutingComparison();
        cmp.add(a, b);
        StringBuilder perLayer = new StringBuilder();
        for (RoutingComparison.LayerComparison c : cmp.layers()) {
            perLayer.append(perLayer.length() == 0 ? "" : ";  ").append(String.format(Locale.ROOT,
                    "block %d: %.0f%% of tokens, usage JS divergence %.3f bits", c.block(), 100 * c.top1DifferentFraction(), c.jensenShannonBits()));
        }
        summary.setText(String.format(Locale.ROOT,
                "At block %d, %d of %d patches (%.0f%%) pick a different first expert for %s than for %s (orange below)."
                        + "\nEvery layer (tokens incl. cls): %s.",
                la.block(), patches, gh * gw, 100.0 * patches / (gh * gw), b.task(), a.task(), perLayer));
        changes.imageProperty().set(input);
        changes.patchSizeProperty().set((int) Math.round(input.getWidth() / gw));
        changes.overlayProperty().set(Pixels.toImage(px, gw, gh));
    }

    private static int[][] usage(RoutingTrace t) {
        int[][] out = new int[t.layers().size()][];
        for (int i = 0; i < out.length; i++) out[i] = t.layers().get(i).tokensPerExpert();
        return out;
    }

    /** The change map canvas. */
    public ImageCanvas changesCanvas() { return changes; }
}
