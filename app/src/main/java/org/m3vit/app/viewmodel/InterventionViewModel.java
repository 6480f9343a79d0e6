package org.m3vit.app.viewmodel;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.TaskResult;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingIntervention.ExpertForced;
import org.m3vit.model.RoutingIntervention.ExpertOff;
import org.m3vit.model.TokenSelection;
import org.m3vit.model.metrics.OutputDifference;
import org.m3vit.model.metrics.RoutingDelta;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The state of the window's "Intervene" tab, free of controls: the MoE block being edited (one
 * block or all), the expert to force and the patches picked for it, the steps taken (each one
 * undoable, reset included), and what the intervention did to the selected task: the per-pixel
 * difference to the original output, the share of changed pixels, the tokens routed elsewhere and,
 * with ground truth, the metric before and after. Every step hands the new intervention to the
 * {@link ExplorerViewModel}, which runs the passes on its background worker. Call it from the FX thread.
 */
public final class InterventionViewModel {

    /** One line of the intervention as listed, and what removing it takes away. */
    public record Item(String text, Object part) { }

    /** What the intervention did to the selected task's output on the current image. */
    public record Effect(String task, OutputDifference difference, String summary, String routing, String metrics) { }

    private final ExplorerViewModel explorer;
    private final Deque<RoutingIntervention> undo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo", false);
    private final IntegerProperty block = new SimpleIntegerProperty(this, "block", RoutingIntervention.ALL_BLOCKS);
    private final IntegerProperty forcedExpert = new SimpleIntegerProperty(this, "forcedExpert", 0);
    private final ObjectProperty<Set<Integer>> selectedPatches = new SimpleObjectProperty<>(this, "selectedPatches", Set.of());
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Item> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyObjectWrapper<Effect> effect = new ReadOnlyObjectWrapper<>(this, "effect");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper(this, "refusal", "");

    /** The tab's state over {@code explorer}'s model, image and results. */
    public InterventionViewModel(ExplorerViewModel explorer) {
        this.explorer = explorer;
        explorer.modelProperty().addListener((o, was, now) -> modelChanged());
        explorer.interventionProperty().addListener(o -> listItems());
        explorer.currentResultProperty().addListener(o -> explorer.switchTimer().time("intervene: effect", this::updateEffect));
        explorer.originalResultProperty().addListener(o -> explorer.switchTimer().time("intervene: effect", this::updateEffect));
        selectedPatches.addListener((o, was, now) -> { if (now == null) selectedPatches.set(Set.of()); });
        modelChanged();
    }

    // ---- properties -------------------------------------------------------------------------

    /** The MoE block that switching off and forcing act on; {@link RoutingIntervention#ALL_BLOCKS} for every MoE block. */
    public IntegerProperty blockProperty() { return block; }
    /** The expert that "force" puts into the first slot. */
    public IntegerProperty forcedExpertProperty() { return forcedExpert; }
    /** The patch tokens (1..N) picked on the patch picture for forcing; empty for none. */
    public ObjectProperty<Set<Integer>> selectedPatchesProperty() { return selectedPatches; }
    /** The parts of the current intervention, one line each, in the order they were added. */
    public ObservableList<Item> items() { return itemsView; }
    /** True when a step can be undone. */
    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    /** What the intervention did to the selected task; null without an intervention or while the passes run. */
    public ReadOnlyObjectProperty<Effect> effectProperty() { return effect.getReadOnlyProperty(); }
    /** Why the last step was refused (it leaves the intervention as it was), empty after a step that was taken. */
    public ReadOnlyStringProperty refusalProperty() { return refusal.getReadOnlyProperty(); }
    /** The intervention in force. */
    public RoutingIntervention current() { return explorer.interventionProperty().get(); }
    /** The explorer this tab acts on. */
    public ExplorerViewModel explorer() { return explorer; }

    // ---- questions the view asks ------------------------------------------------------------

    /** True when expert {@code expert} is switched off at exactly the edited block (or "all" when that is edited). */
    public boolean isOff(int expert) { return current().disabled().contains(new ExpertOff(block.get(), expert)); }

