package org.m3vit.hw.panel;

import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwarePresets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hardware config in a ControlsFX property sheet (grouped, each field with its unit and source) and a preset chooser. */
public final class HardwareSheet extends VBox {

    private final HardwarePanelModel model;
    private final PropertySheet sheet = new PropertySheet();
    private final ComboBox<String> presets = new ComboBox<>(FXCollections.observableArrayList(HardwarePresets.names()));

    public HardwareSheet(HardwarePanelModel model) {
        this.model = model;
        setSpacing(4);
        presets.setId("hw-preset");
        presets.setValue(HardwarePresets.DEFAULT);
        presets.setOnAction(e -> { if (presets.getValue() != null) model.usePreset(presets.getValue()); });
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(true);
        sheet.setId("hw-sheet");
        VBox.setVgrow(sheet, Priority.ALWAYS);
        Label description = new Label();
        description.setWrapText(true);
        description.getStyleClass().add("hw-caption");
        model.hardwareProperty().addListener((o, a, c) -> {
            description.setText(c.description());
            if (HardwarePresets.exists(c.name())) presets.setValue(c.name());
            refreshItems();
        });
        description.setText(model.hardwareProperty().get().description());
        Label caption = new Label("Edit a value and press Enter: the simulation reruns. Each field's tooltip gives its unit and "
                + "where the number comes from; values marked as assumptions are ours.");
        caption.setWrapText(true);
        caption.getStyleClass().add("hw-caption");
        getChildren().addAll(new HBox(6, new Label("Preset"), presets), description, sheet, caption);
        refreshItems();
    }

    private void refreshItems() {
        List<PropertySheet.Item> items = new ArrayList<>();
        for (HardwareFields.Field f : HardwareFields.all()) items.add(new Item(f));
        sheet.getItems().setAll(items);
    }

    /** The property sheet (for tests). */
    public PropertySheet sheet() { return sheet; }

    /** One hardware field as a property-sheet item. */
    private final class Item implements PropertySheet.Item {
        private final HardwareFields.Field field;

        Item(HardwareFields.Field field) { this.field = field; }

        @Override public Class<?> getType() { return field.type(); }
        @Override public String getCategory() { return field.category(); }
        @Override public String getName() { return field.name() + " (" + field.unit() + ")"; }

        @Override
        public String getDescription() {
            String src = HardwareFields.source(model.hardwareProperty().get(), field.name());
            return field.name() + " in " + field.unit() + (src.isEmpty() ? "" : "\nsource: " + src);
        }

        @Override
        public Object getValue() {
            HardwareConfig c = model.hardwareProperty().get();
            Number v = HardwareFields.value(c, field.name());
            if (field.type() == Integer.class) return v.intValue();
            if (field.type() == Long.class) return v.longValue();
            return v.doubleValue();
        }

        @Override
        public void setValue(Object value) {
            if (value instanceof Number n && !n.equals(getValue())) model.editHardware(field.name(), n);
        }

        @Override public Optional<ObservableValue<?>> getObservableValue() { return Optional.empty(); }
    }
}
