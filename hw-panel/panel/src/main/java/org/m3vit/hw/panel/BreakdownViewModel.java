package org.m3vit.hw.panel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.model.ModelConfig;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * State of the breakdown view: for the panel's latest run, the same input simulated on the other
 * side of as built / idealised (in the background), and the two breakdowns side by side.
 */
public final class BreakdownViewModel {

    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<BreakdownRows> rows = new ReadOnlyObjectWrapper<>(this, "rows");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private long generation;
    private final javafx.beans.property.BooleanProperty active = new javafx.beans.property.SimpleBooleanProperty(this, "active", true);
    private SimRuns pendingRuns;
    private ModelConfig pendingModel;
    private boolean pending;

    /** A view model running its counterpart simulation on {@code background} and publishing through {@code fx}. */
    public BreakdownViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        active.addListener((o, was, on) -> {
            if (on && pending) show(pendingRuns, pendingModel);
        });
    }

    /**
     * True while someone looks at the comparison (its tab is shown; true by default): while false,
     * {@link #show} only remembers its arguments, and the counterpart is simulated once it is true again.
     */
    public javafx.beans.property.BooleanProperty activeProperty() { return active; }

    /** The comparison, or null when there is none (no run yet, or no counterpart for this config). */
    public ReadOnlyObjectProperty<BreakdownRows> rowsProperty() { return rows.getReadOnlyProperty(); }

    /** A line saying what is compared, or why nothing is. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }

    /** Shows the comparison for {@code runs} of {@code model} (null clears it): the selected schedule's run and its counterpart. */
    public void show(SimRuns runs, ModelConfig model) {
        long gen = ++generation;
        pending = !active.get();
        pendingRuns = pending ? runs : null;
        pendingModel = pending ? model : null;
        if (pending) {
            note.set("the comparison is computed when this tab is shown");
            return;
        }
        if (runs == null || model == null) {
            rows.set(null);
            note.set("no simulation yet");
            return;
        }
        SimResult shown = runs.primary();
        HardwareConfig hw = shown.hardware();
        HardwareConfig board = HardwarePresets.boardCounterpart(hw);
        if (board == null) {
            rows.set(null);
            note.set(hw.name() + " is idealised and has no as-built preset to compare with");
            return;
        }
        HardwareConfig ideal = HardwarePresets.idealCounterpart(board);
        HardwareConfig other = hw.modelsTheBoard() ? ideal : board;
        note.set("simulating " + other.name() + " for the comparison ...");
        background.execute(() -> {
            try {
                SimResult counterpart = Simulator.run(model, runs.traces(), other, shown.schedule(), shown.includeHeads());
                BreakdownRows r = hw.modelsTheBoard() ? BreakdownRows.of(shown, counterpart) : BreakdownRows.of(counterpart, shown);
                fx.execute(() -> {
                    if (gen != generation) return;
                    rows.set(r);
                    note.set(String.format(Locale.ROOT, "%s %.2f ms as built against %.2f ms idealised (%s), schedule %s",
                            r.asBuiltName(), r.asBuiltMs(), r.idealMs(), r.idealName(), shown.schedule().cliName()));
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (gen != generation) return;
                    rows.set(null);
                    note.set("comparison failed: " + e.getMessage());
                });
            }
        });
    }
}
