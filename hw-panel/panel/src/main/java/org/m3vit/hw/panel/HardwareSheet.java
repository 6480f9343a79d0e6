package org.m3vit.hw.panel;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwarePresets;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hardware config as a form: a preset chooser, then per group each number with its name and
 * unit, its field, and where the number comes from. Enter (or leaving the field) applies a value;
 * a refused one is put back to the value in force, with a message that names the field and the
 * reason and goes away with the next value applied.
 */
public final class HardwareSheet extends VBox {

    private final HardwarePanelModel model;
    private final ComboBox<String> presets = new ComboBox<>(FXCollections.observableArrayList(HardwarePresets.names()));
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Label> sources = new LinkedHashMap<>();
    private final Label message = new Label();

    public HardwareSheet(HardwarePanelModel model) {
        this.model = model;
        setSpacing(6);
        presets.setId("hw-preset");
        presets.setValue(HardwarePresets.DEFAULT);
        presets.setOnAction(e -> { if (presets.getValue() != null) model.usePreset(presets.getValue()); });
        Label description = new Label();
        description.setWrapText(true);
        description.getStyleClass().add("hw-caption");
        model.hardwareProperty().addListener((o, a, c) -> {
            description.setText(c.description());
            if (HardwarePresets.exists(c.name())) presets.setValue(c.name());
            showValues();
        });
        description.setText(model.hardwareProperty().get().description());
        message.setId("hw-sheet-message");
        message.setWrapText(true);
        message.setStyle("-fx-text-fill: #b03a2e;");
        message.setVisible(false);
        message.setManaged(false);
        Label caption = new Label("Type a value and press Enter (or leave the field): the simulation reruns. Each number says where it"
                + " comes from; values marked as assumptions are ours.");
        caption.setWrapText(true);
        caption.getStyleClass().add("hw-caption");
        ScrollPane scroll = new ScrollPane(form());
        scroll.setFitToWidth(true);
        scroll.setId("hw-sheet");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox top = new HBox(6, new Label("Preset"), presets);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, description, caption, message, scroll);
        showValues();
    }

    private GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        grid.setPadding(new Insets(4));
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints(90);
        ColumnConstraints source = new ColumnConstraints();
        source.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(name, value, source);
        int row = 0;
        String category = null;
        for (HardwareFields.Field f : HardwareFields.all()) {
            if (!f.category().equals(category)) {
                category = f.category();
                Label heading = new Label(category);
                heading.setStyle("-fx-font-weight: bold;");
                heading.setPadding(new Insets(row == 0 ? 0 : 6, 0, 0, 0));
                grid.add(heading, 0, row++, 3, 1);
            }
            Label label = new Label(f.title());
            TextField field = new TextField();
            field.setId("hw-field-" + f.name());
            field.setPrefColumnCount(7);
            field.setOnAction(e -> apply(f));
            field.focusedProperty().addListener((o, was, now) -> { if (!now) apply(f); });
            Label src = new Label();
            src.getStyleClass().add("hw-caption");
            src.setWrapText(true);
            field.setTooltip(new Tooltip(f.name()));
            grid.addRow(row++, label, field, src);
            fields.put(f.name(), field);
            sources.put(f.name(), src);
        }
        return grid;
    }

    /** Applies the text of field {@code f}: the simulation reruns, or the field gets back the value in force and the message says why. */
    private void apply(HardwareFields.Field f) {
        TextField field = fields.get(f.name());
        String text = field.getText().trim();
        String shown = format(f, HardwareFields.value(model.hardwareProperty().get(), f.name()));
        if (text.equals(shown)) return;
        Number value;
        try {
            value = parse(f, text);
        } catch (NumberFormatException e) {
            refuse(f, "'" + text + "' is not " + (f.type() == Double.class ? "a number" : "a whole number"));
            return;
        }
        if (model.editHardware(f.name(), value)) {
            message.setVisible(false);
            message.setManaged(false);
        } else {
            refuse(f, model.statusProperty().get().replaceFirst("^not applied: ", ""));
        }
    }

    private void refuse(HardwareFields.Field f, String reason) {
        message.setText(f.title() + ": " + reason + "; kept " + format(f, HardwareFields.value(model.hardwareProperty().get(), f.name())));
        message.setVisible(true);
        message.setManaged(true);
        showValues();
    }

    private static Number parse(HardwareFields.Field f, String text) {
        String t = text.replace("_", "").replace(",", "");
        if (f.type() == Integer.class) return Integer.parseInt(t);
        if (f.type() == Long.class) return Long.parseLong(t);
        double d = Double.parseDouble(t);
        if (!Double.isFinite(d)) throw new NumberFormatException(text);
        return d;
    }

    private static String format(HardwareFields.Field f, Number v) {
        if (f.type() == Double.class) {
            String s = String.format(Locale.ROOT, "%.6f", v.doubleValue()).replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return Long.toString(v.longValue());
    }

    private void showValues() {
        HardwareConfig c = model.hardwareProperty().get();
        for (HardwareFields.Field f : HardwareFields.all()) {
            fields.get(f.name()).setText(format(f, HardwareFields.value(c, f.name())));
            String src = HardwareFields.source(c, f.name());
            sources.get(f.name()).setText(src);
        }
    }

    /** The field of {@code name} (for tests). */
    public TextField field(String name) { return fields.get(name); }

    /** The message under the description: why the last value was refused (for tests). */
    public Label message() { return message; }

    /** The source text shown beside field {@code name} (for tests). */
    public Label source(String name) { return sources.get(name); }
}
