package org.m3vit.hw.panel;

import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.Sweep;

import java.util.List;
import java.util.Map;

/**
 * Peak on-chip memory and latency of each schedule as the number of experts E (or top-k)
 * grows, on synthetic uniform routing: E on evenly spaced categories 4, 8, ..., 128 (a log2 axis).
 */
public final class SweepView extends VBox {

    private final LineChart<String, Number> memory = chart("peak on-chip memory (KiB)");
    private final LineChart<String, Number> latency = chart("latency per image (ms)");
    private final Label caption = new Label();

    public SweepView() {
        setSpacing(4);
        HBox charts = new HBox(4, memory, latency);
        HBox.setHgrow(memory, Priority.ALWAYS);
        HBox.setHgrow(latency, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        caption.setWrapText(true);
        caption.getStyleClass().add("hw-caption");
        getChildren().addAll(charts, caption);
        setId("hw-sweep");
    }

    private static LineChart<String, Number> chart(String yLabel) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(true);
        LineChart<String, Number> c = new LineChart<>(x, y);
        c.setAnimated(false);
        c.setCreateSymbols(true);
        c.setMinWidth(220);
        return c;
    }

    /** Shows {@code d} (null clears). */
    public void setData(HardwarePanelModel.SweepData d) {
        memory.getData().clear();
        latency.getData().clear();
        if (d == null) {
            caption.setText("computing the sweep ...");
            return;
        }
        boolean overE = d.axis() == HardwarePanelModel.SweepAxis.EXPERTS;
        memory.getXAxis().setLabel(overE ? "experts per MoE layer E (top-" + d.fixedTopK() + ")" : "top-k (E = " + d.fixedExperts() + ")");
        latency.getXAxis().setLabel(memory.getXAxis().getLabel());
        for (Map.Entry<Schedule, List<Sweep.Point>> en : d.points().entrySet()) {
            XYChart.Series<String, Number> m = new XYChart.Series<>();
            XYChart.Series<String, Number> l = new XYChart.Series<>();
            m.setName(en.getKey().cliName());
            l.setName(en.getKey().cliName());
            for (Sweep.Point p : en.getValue()) {
                String cat = String.valueOf(overE ? p.experts() : p.topK());
                m.getData().add(new XYChart.Data<>(cat, p.peakOnChipBytes() / 1024.0));
                l.getData().add(new XYChart.Data<>(cat, p.latencyMs()));
            }
            memory.getData().add(m);
            latency.getData().add(l);
        }
        caption.setText("Synthetic uniform routing (seed 1) on task " + d.task() + ", one inference per point. "
                + "naive-resident keeps every expert of a layer on chip, so its memory grows with E; naive-refetch keeps "
                + "memory flat but re-loads each token's experts, so its latency and DDR traffic grow with tokens x k; "
                + "reordered loads each active expert once into the two ping-pong buffers: flat memory for any E "
                + "(\"scales to any number of experts\"). Simulator figures, not board measurements.");
    }

    /** The chart of peak memory (for tests). */
    public LineChart<String, Number> memoryChart() { return memory; }

    /** The chart of latency (for tests). */
    public LineChart<String, Number> latencyChart() { return latency; }
}
