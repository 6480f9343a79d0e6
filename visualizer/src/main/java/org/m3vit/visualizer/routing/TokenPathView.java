package org.m3vit.visualizer.routing;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.Locale;

/** One token's path through the MoE layers: per layer its top-k experts with gate weights as bars. */
public class TokenPathView extends VBox {

    private final Label title = new Label("Click a patch to follow its token through the MoE layers.");
    /** Length of a gate weight of 1 in the bars, px. */
    private static final double BAR = 64;
    private final GridPane grid = new GridPane();
    /** The cells of each MoE layer's row, in layer order. */
    private final java.util.List<java.util.List<javafx.scene.Node>> rows = new java.util.ArrayList<>();
    private int highlighted = -1;
    /** Per MoE layer and slot: the label, the gate-weight bar (reused while the layers and k stay the same). */
    private final java.util.List<Label[]> texts = new java.util.ArrayList<>();
    private final java.util.List<Rectangle[]> bars = new java.util.ArrayList<>();
    private java.util.List<Object> layout = java.util.List.of();

    /** An empty path. */
    public TokenPathView() {
        super(6);
        setPadding(new Insets(6));
        title.setWrapText(true);
        title.setId("token-path-title");
        grid.setHgap(10);
        grid.setVgap(4);
        getChildren().addAll(title, grid);
    }

    /** Shows token {@code token} of {@code trace} (clears for token < 0 or no trace). */
    public void show(RoutingTrace trace, int token) {
        if (trace == null || token < 0 || token >= trace.numTokens()) {
            // hidden, not removed, keeping its place: the next trace of the same model fills the same rows again
            grid.setVisible(false);
            title.setText("Click a patch to follow its token through the MoE layers.");
            return;
        }
        grid.setVisible(true);
        title.setText(token == 0 ? "cls token (token 0), task " + trace.task()
                : String.format(Locale.ROOT, "Token %d = patch row %d, column %d  ·  task %s",
                token, trace.row(token), trace.column(token), trace.task()));
        java.util.List<Object> shape = new java.util.ArrayList<>();
        shape.add(trace.topK());
        for (LayerRouting l : trace.layers()) shape.add(l.block());
        if (shape.equals(layout)) {
            // the same rows: new numbers into the nodes on screen (new nodes would each be styled and laid out again)
            for (int i = 0; i < trace.layers().size(); i++) {
                LayerRouting l = trace.layers().get(i);
                for (int j = 0; j < l.topK(); j++) fill(texts.get(i)[j], bars.get(i)[j], l.experts()[token][j], l.weights()[token][j]);
            }
            highlight(highlighted); // same styles as set: no CSS pass, but the marked row always matches `highlighted`
            return;
        }
        layout = shape;
        grid.getChildren().clear();
        rows.clear();
        texts.clear();
        bars.clear();
        grid.add(header("layer"), 0, 0);
        for (int j = 0; j < trace.topK(); j++) grid.add(header(j == 0 ? "1st expert" : ordinal(j + 1) + " expert"), j + 1, 0);
        int row = 1;
        for (LayerRouting l : trace.layers()) {
            Label block = new Label("block " + l.block());
            block.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(block, 0, row);
            java.util.List<javafx.scene.Node> cells = new java.util.ArrayList<>(java.util.List.of(block));
            Label[] rowTexts = new Label[l.topK()];
            Rectangle[] rowBars = new Rectangle[l.topK()];
            for (int j = 0; j < l.topK(); j++) {
                Rectangle bar = new Rectangle(2, 14);
                Rectangle track = new Rectangle(BAR, 14, Color.gray(0.9));
                StackPane barBox = new StackPane(track, bar);
                barBox.setAlignment(Pos.CENTER_LEFT);
                Label text = new Label();
                text.setId("path-" + l.block() + "-" + j);
                text.setMinWidth(Region.USE_PREF_SIZE);
                fill(text, bar, l.experts()[token][j], l.weights()[token][j]);
                HBox cell = new HBox(6, text, barBox);
                cell.setAlignment(Pos.CENTER_LEFT);
                grid.add(cell, j + 1, row);
                cells.add(cell);
                rowTexts[j] = text;
                rowBars[j] = bar;
            }
            rows.add(cells);
            texts.add(rowTexts);
            bars.add(rowBars);
            row++;
        }
        highlight(highlighted);
    }

    private static void fill(Label text, Rectangle bar, int expert, float weight) {
        text.setText(String.format(Locale.ROOT, "E%d  %.3f", expert, weight));
        bar.setWidth(Math.max(2, BAR * weight));
        bar.setFill(ExpertColors.of(expert));
    }

    /** Marks the row of MoE layer {@code layer} (its position in the trace's layers) as the one shown now; -1 marks none. */
    public void highlight(int layer) {
        highlighted = layer;
        for (int i = 0; i < rows.size(); i++) {
            String style = i == layer ? "-fx-background-color: #ffe9a8; -fx-font-weight: bold;" : "";
            for (javafx.scene.Node n : rows.get(i)) n.setStyle(style);
        }
    }

    private static Label header(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static String ordinal(int n) {
        return n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }
}
