package org.m3vit.hw.panel;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * Latency per operation class, the board as built next to the idealised design, with what the
 * board loses in each (a table bound to a {@link BreakdownViewModel}; no simulation here).
 */
public final class BreakdownView extends VBox {

    private final TableView<BreakdownRows.Row> table = new TableView<>();
    private final Label note = new Label();

    public BreakdownView(BreakdownViewModel model) {
        setSpacing(4);
        setId("hw-breakdown");
        table.setId("hw-breakdown-table");
        table.getColumns().add(column("operation (all layers)", r -> r.op()));
        table.getColumns().add(column("as built ms", r -> ms(r.asBuiltMs())));
        table.getColumns().add(column("idealised ms", r -> ms(r.idealMs())));
        table.getColumns().add(column("lost ms", r -> String.format(Locale.ROOT, "%+.3f", r.lostMs())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        note.setWrapText(true);
        note.getStyleClass().add("hw-caption");
        note.textProperty().bind(model.noteProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(note, table);
        model.rowsProperty().addListener((o, a, rows) -> show(rows));
        show(model.rowsProperty().get());
    }

    /** The rows as shown (for tests). */
    public TableView<BreakdownRows.Row> table() { return table; }

    private void show(BreakdownRows rows) {
        if (rows == null) table.getItems().clear();
        else table.getItems().setAll(rows.rows());
    }

    private static TableColumn<BreakdownRows.Row, String> column(String title, java.util.function.Function<BreakdownRows.Row, String> text) {
        TableColumn<BreakdownRows.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String ms(double v) { return String.format(Locale.ROOT, "%.3f", v); }
}
