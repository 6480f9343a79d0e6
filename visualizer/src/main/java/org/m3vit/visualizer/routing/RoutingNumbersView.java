package org.m3vit.visualizer.routing;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.m3vit.model.MacCount;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.metrics.RoutingStats;

import java.util.Arrays;
import java.util.Locale;

/**
 * The numbers beside the routing pictures: per MoE layer the tokens per expert, active experts,
 * cv² of the load and entropy of the usage; and the MACs the pass executed next to a dense pass
 * (all experts) and the whole multi-task model, as counted by the trace.
 */
public class RoutingNumbersView extends VBox {

    private final GridPane layers = new GridPane();
    private final Label macs = new Label();
    private final Label caption = new Label();
    private final java.util.List<Label[]> cells = new java.util.ArrayList<>();

    /** An empty view. */
    public RoutingNumbersView() {
        super(8);
        setPadding(new Insets(6));
        layers.setHgap(14);
        layers.setVgap(3);
        macs.setId("routing-macs");
        macs.setWrapText(true);
        caption.setWrapText(true);
        caption.setStyle("-fx-text-fill: #555;");
        caption.setText("cv² = variance / mean² of the tokens per expert (0 = perfectly balanced; the training loss"
                + " pushes it down). Entropy in bits: log2(E) when every expert gets the same share.");
        getChildren().addAll(macs, layers, caption);
    }

    /** Shows the numbers of {@code trace} (null clears). */
    public void show(RoutingTrace trace) {
        if (trace == null) {
            layers.getChildren().clear();
            cells.clear();
            macs.setText("");
            return;
        }
        double maxEntropy = Math.log(trace.numExperts()) / Math.log(2);
        RoutingStats stats = new RoutingStats();
        stats.add(trace);
        if (cells.size() != stats.layers().size()) {
            // rows are built when their number changes; otherwise the labels on screen get the new numbers
            layers.getChildren().clear();
            cells.clear();
            String[] head = {"layer", "tokens per expert (E0, E1, ...)", "active", "cv²", "entropy (bits)"};
            for (int i = 0; i < head.length; i++) {
                Label l = new Label(head[i]);
                l.setStyle("-fx-font-weight: bold;");
                layers.add(l, i, 0);
            }
            for (int row = 1; row <= stats.layers().size(); row++) {
                Label[] r = new Label[5];
                for (int i = 0; i < r.length; i++) layers.add(r[i] = new Label(), i, row);
                cells.add(r);
            }
        }
        for (int i = 0; i < stats.layers().size(); i++) {
            RoutingStats.LayerUsage u = stats.layers().get(i);
            Label[] r = cells.get(i);
            long[] load = u.tokensPerExpert();
            long active = Arrays.stream(load).filter(c -> c > 0).count();
            r[0].setText("block " + u.block());
            r[1].setText(Arrays.toString(load).replaceAll("[\\[\\]]", ""));
            r[2].setText(active + " / " + load.length);
            r[3].setText(String.format(Locale.ROOT, "%.3f", u.cv2()));
            r[3].setId("cv2-" + u.block());
            r[4].setText(String.format(Locale.ROOT, "%.2f of %.2f", u.entropyBits(), maxEntropy));
        }
        MacCount m = trace.macs();
        if (m == null || m.allTasks() == 0) {
            macs.setText("This trace carries no MAC count.");
        } else {
            macs.setText(String.format(Locale.ROOT,
                    "MACs executed by this single-task pass: %s.  A dense pass running all %d experts on every token: %s"
                            + " (%.1f%% saved).  All %s tasks dense: %s (%.1f%% saved).",
                    human(m.executed()), trace.numExperts(), human(m.denseAllExperts()), 100 * m.savingVersusDense(),
                    "model", human(m.allTasks()), 100 * m.savingVersusAllTasks()));
        }
    }

    /** 1234567 -> "1.23 M". */
    public static String human(long v) {
        if (v >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        if (v >= 1_000_000L) return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        if (v >= 1_000L) return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        return Long.toString(v);
    }
}