    /** Why switching expert {@code expert} off at the edited block would be refused, or null when it can be. */
    public String whyNotOff(int expert) {
        ModelConfig c = explorer.config();
        if (c == null || isOff(expert)) return null;
        try {
            current().with(new ExpertOff(block.get(), expert)).validate(c);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    // ---- steps ------------------------------------------------------------------------------

    /** Switches expert {@code expert} off at the edited block, or on again if it is off there; false (and a refusal) when not allowed. */
    public boolean toggleOff(int expert) {
        ExpertOff off = new ExpertOff(block.get(), expert);
        return step(current().disabled().contains(off) ? current().without(off) : current().with(off));
    }

    /** Forces the chosen expert at the edited block on the picked patches; false (and a refusal) when none is picked or not allowed. */
    public boolean forceOnSelection() {
        if (selectedPatches.get().isEmpty()) {
            refusal.set("pick the patches first: drag over the picture (Shift adds, Ctrl removes)");
            return false;
        }
        return step(current().with(new ExpertForced(block.get(), forcedExpert.get(), TokenSelection.of(selectedPatches.get()))));
    }

    /** Forces the chosen expert at the edited block on every token, cls included. */
    public boolean forceOnAllTokens() {
        return step(current().with(new ExpertForced(block.get(), forcedExpert.get(), TokenSelection.ALL)));
    }

    /** Runs every task with the gates of {@code task} (null: each task's own gates). */
    public boolean gatesOf(String task) {
        return step(current().withGatesOf(task));
    }

    /** Takes one part (an {@link Item}'s) out of the intervention. */
    public boolean remove(Item item) {
        if (item.part() instanceof ExpertOff off) return step(current().without(off));
        if (item.part() instanceof ExpertForced f) return step(current().without(f));
        return step(current().withGatesOf(null));
    }

    /** Goes back to the intervention before the last step. */
    public void undo() {
        if (undo.isEmpty()) return;
        RoutingIntervention back = undo.pop();
        try {
            explorer.setIntervention(back);
            refusal.set("");
        } catch (IllegalArgumentException e) {
            refusal.set(e.getMessage());
        }
        canUndo.set(!undo.isEmpty());
    }

    /** Back to the gates' own routing (undoable). */
    public void reset() {
        if (!current().isEmpty()) step(RoutingIntervention.NONE);
    }

    private boolean step(RoutingIntervention next) {
        RoutingIntervention before = current();
        if (next.equals(before)) return true;
        try {
            explorer.setIntervention(next);
        } catch (IllegalArgumentException e) {
            refusal.set(e.getMessage());
            explorer.statusMessage("not changed: " + e.getMessage());
            return false;
        }
        refusal.set("");
        undo.push(before);
        canUndo.set(true);
        return true;
    }

    // ---- derived state ----------------------------------------------------------------------

    private void modelChanged() {
        undo.clear();
        canUndo.set(false);
        refusal.set("");
        selectedPatches.set(Set.of());
        ModelConfig c = explorer.config();
        block.set(c == null || c.moeBlocks().isEmpty() ? RoutingIntervention.ALL_BLOCKS : c.moeBlocks().get(0));
        forcedExpert.set(0);
        listItems();
        updateEffect();
    }

    private void listItems() {
        RoutingIntervention iv = current();
        List<Item> list = new ArrayList<>();
        for (ExpertOff d : iv.disabled()) list.add(new Item(d.describe(), d));
        for (ExpertForced f : iv.forced()) list.add(new Item(f.describe(), f));
        if (iv.gatesOf() != null) list.add(new Item("every task runs with the gates of " + iv.gatesOf(), iv.gatesOf()));
        items.setAll(list);
    }

    private void updateEffect() {
        TaskResult now = explorer.currentResultProperty().get();
        TaskResult was = explorer.originalResultProperty().get();
        if (now == null || was == null || !now.output().task().equals(was.output().task())) {
            effect.set(null);
            return;
        }
        OutputDifference d = OutputDifference.between(was.output(), now.output());
        LoadedImage img = explorer.imageProperty().get();
        effect.set(new Effect(now.output().task().name(), d, d.describe(), RoutingDelta.describe(was.trace(), now.trace()),
                img == null ? null : MetricsText.change(was.output(), now.output(), img.truth())));
    }

}
