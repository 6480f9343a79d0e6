package org.m3vit.hw.panel;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.hw.sim.Sweep;
import org.m3vit.hw.sim.SyntheticRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The hardware panel's state, free of controls. Inputs (bound by whoever hosts the panel): the
 * model config, the routing traces of the current image by task, the selected task, the routing
 * animation's position. Edited here: the task-switch sequence, the hardware config, the schedule,
 * compare mode, heads, the sweep's axis. Outputs: the simulated runs, the sweep, a status line and
 * the tasks whose routing is still missing. Every change re-simulates on {@code background}; results
 * are published through {@code fx} only if nothing changed meanwhile (a generation counter).
 */
public final class HardwarePanelModel {

    /** Expert counts of the sweep over E. */
    public static final List<Integer> SWEEP_EXPERTS = List.of(4, 8, 16, 32, 64, 128);
    /** Top-k values of the sweep over k. */
    public static final List<Integer> SWEEP_TOP_K = List.of(1, 2, 4, 8);

    /** How many recent simulations are kept for an instant return to their inputs (tasks x hardware configs tried). */
    static final int RECENT_SIMULATIONS = 24;
    /** At most this many simulated events are kept in them (some 150-250 bytes each on the heap). */
    static final long RECENT_EVENTS = 250_000;

    /** What the sweep varies. */
    public enum SweepAxis { EXPERTS, TOP_K }

    /** The sweep's figures per schedule, with what was held fixed. */
    public record SweepData(SweepAxis axis, int fixedExperts, int fixedTopK, String task, Map<Schedule, List<Sweep.Point>> points) { }

    private final Executor background;
    private final Executor fx;

    private final ObjectProperty<ModelConfig> modelConfig = new SimpleObjectProperty<>(this, "modelConfig");
    private final ObjectProperty<Map<String, RoutingTrace>> traces = new SimpleObjectProperty<>(this, "traces", Map.of());
    private final StringProperty currentTask = new SimpleStringProperty(this, "currentTask");
    private final StringProperty source = new SimpleStringProperty(this, "source", "the explorer's image");
    private final ObservableList<String> sequence = FXCollections.observableArrayList();
    private final BooleanProperty useSequence = new SimpleBooleanProperty(this, "useSequence", false);
    private final ObjectProperty<HardwareConfig> hardware = new SimpleObjectProperty<>(this, "hardware", HardwarePresets.get(HardwarePresets.DEFAULT));
    private final ObjectProperty<Schedule> schedule = new SimpleObjectProperty<>(this, "schedule", Schedule.REORDERED);
    private final BooleanProperty compare = new SimpleBooleanProperty(this, "compare", false);
    private final BooleanProperty includeHeads = new SimpleBooleanProperty(this, "includeHeads", false);
    private final DoubleProperty animationPosition = new SimpleDoubleProperty(this, "animationPosition", -1);
    private final IntegerProperty selectedToken = new SimpleIntegerProperty(this, "selectedToken", -1);
    private final ObjectProperty<SweepAxis> sweepAxis = new SimpleObjectProperty<>(this, "sweepAxis", SweepAxis.EXPERTS);

    private final ReadOnlyObjectWrapper<SimRuns> runs = new ReadOnlyObjectWrapper<>(this, "runs");
    private final ReadOnlyObjectWrapper<SweepData> sweep = new ReadOnlyObjectWrapper<>(this, "sweep");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ObservableList<String> missing = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AnimationCursor> cursor = new ReadOnlyObjectWrapper<>(this, "cursor");

    private long generation;
    private long sweepGeneration;
    private boolean sweepWanted;
    private int simulations;
    private final BreakdownViewModel breakdown;
    /** Simulations of recent inputs: going back to a task already shown publishes at once. */
    private final SimulationCache recent = new SimulationCache(RECENT_SIMULATIONS, RECENT_EVENTS);

