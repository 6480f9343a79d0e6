package org.m3vit.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.service.CheckpointImports;
import org.m3vit.app.service.ErrorReporter;
import org.m3vit.app.service.ImageSource;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.ModelLoader;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.TaskResult;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.MultiTaskModel;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.checkpoint.ImportReport;
import org.m3vit.model.image.ImageFit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The state of the explorer window, free of controls: the model, the image, the selected task
 * (or all tasks), the task to compare with, the routing intervention applied to every pass (with
 * the selected task's original result beside it), the results shown and their routing traces, the
 * routing selection (layer, expert, token), busy state and timings. Long work goes through a
 * {@link BackgroundRunner}; a generation counter drops results that arrive after the person
 * moved on, so a stale output is never published. Call it from one thread (the FX thread).
 */
public final class ExplorerViewModel {

    private final ModelLoader modelLoader;
    private final ImageSource imageSource;
    private final BackgroundRunner runner;
    private final ResultCache cache;
    private final LongSupplier clock;
    private static final System.Logger LOG = System.getLogger("org.m3vit.app");
    private ErrorReporter errors = (t, m) -> LOG.log(System.Logger.Level.ERROR, t + ": " + m);
    private org.m3vit.app.service.Confirmation confirmation = (t, q, a) -> false;
    private Consumer<String> log = s -> LOG.log(System.Logger.Level.INFO, s);

    private final ReadOnlyObjectWrapper<MultiTaskModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper modelDescription = new ReadOnlyStringWrapper(this, "modelDescription", "no model");
    private final ReadOnlyStringWrapper modelSource = new ReadOnlyStringWrapper(this, "modelSource");
    private final ReadOnlyStringWrapper modelProvenance = new ReadOnlyStringWrapper(this, "modelProvenance", "");
    private final ReadOnlyBooleanWrapper modelTrained = new ReadOnlyBooleanWrapper(this, "modelTrained", false);
    private final ObservableList<String> tasks = FXCollections.observableArrayList();
    private final ObservableList<String> tasksView = FXCollections.unmodifiableObservableList(tasks);
    private final ReadOnlyObjectWrapper<LoadedImage> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final StringProperty selectedTask = new SimpleStringProperty(this, "selectedTask");
    private final BooleanProperty allTasks = new SimpleBooleanProperty(this, "allTasks", false);
    private final StringProperty compareTask = new SimpleStringProperty(this, "compareTask");
    private final ReadOnlyObjectWrapper<Map<String, TaskResult>> results = new ReadOnlyObjectWrapper<>(this, "results", Map.of());
    private final ReadOnlyObjectWrapper<TaskResult> currentResult = new ReadOnlyObjectWrapper<>(this, "currentResult");
    private final ReadOnlyObjectWrapper<RoutingTrace> currentTrace = new ReadOnlyObjectWrapper<>(this, "currentTrace");
    private final ReadOnlyObjectWrapper<Map<String, RoutingTrace>> traces = new ReadOnlyObjectWrapper<>(this, "traces", Map.of());
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(this, "selectedLayer", 0);
    private final IntegerProperty selectedExpert = new SimpleIntegerProperty(this, "selectedExpert", -1);
    private final IntegerProperty selectedToken = new SimpleIntegerProperty(this, "selectedToken", -1);
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing", false);
    private final ReadOnlyDoubleWrapper lastInferenceMillis = new ReadOnlyDoubleWrapper(this, "lastInferenceMillis", Double.NaN);
    private final ReadOnlyDoubleWrapper lastSwitchMillis = new ReadOnlyDoubleWrapper(this, "lastSwitchMillis", Double.NaN);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ImportReport> lastImport = new ReadOnlyObjectWrapper<>(this, "lastImport");
    private final ObservableList<String> traceTasks = FXCollections.observableArrayList();
    private final javafx.beans.property.ObjectProperty<ImageFit> imageFit = new javafx.beans.property.SimpleObjectProperty<>(this, "imageFit", ImageFit.LETTERBOX);
    private final ReadOnlyObjectWrapper<RoutingIntervention> intervention = new ReadOnlyObjectWrapper<>(this, "intervention", RoutingIntervention.NONE);
    private final ReadOnlyObjectWrapper<TaskResult> originalResult = new ReadOnlyObjectWrapper<>(this, "originalResult");

    private Path startImage;
    private long generation;
    private long imageRequest;
    private long modelRequest;
    private BackgroundRunner.Job pending;
    private long switchStart = -1;
    private String switchTask;
    private final List<Double> switchSamples = new ArrayList<>();
    private final SwitchTimer switchTimer;

    /** What one inference job did, with its start and end on the view model's clock and its phases summed. */
    private record Ran(Map<ResultCache.Key, TaskResult> done, long began, long ended, long[] phases) { }

    /** A view model using these services; {@code clock} gives nanoseconds (System::nanoTime in the app). */
    public ExplorerViewModel(ModelLoader modelLoader, ImageSource imageSource, BackgroundRunner runner,
                             ResultCache cache, LongSupplier clock) {
        this.modelLoader = modelLoader;
        this.imageSource = imageSource;
        this.runner = runner;
        this.cache = cache;
        this.clock = clock;
        this.switchTimer = new SwitchTimer(clock);
        selectedTask.addListener((o, was, now) -> {
            if (now != null && !now.equals(was) && image.get() != null) {
                switchStart = clock.getAsLong();
                switchTask = now;
                switchTimer.open(now);
            }
            switchTimer.time("view model: refresh", this::refresh);
        });
        allTasks.addListener(o -> refresh());
        compareTask.addListener(o -> refresh());
        imageFit.addListener((o, was, now) -> {
            if (now == null) imageFit.set(ImageFit.LETTERBOX);
            else if (image.get() != null && model.get() != null) openImage(image.get().file());
        });
        traceTasks.addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (traceTasks.stream().anyMatch(t -> tasks.contains(t) && !traces.get().containsKey(t))) refresh();
        });
    }

    // ---- properties -------------------------------------------------------------------------

    public ReadOnlyObjectProperty<MultiTaskModel> modelProperty() { return model.getReadOnlyProperty(); }
    /** "name · trained" or "name · UNTRAINED". */
    public ReadOnlyStringProperty modelDescriptionProperty() { return modelDescription.getReadOnlyProperty(); }
    /** What the current model was opened from (a directory or preset), null for the default model. */
    public ReadOnlyStringProperty modelSourceProperty() { return modelSource.getReadOnlyProperty(); }
    /** Where the weights came from (a directory, or "random weights, seed 42 (untrained)"). */
    public ReadOnlyStringProperty modelProvenanceProperty() { return modelProvenance.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty modelTrainedProperty() { return modelTrained.getReadOnlyProperty(); }
    /** Task names of the loaded model, in task-id order. */
    public ObservableList<String> tasks() { return tasksView; }
    public ReadOnlyObjectProperty<LoadedImage> imageProperty() { return image.getReadOnlyProperty(); }
    public StringProperty selectedTaskProperty() { return selectedTask; }
    public BooleanProperty allTasksProperty() { return allTasks; }
    /** A second task whose routing is compared with the selected one (null for none). */
    public StringProperty compareTaskProperty() { return compareTask; }
    /** Results of the current image for the tasks on screen, by task name: never another image's. */
    public ReadOnlyObjectProperty<Map<String, TaskResult>> resultsProperty() { return results.getReadOnlyProperty(); }
    /** The selected task's result, null while it is being computed. */
    public ReadOnlyObjectProperty<TaskResult> currentResultProperty() { return currentResult.getReadOnlyProperty(); }
    /** The selected task's routing trace for the current image (for the hardware panel). */
    public ReadOnlyObjectProperty<RoutingTrace> currentTraceProperty() { return currentTrace.getReadOnlyProperty(); }
    /** Every routing trace computed for the current image, by task (for the hardware panel). */
    public ReadOnlyObjectProperty<Map<String, RoutingTrace>> tracesProperty() { return traces.getReadOnlyProperty(); }
    /** Position of the MoE layer shown in the routing views (index into the trace's layers). */
    public IntegerProperty selectedLayerProperty() { return selectedLayer; }
    /** Expert whose gate weights colour the patch view; -1 colours by top-1 expert. */
    public IntegerProperty selectedExpertProperty() { return selectedExpert; }
    /** The token whose path is shown (-1 for none). */
    public IntegerProperty selectedTokenProperty() { return selectedToken; }
    public ReadOnlyBooleanProperty computingProperty() { return computing.getReadOnlyProperty(); }
    /** Wall time of the last inference that ran (ms), NaN before the first. */
    public ReadOnlyDoubleProperty lastInferenceMillisProperty() { return lastInferenceMillis.getReadOnlyProperty(); }
    /** Time from the last task switch to its output on screen (ms), NaN before the first. */
    public ReadOnlyDoubleProperty lastSwitchMillisProperty() { return lastSwitchMillis.getReadOnlyProperty(); }
    /** A one-line account of what happened last. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /**
     * Tasks whose routing trace another panel needs for the current image (the hardware panel's
     * task-switch sequence): computed with the shown tasks and published in {@link #tracesProperty()}
     * only, never as outputs.
     */
    public ObservableList<String> traceTasks() { return traceTasks; }
    /** How an image of another shape than the model's input is fitted to it (letterbox by default); a change reads the image again. */
    public javafx.beans.property.ObjectProperty<ImageFit> imageFitProperty() { return imageFit; }
    /** Recently opened image files, newest first. */
    public ObservableList<String> recentFiles() { return recentFiles; }
    /** The routing intervention every pass runs with ({@link RoutingIntervention#NONE}: the gates' own routing). */
    public ReadOnlyObjectProperty<RoutingIntervention> interventionProperty() { return intervention.getReadOnlyProperty(); }
    /**
     * The selected task's result without the intervention while one changes it (what the
     * intervened output is compared with), null otherwise or while it is being computed.
     */
    public ReadOnlyObjectProperty<TaskResult> originalResultProperty() { return originalResult.getReadOnlyProperty(); }
    /** The report of the last checkpoint import that succeeded (the window shows it in a dialog). */
    public ReadOnlyObjectProperty<ImportReport> lastImportProperty() { return lastImport.getReadOnlyProperty(); }
    /** The background runner (its progress and busy state feed the status bar). */
    public BackgroundRunner runner() { return runner; }

    /** How this window reads images (for views that read more of them, e.g. the expert survey). */
    public ImageSource imageSource() { return imageSource; }
    /** All task-switch latencies measured in this session, ms. */
    public List<Double> switchSamples() { return List.copyOf(switchSamples); }

    /** Where the time of each task switch went, in this session, oldest first. */
    public List<SwitchTimings> switchTimings() { return switchTimer.completed(); }

    /** The timer of the open task switch: views time their updates with it ({@link SwitchTimer#time}). */
    public SwitchTimer switchTimer() { return switchTimer; }

    /** Bytes the result cache holds (for the memory benchmark). */
    public long cacheBytes() { return cache.bytes(); }

    /** Forgets every cached result (the next refresh runs the model again): for latency measurements. */
    public void clearCache() { cache.clear(); }

    /** Shows {@code text} in the status line (e.g. "wrote 3 files"). */
    public void statusMessage(String text) { status.set(text); }

    /** Where failures are reported (the window shows dialogs). */
    public void setErrorReporter(ErrorReporter reporter) { errors = reporter; }

    /** Who answers yes/no questions (replace a non-empty folder?); by default the answer is no. */
    public void setConfirmation(org.m3vit.app.service.Confirmation confirmation) { this.confirmation = confirmation; }

    /** Where timing lines go. */
    public void setLog(Consumer<String> log) { this.log = log; }

    /** The model's config, null before a model is loaded. */
    public ModelConfig config() { return model.get() == null ? null : model.get().config(); }

    // ---- actions ----------------------------------------------------------------------------

    /**
     * The image to open as soon as the first model is ready, so the window never starts empty
     * (ignored when an image is open by then).
     */
    public void setStartImage(Path file) { startImage = file; }

    /**
     * Runs every pass with {@code change} from now on (a new model resets it to none); refuses one
     * that does not fit the model with an {@code IllegalArgumentException} naming the problem.
     */
    public void setIntervention(RoutingIntervention change) {
        RoutingIntervention c = change == null ? RoutingIntervention.NONE : change;
        ModelConfig cfg = config();
        if (cfg != null) c.validate(cfg);
        if (c.equals(intervention.get())) return;
        intervention.set(c);
        refresh();
    }

    /** Opens a model in the background; on failure the current model stays. */
    public void openModel(String dirOrPreset) {
        long request = ++modelRequest;
        String what = dirOrPreset == null || dirOrPreset.isBlank() ? "the default model" : dirOrPreset;
        status.set("opening " + what + " ...");
        runner.submit("Opening " + what, p -> modelLoader.open(dirOrPreset), m -> {
            if (request != modelRequest) { m.close(); return; }
            setModel(m);
            modelSource.set(dirOrPreset == null || dirOrPreset.isBlank() ? null : dirOrPreset);
        }, e -> {
            status.set("could not open " + what);
            errors.report("Cannot open model", message(e));
            if (model.get() == null && request == modelRequest && dirOrPreset != null && !dirOrPreset.isBlank()) {
                openModel(null); // never leave the window without a model
            }
        });
    }

    /**
     * Imports a checkpoint of the published training code in the background (progress and cancel
     * through the runner), publishes its report and opens the imported model; on failure a dialog
     * names the file and the problem and the current model stays.
     */
    public void importCheckpoint(CheckpointImports.Request request) {
        String what = String.valueOf(request.checkpoint().getFileName());
        status.set("importing " + what + " ...");
        runner.submit("Importing checkpoint " + what, p -> CheckpointImports.run(request, p), report -> {
            lastImport.set(report);
            status.set("imported " + report.tensorsImported() + " tensors from " + what + " into " + report.output());
            openModel(report.output());
        }, e -> {
            if (e instanceof CancellationException) {
                status.set("import of " + what + " cancelled");
                return;
            }
            if (e instanceof org.m3vit.app.service.FolderNotEmptyException full && !request.replace()) {
                if (confirmation.ask("Replace the folder?", full.getMessage() + ". Replace its contents with this import? The new"
                        + " model is built beside it and swapped in only when the import is complete.", "Replace")) {
                    importCheckpoint(request.replacing());
                } else {
                    status.set("import of " + what + " not started: " + full.folder() + " is not empty");
                }
                return;
            }
            status.set("could not import " + what);
            errors.report("Cannot import checkpoint", message(e));
        });
    }

    /** Uses {@code m} from now on (closing the previous model); reloads the current image at the new model's size. */
    public void setModel(MultiTaskModel m) {
        MultiTaskModel old = model.get();
        // the image was prepared at the old model's size: take it off before anything can run the new model on it
        LoadedImage img = image.get();
        image.set(null);
        // the first model keeps what the cache holds: results keyed by this model, put there by the window's start
        if (old != null) cache.clear();
        generation++;
        results.set(Map.of());
        currentResult.set(null);
        currentTrace.set(null);
        originalResult.set(null);
        traces.set(Map.of());
        intervention.set(RoutingIntervention.NONE);
        model.set(m);
        if (old != null && old != m) runner.afterQueued(old::close); // a queued job may still be running on it
        ModelConfig c = m.config();
        modelTrained.set(m.isTrained());
        modelDescription.set(c.name() + (m.isTrained() ? "  ·  trained" : "  ·  UNTRAINED"));
        modelProvenance.set(m.provenance());
        List<String> names = c.tasks().stream().map(TaskSpec::name).toList();
        tasks.setAll(names);
        if (compareTask.get() != null && !names.contains(compareTask.get())) compareTask.set(null);
        if (selectedTask.get() == null || !names.contains(selectedTask.get())) selectedTask.set(names.get(0));
        selectedLayer.set(0);
        selectedToken.set(-1);
        selectedExpert.set(-1);
        status.set("model " + c.name() + " ready");
        Path start = startImage;
        startImage = null;
        if (img == null && start != null) {
            openImage(start);
        } else if (img != null) {
            openImage(img.file());
        } else {
            refresh();
        }
    }

    /** Opens an image in the background; on failure a dialog tells why and the current image stays. */
    public void openImage(Path file) {
        ModelConfig c = config();
        if (c == null) {
            errors.report("No model", "Open a model before opening an image.");
            return;
        }
        long request = ++imageRequest;
        ImageFit fit = imageFit.get();
        status.set("opening " + file.getFileName() + " ...");
        runner.submit("Reading " + file.getFileName(), p -> imageSource.load(file, c, fit), img -> {
            if (request != imageRequest || config() != c) return;
            image.set(img);
            selectedToken.set(-1);
            String abs = file.toAbsolutePath().toString();
            recentFiles.remove(abs);
            recentFiles.add(0, abs);
            while (recentFiles.size() > 8) recentFiles.remove(recentFiles.size() - 1);
            status.set("image " + img.name() + ": " + img.fitDescription() + (img.hasTruth() ? ", with ground truth" : ""));
            refresh();
        }, e -> {
            status.set("could not open " + file.getFileName());
            errors.report("Cannot open image", message(e));
        });
    }

    /** Selects task {@code name} (a key press or a toggle button); starts the switch timer. */
    public void selectTask(String name) {
        allTasks.set(false);
        selectedTask.set(name);
    }

    /** Selects the {@code n}-th task (1-based), if the model has it. */
    public void selectTaskNumber(int n) {
        if (n >= 1 && n <= tasks.size()) selectTask(tasks.get(n - 1));
    }

    /** The window closes: cancels what waits and closes the model once the worker is done with it. */
    public void shutdown() {
        cancel();
        MultiTaskModel m = model.get();
        if (m != null) runner.afterQueued(m::close);
    }

    /** Cancels the running work; what is on screen stays. */
    public void cancel() {
        generation++;
        runner.cancelAll();
        computing.set(false);
        status.set("cancelled");
    }

    /**
     * Called by the window once the selected task's output is drawn: closes the task-switch
     * timer started by {@link #selectTask}, if it is open for this task.
     */
    public void outputShown(String task) {
        if (switchStart < 0 || task == null || !task.equals(switchTask) || currentResult.get() == null) return;
        double ms = (clock.getAsLong() - switchStart) / 1e6;
        switchStart = -1;
        switchTimer.close();
        lastSwitchMillis.set(ms);
        switchSamples.add(ms);
        log.accept(String.format(Locale.ROOT, "task switch to %s: %.1f ms to the new output on screen", task, ms));
    }

    /** Tasks whose results the window needs now: all, or the selected one plus the compared one. */
    public List<String> neededTasks() {
        List<String> need = new ArrayList<>();
        if (allTasks.get()) need.addAll(tasks);
        else if (selectedTask.get() != null) need.add(selectedTask.get());
        String cmp = compareTask.get();
        if (cmp != null && tasks.contains(cmp) && !need.contains(cmp)) need.add(cmp);
        String sel = selectedTask.get();
        if (sel != null && need.remove(sel)) need.add(0, sel);
        return need;
    }

    /** Publishes cached results at once and computes the missing ones in the background. */
    public void refresh() {
        long gen = ++generation;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        MultiTaskModel m = model.get();
        LoadedImage img = image.get();
        if (m == null || img == null || img.chw().length != 3L * m.config().imageHeight() * m.config().imageWidth()) {
            publish(Map.of(), null);
            computing.set(false);
            return;
        }
        String modelKey = modelKey(m);
        RoutingIntervention change = intervention.get();
        Map<String, TaskResult> have = new LinkedHashMap<>();
        List<ResultCache.Key> missing = new ArrayList<>();
        List<String> want = new ArrayList<>(neededTasks());
        for (String t : traceTasks) if (tasks.contains(t) && !want.contains(t)) want.add(t);
        for (String t : want) {
            ResultCache.Key key = new ResultCache.Key(modelKey, img.key(), t, change.forTask(t));
            TaskResult r = cache.get(key);
            if (r != null) have.put(t, r); else missing.add(key);
        }
        // the selected task's original beside its intervened result, for the difference map and the metric change
        String sel = selectedTask.get();
        ResultCache.Key originalKey = sel != null && tasks.contains(sel) && !change.forTask(sel).isEmpty()
                ? new ResultCache.Key(modelKey, img.key(), sel) : null;
        TaskResult original = originalKey == null ? null : cache.get(originalKey);
        if (originalKey != null && original == null) missing.add(originalKey);
        publish(have, original);
        String what = change.isEmpty() ? "" : " with " + change.describe();
        if (missing.isEmpty()) {
            computing.set(false);
            if (!have.isEmpty()) status.set("showing " + String.join(", ", neededTasks()) + " on " + img.name() + what + " (computed earlier)");
            return;
        }
        computing.set(true);
        if (switchTimer.isOpen()) switchTimer.markInference();
        long submitted = clock.getAsLong();
        List<String> names = missing.stream().map(k -> k.task() + (k.intervention().isEmpty() && !change.forTask(k.task()).isEmpty() ? " (original)" : "")).toList();
        status.set("running " + String.join(", ", names) + " on " + img.name() + what + " ...");
        pending = runner.submit("Inference: " + String.join(", ", names), progress -> {
            long began = clock.getAsLong();
            long[] phases = new long[4];
            Map<ResultCache.Key, TaskResult> done = new LinkedHashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                if (progress.isCancelled()) break;
                ResultCache.Key key = missing.get(i);
                String t = key.task();
                progress.update((double) i / missing.size(), "running task " + names.get(i) + " (" + (i + 1) + " of " + missing.size() + ")");
                InferenceResult r = m.infer(img.chw(), List.of(t), key.intervention());
                // the metrics line (argmax, normalising, sorting for medians) here on the worker, not on the FX thread
                String metrics = java.util.Objects.requireNonNullElse(MetricsText.of(r.output(t), img.truth()), "");
                TaskResult tr = new TaskResult(r.output(t), r.trace(t), r.nanos(), metrics);
                cache.put(key, tr);
                done.put(key, tr);
                phases[0] += r.phases().inputNanos();
                phases[1] += r.phases().forwardNanos();
                phases[2] += r.phases().routingNanos();
                phases[3] += r.phases().outputNanos();
            }
            return new Ran(done, began, clock.getAsLong(), phases);
        }, ran -> {
            if (gen != generation) return;
            pending = null;
            Map<ResultCache.Key, TaskResult> done = ran.done();
            if (switchTimer.isOpen()) {
                switchTimer.add(SwitchTimer.QUEUE, ran.began() - submitted, false);
                long[] p = ran.phases();
                switchTimer.add(SwitchTimer.INPUT, p[0], true);
                switchTimer.add(SwitchTimer.FORWARD, p[1], true);
                switchTimer.add(SwitchTimer.ROUTING, p[2], true);
                switchTimer.add(SwitchTimer.OUTPUT, p[3], true);
                long inside = p[0] + p[1] + p[2] + p[3];
                switchTimer.add("infer: the rest (cache, bookkeeping)", ran.ended() - ran.began() - inside, true);
                switchTimer.add(SwitchTimer.HAND_OVER, clock.getAsLong() - ran.ended(), false);
            }
            Map<String, TaskResult> all = new LinkedHashMap<>(have);
            TaskResult orig = original;
            for (Map.Entry<ResultCache.Key, TaskResult> e : done.entrySet()) {
                if (e.getKey().equals(originalKey)) orig = e.getValue();
                else all.put(e.getKey().task(), e.getValue());
            }
            TaskResult shownOriginal = orig;
            switchTimer.time("view model: publish", () -> {
                long nanos = done.values().stream().mapToLong(TaskResult::nanos).sum();
                lastInferenceMillis.set(nanos / 1e6);
                computing.set(false);
                List<String> ranNames = new ArrayList<>();
                for (ResultCache.Key k : done.keySet()) ranNames.add(names.get(missing.indexOf(k)));
                status.set(String.format(Locale.ROOT, "ran %s%s in %.0f ms", String.join(", ", ranNames), what, nanos / 1e6));
                publish(all, shownOriginal);
            });
        }, e -> {
            if (gen != generation) return;
            pending = null;
            computing.set(false);
            status.set("inference failed");
            errors.report("Inference failed", message(e));
        });
    }

    private void publish(Map<String, TaskResult> map, TaskResult original) {
        Map<String, TaskResult> ordered = new LinkedHashMap<>();
        List<String> shown = neededTasks();
        for (String t : tasks) if (map.containsKey(t) && shown.contains(t)) ordered.put(t, map.get(t));
        Map<String, RoutingTrace> tr = new LinkedHashMap<>();
        for (String t : tasks) if (map.containsKey(t)) tr.put(t, map.get(t).trace());
        results.set(Map.copyOf(ordered));
        traces.set(Map.copyOf(tr));
        TaskResult cur = ordered.get(selectedTask.get());
        originalResult.set(null); // never paired with another image's or task's result, not even for a moment
        currentResult.set(cur);
        currentTrace.set(cur == null ? null : cur.trace());
        originalResult.set(cur == null ? null : original);
        if (cur != null && selectedLayer.get() >= cur.trace().layers().size()) selectedLayer.set(0);
    }

    /** The published results in task order (the Map property is unordered). */
    public List<TaskResult> orderedResults() {
        List<TaskResult> out = new ArrayList<>();
        for (String t : tasks) {
            TaskResult r = results.get().get(t);
            if (r != null) out.add(r);
        }
        return out;
    }

    /**
     * The key under which this view model caches {@code m}'s result of {@code task} on {@code img} with
     * the gates' own routing (the window's start puts its first result there ahead of the view model).
     */
    public static ResultCache.Key resultKey(MultiTaskModel m, LoadedImage img, String task) {
        return new ResultCache.Key(modelKey(m), img.key(), task);
    }

    private static String modelKey(MultiTaskModel m) {
        return m.config().name() + "@" + Integer.toHexString(System.identityHashCode(m));
    }

    /** A readable message for a failure: the exception's own text on one line (cut when long), else its type. */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        return t.getMessage() != null ? org.m3vit.model.guard.OneLine.of(t.getMessage()) : t.getClass().getSimpleName();
    }
}
