package org.m3vit.visualizer.legend;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/** Colour chips with class names; the class under the cursor is shown in bold. */
public class ClassLegend extends FlowPane {

    private final List<Label> entries = new ArrayList<>();

    /** An empty legend. */
    public ClassLegend() {
        super(10, 4);
        setPadding(new Insets(4, 0, 4, 0));
        getStyleClass().add("class-legend");
    }

    /** Shows {@code names[i]} beside {@code colors[i]}. */
    public void setClasses(List<String> names, List<Color> colors) {
        getChildren().clear();
        entries.clear();
        for (int i = 0; i < names.size(); i++) {
            Rectangle chip = new Rectangle(12, 12, colors.get(i));
            chip.setStroke(Color.gray(0.3));
            Label l = new Label(names.get(i), chip);
            l.setId("legend-class-" + i);
            entries.add(l);
            getChildren().add(l);
        }
    }

    /** Emphasises class {@code k} (-1 for none). */
    public void highlight(int k) {
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).setStyle(i == k ? "-fx-font-weight: bold; -fx-underline: true;" : "");
        }
    }
}