    /** A model running simulations on {@code background} and publishing through {@code fx} (Platform::runLater in the app). */
    public HardwarePanelModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        for (Observable o : new Observable[] {modelConfig, traces, currentTask, sequence, useSequence, hardware, includeHeads}) {
            o.addListener(x -> resimulate());
        }
        schedule.addListener(x -> reselect());
        for (Observable o : new Observable[] {modelConfig, hardware, sweepAxis, currentTask}) o.addListener(x -> sweepInputsChanged());
        animationPosition.addListener(x -> updateCursor());
        selectedToken.addListener(x -> updateCursor());
        runs.addListener(x -> updateCursor());
        breakdown = new BreakdownViewModel(background, fx);
        runs.addListener((o, a, r) -> breakdown.show(r, modelConfig.get()));
    }

    /** The as-built against idealised breakdown of the latest run. */
    public BreakdownViewModel breakdown() { return breakdown; }

    // ---- inputs ---------------------------------------------------------------------------------

    /** The model whose routing is simulated (null: nothing to simulate). */
    public ObjectProperty<ModelConfig> modelConfigProperty() { return modelConfig; }
    /** Routing traces of the current image, by task. */
    public ObjectProperty<Map<String, RoutingTrace>> tracesProperty() { return traces; }
    /** The task shown in the explorer (simulated alone when the sequence is off). */
    public StringProperty currentTaskProperty() { return currentTask; }
    /** Words naming where the traces come from (e.g. the image's name), shown in the summary. */
    public StringProperty sourceProperty() { return source; }
    /** The task-switch sequence the person built. */
    public ObservableList<String> sequence() { return sequence; }
    /** Simulate the sequence (true) or one inference of the current task (false). */
    public BooleanProperty useSequenceProperty() { return useSequence; }
    public ObjectProperty<HardwareConfig> hardwareProperty() { return hardware; }
    /** The schedule shown in the timeline (all are simulated for the ratios). */
    public ObjectProperty<Schedule> scheduleProperty() { return schedule; }
    /** Show every schedule one above the other. */
    public BooleanProperty compareProperty() { return compare; }
    public BooleanProperty includeHeadsProperty() { return includeHeads; }
    /** The explorer's routing animation: whole part = MoE layer (index into the trace's layers), fraction = progress; < 0 for none. */
    public DoubleProperty animationPositionProperty() { return animationPosition; }
    public ObjectProperty<SweepAxis> sweepAxisProperty() { return sweepAxis; }
    /** The explorer's selected token (-1 for none): its experts in the animated layer are marked on the timeline. */
    public IntegerProperty selectedTokenProperty() { return selectedToken; }

    // ---- outputs --------------------------------------------------------------------------------

    /** The latest simulated runs for the current inputs, null while there is nothing to show. */
    public ReadOnlyObjectProperty<SimRuns> runsProperty() { return runs.getReadOnlyProperty(); }
    /** The latest sweep, null until the sweep is first asked for. */
    public ReadOnlyObjectProperty<SweepData> sweepProperty() { return sweep.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** True while a simulation or sweep runs in the background. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** Tasks of the sequence without a routing trace for the current image (the host should compute them). */
    public ObservableList<String> missingTasks() { return FXCollections.unmodifiableObservableList(missing); }
    /** Where the routing animation is on the selected schedule's timeline, null when not applicable. */
    public ReadOnlyObjectProperty<AnimationCursor> cursorProperty() { return cursor.getReadOnlyProperty(); }
    /** Simulations started so far (runs of the three schedules count once). */
    public int simulationsStarted() { return simulations; }

    /** Shows {@code text} in the status line (e.g. what an export wrote). */
    public void showStatus(String text) { status.set(text); }

    /** Selects the hardware preset {@code name}. */
    public void usePreset(String name) { hardware.set(HardwarePresets.get(name)); }

    /** Sets one hardware field; an invalid value leaves the config as it was and says why in the status line. */
    public boolean editHardware(String field, Number value) {
        try {
            hardware.set(HardwareFields.with(hardware.get(), field, value));
            return true;
        } catch (IllegalArgumentException e) {
            status.set("not applied: " + e.getMessage());
            return false;
        }
    }

    /** The traces to simulate now, in order, or null when some are missing (then {@link #missingTasks()} lists them). */
    List<RoutingTrace> wantedTraces() {
        List<String> tasks = new ArrayList<>();
        if (useSequence.get()) tasks.addAll(sequence);
        else if (currentTask.get() != null) tasks.add(currentTask.get());
        Map<String, RoutingTrace> have = traces.get() == null ? Map.of() : traces.get();
        Set<String> absent = new LinkedHashSet<>();
        List<RoutingTrace> out = new ArrayList<>();
        for (String t : tasks) {
            RoutingTrace tr = have.get(t);
            if (tr == null) absent.add(t); else out.add(tr);
        }
        if (!missing.equals(new ArrayList<>(absent))) missing.setAll(absent);
        return absent.isEmpty() && !out.isEmpty() ? out : null;
    }

    /** Starts a new simulation of the current inputs (called on every change). */
    public void resimulate() {
        long gen = ++generation;
        ModelConfig cfg = modelConfig.get();
        HardwareConfig hw = hardware.get();
        boolean heads = includeHeads.get();
        List<RoutingTrace> wanted = wantedTraces();
        if (cfg == null) {
            runs.set(null);
            busy.set(false); // the model went away while a simulation ran: that one will never publish
            status.set("no model loaded");
            return;
        }
        if (wanted == null) {
            runs.set(null);
            busy.set(false);
            status.set(missing.isEmpty() ? (useSequence.get() ? "the task sequence is empty: add tasks" : "waiting for the explorer's routing (open an image)")
                    : "waiting for the routing of " + String.join(", ", missing) + " on this image (the explorer is running the network)");
            return;
        }
        Schedule sel = schedule.get();
        String src = source.get();
        Map<Schedule, SimResult> known = recent.get(cfg, hw, heads, wanted);
        if (known != null) { // published through fx like a simulation's result: in the app, after the switch's own frame
            fx.execute(() -> {
                if (gen != generation) return;
                busy.set(false);
                runs.set(new SimRuns(src, wanted, sel, known));
                status.set(simulatedStatus(wanted, hw));
            });
            return;
        }
        busy.set(true);
        simulations++;
        status.set("simulating " + wanted.size() + " inference" + (wanted.size() > 1 ? "s" : "") + " ...");
        background.execute(() -> {
            try {
                if (gen != generation) return;
                Map<Schedule, SimResult> results = new EnumMap<>(Schedule.class);
                for (Schedule s : Schedule.values()) {
                    results.put(s, Simulator.run(cfg, wanted, hw, s, heads));
                    if (gen != generation) return;
                }
                SimRuns r = new SimRuns(src, wanted, sel, results);
                recent.put(cfg, hw, heads, wanted, results);
                fx.execute(() -> {
                    if (gen != generation) return;
                    busy.set(false);
                    runs.set(r.selected() == schedule.get() ? r : new SimRuns(r.source(), r.traces(), schedule.get(), r.results()));
                    status.set(simulatedStatus(r.traces(), hw));
                });
            } catch (RuntimeException | Error e) { // an Error too (out of memory, stack overflow): busy must not stay set
                fx.execute(() -> {
                    if (gen != generation) return;
                    busy.set(false);
                    runs.set(null);
                    status.set("simulation failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                });
            }
        });
    }

    private static String simulatedStatus(List<RoutingTrace> traces, HardwareConfig hw) {
        return "simulated " + String.join(" -> ", traces.stream().map(RoutingTrace::task).toList()) + " on " + hw.name();
    }

    private void reselect() {
        SimRuns r = runs.get();
        if (r != null && r.results().containsKey(schedule.get())) {
            runs.set(new SimRuns(r.source(), r.traces(), schedule.get(), r.results()));
        } else {
            resimulate();
        }
    }

    // ---- sweep ----------------------------------------------------------------------------------

    /** Asks for the sweep (the sweep chart calls this when shown); later input changes redo it until {@link #pauseSweep}. */
    public void requestSweep() {
        sweepWanted = true;
        runSweep();
    }

    /** The sweep chart is hidden: input changes no longer redo the sweep (the next {@link #requestSweep} does). */
    public void pauseSweep() { sweepWanted = false; }

    private void sweepInputsChanged() {
        if (sweepWanted) runSweep();
    }

    private void runSweep() {
        long gen = ++sweepGeneration;
        ModelConfig cfg = modelConfig.get();
        if (cfg == null) return;
        HardwareConfig hw = hardware.get();
        SweepAxis axis = sweepAxis.get();
        String task = currentTask.get() != null && cfg.tasks().stream().anyMatch(t -> t.name().equals(currentTask.get()))
                ? currentTask.get() : cfg.tasks().get(0).name();
        background.execute(() -> {
            try {
                Map<Schedule, List<Sweep.Point>> pts = new EnumMap<>(Schedule.class);
                for (Schedule s : Schedule.values()) {
                    if (gen != sweepGeneration) return;
                    List<Integer> es = axis == SweepAxis.EXPERTS ? SWEEP_EXPERTS : List.of(cfg.numExperts());
                    List<Integer> ks = axis == SweepAxis.EXPERTS ? List.of(cfg.topK()) : SWEEP_TOP_K;
                    pts.put(s, Sweep.run(cfg, hw, s, es, ks, SyntheticRouting.Kind.UNIFORM, 1, List.of(task), false));
                }
                SweepData d = new SweepData(axis, cfg.numExperts(), cfg.topK(), task, pts);
                fx.execute(() -> { if (gen == sweepGeneration) sweep.set(d); });
            } catch (RuntimeException e) {
                fx.execute(() -> { if (gen == sweepGeneration) status.set("sweep failed: " + e.getMessage()); });
            }
        });
    }

    // ---- animation ------------------------------------------------------------------------------

    private void updateCursor() {
        SimRuns r = runs.get();
        cursor.set(r == null ? null : cursorFor(r.primary()));
    }

    /**
     * The animation cursor on {@code result} (one of the current runs): in the first inference of the
     * explorer's task (else the first inference), at the animation's MoE layer; null when there is none.
     */
    public AnimationCursor cursorFor(SimResult result) {
        SimRuns r = runs.get();
        double pos = animationPosition.get();
        if (r == null || result == null || pos < 0) return null;
        int inf = Math.max(0, r.tasks().indexOf(currentTask.get()));
        return AnimationCursor.locate(result, inf, r.traces().get(inf), pos, selectedToken.get());
    }
}
