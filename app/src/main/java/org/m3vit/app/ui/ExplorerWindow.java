package org.m3vit.app.ui;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.service.Exporter;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.viewmodel.WindowSettingsViewModel;
import org.m3vit.app.ui.icons.AppIcon;
import org.m3vit.app.ui.icons.Icons;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.Presets;
import org.m3vit.model.checkpoint.ImportReport;
import org.m3vit.model.io.ModelFiles;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.output.DepthView;
import org.m3vit.visualizer.output.TaskOutputView;
import org.m3vit.visualizer.view.Pixels;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The explorer window: menus and toolbar on top; left the input image and the sample gallery;
 * centre the task outputs; right the routing tabs (more tabs can be added with
 * {@link #addTab}); a status bar at the bottom. It binds to an {@link ExplorerViewModel} and
 * turns its failures into dialogs.
 */
public final class ExplorerWindow {

    private final ExplorerViewModel vm;
    private final WindowSettingsViewModel settings;
    private final BorderPane root = new BorderPane();
    private final ObjectProperty<Image> input = new SimpleObjectProperty<>(this, "input");
    private final InputPanel inputPanel;
    private final GalleryView gallery;
    private final OutputsPanel outputs;
    private final RoutingPanel routing;
    private final org.m3vit.app.viewmodel.InterventionViewModel interventions;
    private final Label interventionBanner = new Label();
    private final ToolBar toolBar = new ToolBar();
    private final ToggleGroup taskGroup = new ToggleGroup();
    private final ToggleButton allToggle = new ToggleButton("All tasks", Icons.allTasks());
    private final Label untrainedBanner = new Label();
    private final Menu recentMenu = new Menu("Recent images");
    private final Scene scene;
    private Stage stage;
    private Alert lastError;
    private Alert lastImportReport;
    private org.m3vit.hw.panel.HardwarePanel hardware;
    private TeachingExportDialog.Choices teachingChoices;

    /** Builds the window's scene for {@code vm}; {@code samples} is the gallery folder. */
    public ExplorerWindow(ExplorerViewModel vm, SettingsStore settingsStore, Path samples) {
        this.vm = vm;
        this.settings = new WindowSettingsViewModel(vm, settingsStore);
        vm.imageProperty().addListener((o, a, img) -> input.set(img == null ? null : Pixels.toImage(img.argb(), img.width(), img.height())));

        inputPanel = new InputPanel(vm, input);
        gallery = new GalleryView(samples, vm::openImage);
        outputs = new OutputsPanel(vm, input);
        interventions = new org.m3vit.app.viewmodel.InterventionViewModel(vm);
        routing = new RoutingPanel(vm, interventions, input, samples);

        SplitPane left = new SplitPane(inputPanel, gallery);
        left.setOrientation(javafx.geometry.Orientation.VERTICAL);
        left.setDividerPositions(0.55);
        left.setMinWidth(200);
        outputs.setMinWidth(360);
        routing.setMinWidth(320);
        SplitPane main = new SplitPane(left, outputs, routing);
        // the outputs take the middle half of the window: they are what a class looks at
        main.setDividerPositions(0.16, 0.68);
        SplitPane.setResizableWithParent(left, false);

        untrainedBanner.setId("untrained-banner");
        untrainedBanner.getStyleClass().add("untrained-banner");
        untrainedBanner.setMaxWidth(Double.MAX_VALUE);
        untrainedBanner.setWrapText(true);
        vm.modelProperty().addListener(o -> updateBanner());
        updateBanner();

        interventionBanner.setId("intervention-banner");
        interventionBanner.getStyleClass().add("intervention-banner");
        interventionBanner.setMaxWidth(Double.MAX_VALUE);
        interventionBanner.setWrapText(true);
        interventionBanner.setOnMouseClicked(e -> routing.getSelectionModel().select(routing.interveneTab));
        vm.interventionProperty().addListener(o -> updateInterventionBanner());
        updateInterventionBanner();

        buildToolBar();
        VBox top = new VBox(buildMenus(), toolBar, untrainedBanner, interventionBanner);
        root.setTop(top);
        root.setCenter(main);
        root.setBottom(new StatusBar(vm));
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(settings.windowWidth(), screen.getWidth()),
                Math.min(settings.windowHeight(), screen.getHeight() - 30));
        scene.getStylesheets().add(ExplorerWindow.class.getResource("explorer.css").toExternalForm());
        installKeys();
        installDragAndDrop();
        vm.setErrorReporter(this::showError);
        vm.setConfirmation(this::confirm);
        vm.lastImportProperty().addListener((o, was, report) -> { if (report != null) showImportReport(report); });
        vm.recentFiles().addListener((ListChangeListener<String>) c -> updateRecent());
        updateRecent();
        routing.compareTab.setOnSelectionChanged(e -> {
            if (routing.compareTab.isSelected() && vm.compareTaskProperty().get() == null) {
                vm.tasks().stream().filter(t -> !t.equals(vm.selectedTaskProperty().get())).findFirst()
                        .ifPresent(t -> vm.compareTaskProperty().set(t));
            }
        });
    }

    /** The scene (root of everything drawn). */
    public Scene scene() { return scene; }

    /** Shows the window on {@code stage}, with icons, title and remembered size. */
    public void show(Stage stage) {
        this.stage = stage;
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            LoadedImage img = vm.imageProperty().get();
            return "M³ViT Explorer" + (img == null ? "" : "  ·  " + img.name()) + "  ·  " + vm.modelDescriptionProperty().get();
        }, vm.imageProperty(), vm.modelDescriptionProperty()));
        AppIcon.installOn(stage);
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setOnHidden(e -> saveSettings());
        stage.fullScreenProperty().addListener((o, was, full) -> { if (!full && isPresentation()) setPresentation(false); });
        stage.show();
    }

    /** Adds a tab beside the routing tabs, e.g. {@code window.addTab(new Tab("Hardware", panel))}. */
    public void addTab(Tab tab) { routing.addTab(tab); }

    /** The view model. */
    public ExplorerViewModel viewModel() { return vm; }

    /** The settings file; other panels keep their own files beside it. */
    public Path settingsFile() { return settings.file(); }

    /** The last model asked for in an earlier run (null when none). */
    public String lastModel() { return settings.lastModel(); }

    // ---- building ---------------------------------------------------------------------------

    private void updateBanner() {
        var m = vm.modelProperty().get();
        boolean show = m != null && !m.isTrained();
        untrainedBanner.setVisible(show);
        untrainedBanner.setManaged(show);
        if (show) {
            untrainedBanner.setText("Untrained model: " + m.config().name() + " has " + m.provenance()
                    + ". Its outputs are noise; its routing, MAC counts and timings are real. Open a trained model with Ctrl+M.");
        }
    }

    private void updateInterventionBanner() {
        var iv = vm.interventionProperty().get();
        boolean show = !iv.isEmpty();
        interventionBanner.setVisible(show);
        interventionBanner.setManaged(show);
        interventionBanner.setText(show ? "Routing intervention: " + iv.describe() + ". Outputs, routing views and the hardware timeline"
                + " show the intervened passes. Ctrl+Z undoes a step; Reset is in the Intervene tab." : "");
    }

    private final javafx.scene.control.CheckMenuItem presentationItem = new javafx.scene.control.CheckMenuItem("Presentation mode (full screen, larger type)");

    /**
     * Presentation mode for projectors: full screen and every font 1.4 times larger; F11 or the
     * View menu toggles it, Esc leaves full screen.
     */
    public void setPresentation(boolean on) {
        presentationItem.setSelected(on);
        // a style class rather than an inline style: re-styling the whole tree from an inline style made modena's looked-up
        // colours resolve to strings ("String cannot be cast to Paint" warnings) under Monocle
        if (on && !root.getStyleClass().contains("presentation")) root.getStyleClass().add("presentation");
        if (!on) root.getStyleClass().remove("presentation");
        // canvases draw their own text: the same 17/12 through TextScale, on the scene's root
        if (scene != null && scene.getRoot() != null) org.m3vit.visualizer.view.TextScale.set(scene.getRoot(), on ? 17 / 12.0 : 1);
        if (stage != null) stage.setFullScreen(on);
    }

    /** True in presentation mode. */
    public boolean isPresentation() { return presentationItem.isSelected(); }

    private MenuBar buildMenus() {
        presentationItem.setAccelerator(KeyCombination.keyCombination("F11"));
        presentationItem.setOnAction(e -> setPresentation(presentationItem.isSelected()));
        MenuItem openImage = item("Open image ...", "Shortcut+O", this::chooseImage);
        MenuItem openModel = item("Open model folder ...", "Shortcut+M", this::chooseModel);
        MenuItem openCheckpoint = item("Open checkpoint (published training code) ...", "Shortcut+Shift+O", this::openImportDialog);
        Menu presets = new Menu("Open preset (random weights)");
        for (String p : Presets.names()) presets.getItems().add(item(p, null, () -> vm.openModel(p)));
        MenuItem defaultModel = item("Open the default model", null, () -> vm.openModel(null));
        MenuItem exportWindow = item("Export window as PNG ...", "Shortcut+E", () -> chooseExport("window"));
        MenuItem exportInputView = item("Export input view as PNG ...", null, () -> chooseExport("input"));
        MenuItem exportOutputsView = item("Export outputs view as PNG ...", null, () -> chooseExport("outputs"));
        MenuItem exportRoutingView = item("Export routing tab as PNG ...", null, () -> chooseExport("routing"));
        MenuItem exportOutputs = item("Export outputs (PNG + .npy) ...", "Shortcut+Shift+E", () -> chooseFolder(this::outputsExport));
        MenuItem exportRouting = item("Export routing traces (JSON + CSV) ...", "Shortcut+R", () -> chooseFolder(this::routingExport));
        MenuItem exportTeaching = item("Export teaching material (GIF, video, slides) ...", "Shortcut+T", this::openTeachingDialog);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> { if (stage != null) stage.close(); });
        Menu file = new Menu("File", null, openImage, recentMenu, new SeparatorMenuItem(), openModel, openCheckpoint, presets, defaultModel,
                new SeparatorMenuItem(), exportWindow, exportInputView, exportOutputsView, exportRoutingView, exportOutputs, exportRouting,
                exportTeaching, new SeparatorMenuItem(), quit);
        Menu view = new Menu("View", null,
                item("All tasks side by side  (A)", null, () -> vm.allTasksProperty().set(!vm.allTasksProperty().get())),
                item("Patch grid  (G)", null, () -> inputPanel.gridToggle().setSelected(!inputPanel.gridToggle().isSelected())),
                item("Previous MoE layer  ([)", null, () -> routing.stepLayer(-1)),
                item("Next MoE layer  (])", null, () -> routing.stepLayer(1)),
                item("Play / pause routing animation  (Space)", null, routing::togglePlay),
                presentationItem,
                new SeparatorMenuItem(),
                item("Routing: patches", "Shortcut+1", () -> routing.getSelectionModel().select(routing.patchesTab)),
                item("Routing: flow animation", "Shortcut+2", () -> routing.getSelectionModel().select(routing.flowTab)),
                item("Routing: usage & numbers", "Shortcut+3", () -> routing.getSelectionModel().select(routing.usageTab)),
                item("Routing: compare tasks", "Shortcut+4", () -> routing.getSelectionModel().select(routing.compareTab)),
                item("Routing: what the experts cover", "Shortcut+5", () -> routing.getSelectionModel().select(routing.expertsTab)),
                item("Routing: intervene", "Shortcut+6", () -> routing.getSelectionModel().select(routing.interveneTab)),
                item("Undo the last intervention step", "Shortcut+Z", interventions::undo),
                item("Reset the intervention (gates' own routing)", null, interventions::reset),
                new SeparatorMenuItem(),
                item("Reload sample gallery", null, gallery::reload));
        Menu help = new Menu("Help", null, item("Keyboard shortcuts and how to read the window", "F1", this::showHelp),
                item("About", null, this::showAbout));
        return new MenuBar(file, view, help);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) m.setAccelerator(KeyCombination.keyCombination(accelerator));
        m.setOnAction(e -> action.run());
        return m;
    }

    private void buildToolBar() {
        Button openImage = toolButton("Open image", Icons.openImage(), "Open an image file (Ctrl+O); or drop one on the window", this::chooseImage);
        openImage.setId("open-image");
        Button openModel = toolButton("Open model", Icons.openModel(), "Open a model folder with config.json + model.safetensors (Ctrl+M)", this::chooseModel);
        ToggleButton grid = new ToggleButton(null, Icons.grid());
        grid.setTooltip(new Tooltip("Patch grid on the input (G)"));
        grid.selectedProperty().bindBidirectional(inputPanel.gridToggle().selectedProperty());
        allToggle.setId("all-tasks-toggle");
        allToggle.setTooltip(new Tooltip("Show every task's output side by side (A)"));
        allToggle.selectedProperty().bindBidirectional(vm.allTasksProperty());
        Button export = toolButton(null, Icons.export(), "Export the window as PNG (Ctrl+E); more exports in the File menu", () -> chooseExport("window"));
        Button help = toolButton(null, Icons.help(), "Keyboard shortcuts and how to read the window (F1)", this::showHelp);
        Label tasksLabel = new Label("Task:");
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        Runnable rebuild = () -> {
            toolBar.getItems().setAll(openImage, openModel, new javafx.scene.control.Separator(), tasksLabel);
            taskGroup.getToggles().clear();
            int n = 1;
            for (String t : vm.tasks()) {
                ToggleButton b = new ToggleButton(n + "  " + t);
                b.setId("task-" + t);
                b.getStyleClass().add("task-toggle");
                b.setToggleGroup(taskGroup);
                b.setUserData(t);
                b.setTooltip(new Tooltip("Show task " + t + " (key " + n + ")"));
                b.setSelected(t.equals(vm.selectedTaskProperty().get()) && !vm.allTasksProperty().get());
                b.setOnAction(e -> {
                    vm.selectTask(t);
                    b.setSelected(true);
                });
                toolBar.getItems().add(b);
                n++;
            }
            toolBar.getItems().addAll(allToggle, new javafx.scene.control.Separator(), grid, export, spacer, help);
        };
        vm.tasks().addListener((ListChangeListener<String>) c -> rebuild.run());
        Runnable sync = () -> taskGroup.getToggles().forEach(tg -> tg.setSelected(!vm.allTasksProperty().get()
                && tg.getUserData().equals(vm.selectedTaskProperty().get())));
        vm.selectedTaskProperty().addListener(o -> vm.switchTimer().time("toolbar", sync));
        vm.allTasksProperty().addListener(o -> sync.run());
        rebuild.run();
    }

    private static Button toolButton(String text, Node icon, String tip, Runnable action) {
        Button b = new Button(text, icon);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void installKeys() {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown()) return;
            if (scene.getFocusOwner() instanceof TextInputControl) return;
            KeyCode k = e.getCode();
            if (k.isDigitKey() && !e.isShiftDown()) {
                int n = Integer.parseInt(k.getChar().trim().isEmpty() ? "0" : k.getChar().trim());
                if (k.getName().startsWith("Numpad")) n = k.ordinal() - KeyCode.NUMPAD0.ordinal();
                if (n >= 1) {
                    vm.selectTaskNumber(n);
                    e.consume();
                }
            } else if (k == KeyCode.A) {
                vm.allTasksProperty().set(!vm.allTasksProperty().get());
                e.consume();
            } else if (k == KeyCode.G) {
                inputPanel.gridToggle().setSelected(!inputPanel.gridToggle().isSelected());
                e.consume();
            } else if (k == KeyCode.SPACE) {
                routing.togglePlay();
                e.consume();
            } else if (k == KeyCode.OPEN_BRACKET || k == KeyCode.CLOSE_BRACKET) {
                routing.stepLayer(k == KeyCode.CLOSE_BRACKET ? 1 : -1);
                e.consume();
            } else if (k == KeyCode.ESCAPE) {
                vm.cancel();
                e.consume();
            }
        });
    }

    private void installDragAndDrop() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) openDropped(files.get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** What a drop does: a folder with config.json opens as a model, anything else as an image. */
    public void openDropped(Path p) {
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(ModelFiles.CONFIG))) vm.openModel(p.toString());
        else vm.openImage(p);
    }

    private void updateRecent() {
        recentMenu.getItems().clear();
        for (String f : vm.recentFiles()) recentMenu.getItems().add(item(f, null, () -> vm.openImage(Path.of(f))));
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    // ---- dialogs and files ------------------------------------------------------------------

    private File initialFolder() {
        Path folder = settings.initialFolder();
        return folder == null ? null : folder.toFile();
    }

    private void chooseImage() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open an image");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"),
                new FileChooser.ExtensionFilter("All files", "*"));
        fc.setInitialDirectory(initialFolder());
        File f = fc.showOpenDialog(scene.getWindow());
        if (f != null) {
            settings.rememberFolderOf(f.toPath());
            vm.openImage(f.toPath());
        }
    }

    private void chooseModel() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a model folder (config.json + model.safetensors)");
        dc.setInitialDirectory(initialFolder());
        File d = dc.showDialog(scene.getWindow());
        if (d != null) {
            settings.rememberFolderOf(d.toPath());
            vm.openModel(d.getPath());
        }
    }

    private void chooseExport(String what) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + what + " as PNG");
        fc.setInitialDirectory(initialFolder());
        LoadedImage img = vm.imageProperty().get();
        fc.setInitialFileName((img == null ? "m3vit" : Exporter.stem(img.name())) + "-" + what + ".png");
        File f = fc.showSaveDialog(scene.getWindow());
        if (f != null) {
            settings.rememberFolderOf(f.toPath());
            javafx.scene.image.WritableImage picture = Exporter.take(viewNode(what)); // on the FX thread; the file is written on the worker
            inBackground("Writing " + f.getName(), () -> List.of(Exporter.writeSnapshot(picture, f.toPath())));
        }
    }

    private void chooseFolder(FolderExport action) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Choose a folder to export into");
        dc.setInitialDirectory(initialFolder());
        File d = dc.showDialog(scene.getWindow());
        if (d != null) {
            settings.rememberFolder(d.toPath());
            exportInBackground(action, d.toPath());
        }
    }

    /** What the Export outputs menu item does once the folder is chosen: reads the outputs here, writes them on the worker. */
    void exportOutputsInBackground(Path dir) { exportInBackground(this::outputsExport, dir); }

    private void exportInBackground(FolderExport action, Path dir) {
        try {
            inBackground("Exporting to " + dir.getFileName(), action.prepare(dir));
        } catch (IOException e) {
            showError("Export failed", ExplorerViewModel.message(e));
        }
    }

    /** Runs file writing on the background worker (progress and cancel in the status bar); a failure opens a dialog. */
    private void inBackground(String description, IoJob job) {
        vm.runner().submit(description, p -> job.call(), files -> vm.statusMessage(files.size() == 1 ? "wrote " + files.get(0)
                : "wrote " + files.size() + " files to " + files.get(0).getParent()), e -> showError("Export failed", ExplorerViewModel.message(e)));
    }

    /** File writing prepared on the FX thread (what to write is read there) and run on the worker. */
    @FunctionalInterface
    interface IoJob {
        List<Path> call() throws IOException;
    }

    /** An export into a folder: reads what to write now, returns the writing. */
    @FunctionalInterface
    interface FolderExport {
        IoJob prepare(Path dir) throws IOException;
    }

    /** The node exported for "window", "input", "outputs", "routing". */
    public Node viewNode(String what) {
        return switch (what) {
            case "input" -> inputPanel;
            case "outputs" -> outputs;
            case "routing" -> routing.getSelectionModel().getSelectedItem().getContent();
            case "gallery" -> gallery;
            default -> root;
        };
    }

    /** Writes a PNG snapshot of a view ("window", "input", "outputs", "routing"). */
    public Path exportView(String what, Path file) throws IOException {
        Path p = Exporter.snapshot(viewNode(what), file);
        vm.statusMessage("wrote " + p);
        return p;
    }

    /** Writes the shown outputs as PNG pictures and raw .npy arrays into {@code dir}. */
    public List<Path> exportOutputs(Path dir) throws IOException {
        List<Path> files = outputsExport(dir).call();
        vm.statusMessage("wrote " + files.size() + " files to " + dir);
        return files;
    }

    /** What "export outputs" writes, read now (FX thread), written when the job runs. */
    private IoJob outputsExport(Path dir) throws IOException {
        LoadedImage img = vm.imageProperty().get();
        if (img == null || vm.resultsProperty().get().isEmpty()) throw new IOException("nothing to export yet: open an image first");
        ColorMap map = ColorMap.VIRIDIS;
        for (String t : vm.tasks()) {
            TaskOutputView v = outputs.view(t);
            if (v instanceof DepthView d) map = d.mapChoice().getValue();
        }
        var results = vm.resultsProperty().get();
        ColorMap depthMap = map;
        return () -> Exporter.outputs(results, dir, Exporter.stem(img.name()), depthMap);
    }

    /** Writes the routing traces of the shown tasks as JSON and CSV into {@code dir}. */
    public List<Path> exportRouting(Path dir) throws IOException {
        List<Path> files = routingExport(dir).call();
        vm.statusMessage("wrote " + files.size() + " files to " + dir);
        return files;
    }

    /** What "export routing" writes, read now (FX thread), written when the job runs. */
    private IoJob routingExport(Path dir) throws IOException {
        LoadedImage img = vm.imageProperty().get();
        if (img == null || vm.tracesProperty().get().isEmpty()) throw new IOException("no routing yet: open an image first");
        var traces = vm.tracesProperty().get();
        return () -> Exporter.routing(traces, dir, Exporter.stem(img.name()));
    }

    /** The hardware panel shown in the routing tabs (its schedule and hardware drive the teaching clip's timeline). */
    void attachHardware(org.m3vit.hw.panel.HardwarePanel panel) { hardware = panel; }

    /**
     * File > Export teaching material: the dialog, and when the person confirms, the export on the
     * background worker (progress in the status bar, Esc cancels). Returns the dialog (tests drive it), or
     * null when there is nothing to export yet (a dialog says so).
     */
    public javafx.scene.control.Dialog<org.m3vit.app.teach.TeachingRequest> openTeachingDialog() {
        org.m3vit.model.RoutingTrace trace = vm.currentTraceProperty().get();
        LoadedImage img = vm.imageProperty().get();
        if (trace == null || img == null || vm.currentResultProperty().get() == null) {
            showError("Nothing to export yet", "Open an image and wait for its routing: the teaching export shows the routing of the task on screen.");
            return null;
        }
        if (trace.layers().isEmpty()) {
            showError("Nothing to animate", vm.config().name() + " has no MoE layers: there is no routing to export.");
            return null;
        }
        Path folder = settings.exportFolder();
        TeachingExportDialog.Choices start = teachingChoices != null ? teachingChoices : TeachingExportDialog.Choices.first(folder, trace.layers().size());
        int token = vm.selectedTokenProperty().get();
        String tokenText = token > 0 && token < trace.numTokens()
                ? "token " + token + " (patch row " + trace.row(token) + ", column " + trace.column(token) + "): its paths are drawn white and its experts marked on the timeline"
                : token == 0 ? "the cls token: its paths are drawn white and its experts marked on the timeline"
                : "none; click a patch in the Patches tab first to follow its token through the layers";
        var hw = hardware == null ? null : hardware.model();
        String what = "The clip plays the " + trace.layers().size() + " MoE layers of task " + trace.task() + " on " + img.name()
                + ", with the hardware timeline of the Hardware tab's " + (hw == null ? "reordered" : hw.scheduleProperty().get().cliName())
                + " schedule on " + (hw == null ? org.m3vit.hw.sim.HardwarePresets.DEFAULT : hw.hardwareProperty().get().name()) + " in sync.";
        TeachingExportDialog d = new TeachingExportDialog(scene.getWindow(), start, Exporter.stem(img.name()) + "-" + trace.task(),
                trace.layers().size(), token, tokenText, what);
        d.resultProperty().addListener((o, was, request) -> {
            if (request == null) return;
            teachingChoices = d.choices();
            settings.rememberFolder(teachingChoices.folder());
            startTeachingExport(request);
        });
        d.show();
        return d;
    }

    /** Runs a teaching export on the background worker; the status bar says what it wrote, a dialog why it failed. */
    public void startTeachingExport(org.m3vit.app.teach.TeachingRequest request) {
        BackgroundRunner.Work<List<Path>> work;
        try {
            work = teachingJob(request);
        } catch (RuntimeException e) {
            showError("Teaching export", ExplorerViewModel.message(e));
            return;
        }
        vm.runner().submit("Teaching export", work, files -> vm.statusMessage(teachingSummary(files)),
                e -> showError("Teaching export failed", ExplorerViewModel.message(e)));
    }

    /** "wrote scene-3-semseg-routing.gif, ... and 7 slides (with slides.md, index.html) in /tmp/x". */
    static String teachingSummary(List<Path> files) {
        List<String> clips = new java.util.ArrayList<>();
        int slides = 0;
        Path where = null;
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.endsWith(".png")) slides++;
            else if (!n.equals(org.m3vit.app.teach.SlideIndex.MARKDOWN) && !n.equals(org.m3vit.app.teach.SlideIndex.HTML)) clips.add(n);
            if (where == null) where = f.getParent();
        }
        if (slides > 0) clips.add(slides + " slides with slides.md and index.html");
        return "teaching export: wrote " + String.join(", ", clips) + (where == null ? "" : " in " + where);
    }

    /**
     * The teaching export of {@code request} for what the window shows now (read here, on the FX thread):
     * the selected task's routing, the hardware panel's config and schedule, the window's views for the
     * slides. Run the returned work off the FX thread.
     */
    public BackgroundRunner.Work<List<Path>> teachingJob(org.m3vit.app.teach.TeachingRequest request) {
        request.check();
        org.m3vit.model.RoutingTrace trace = vm.currentTraceProperty().get();
        LoadedImage img = vm.imageProperty().get();
        var model = vm.modelProperty().get();
        if (trace == null || img == null || model == null || vm.currentResultProperty().get() == null) {
            throw new IllegalStateException("nothing to export yet: open an image and wait for its routing");
        }
        if (request.token() >= trace.numTokens()) {
            throw new org.m3vit.model.guard.LimitException("--token is " + request.token() + "; this image has tokens 0 .. " + (trace.numTokens() - 1));
        }
        if (request.slides() != null && vm.tasks().size() > 1 && vm.compareTaskProperty().get() == null) {
            // the Compare slide needs a second task's routing: computed now, on the worker, before the export job
            vm.tasks().stream().filter(t -> !t.equals(trace.task())).findFirst().ifPresent(t -> vm.compareTaskProperty().set(t));
        }
        var hw = hardware == null ? null : hardware.model();
        org.m3vit.app.teach.TeachingExport.Source source = new org.m3vit.app.teach.TeachingExport.Source(model.config(), trace,
                hw == null ? org.m3vit.hw.sim.HardwarePresets.get(org.m3vit.hw.sim.HardwarePresets.DEFAULT) : hw.hardwareProperty().get(),
                hw == null ? org.m3vit.hw.sim.Schedule.REORDERED : hw.scheduleProperty().get(), hw != null && hw.includeHeadsProperty().get(),
                "M³ViT routing  ·  " + model.config().name() + (model.isTrained() ? "" : " (untrained)") + "  ·  " + img.name() + "  ·  task " + trace.task());
        WindowSlides camera = new WindowSlides(this, routing, vm, hardware);
        return p -> org.m3vit.app.teach.TeachingExport.run(request, source, camera, p);
    }

    /** Shows an error dialog (not modal-blocking, so the window keeps working behind it). */
    public void showError(String title, String message) {
        Runnable r = () -> {
            Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            a.setTitle("M³ViT Explorer");
            a.setHeaderText(title);
            a.getDialogPane().setId("error-dialog");
            a.getDialogPane().setMinWidth(460);
            if (scene.getWindow() != null) a.initOwner(scene.getWindow());
            lastError = a;
            a.show();
        };
        if (Platform.isFxApplicationThread()) r.run(); else Platform.runLater(r);
    }

    /** A yes/no dialog over the window: true when the person presses {@code action}; on the FX thread. */
    boolean confirm(String title, String question, String action) {
        ButtonType yes = new ButtonType(action, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, yes, ButtonType.CANCEL);
        a.setTitle("M³ViT Explorer");
        a.setHeaderText(title);
        a.getDialogPane().setId("confirm-dialog");
        a.getDialogPane().setMinWidth(460);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        if (scene.getWindow() != null) a.initOwner(scene.getWindow());
        return a.showAndWait().filter(b -> b == yes).isPresent();
    }

    /**
     * Shows the "Open checkpoint" dialog; when the person confirms, the import runs in the
     * background (status bar progress, Esc cancels) and its report opens in a dialog.
     */
    ImportCheckpointDialog openImportDialog() {
        ImportCheckpointDialog d = new ImportCheckpointDialog(scene.getWindow(), initialFolder());
        d.resultProperty().addListener((o, was, request) -> {
            if (request == null) return;
            settings.rememberFolderOf(request.checkpoint());
            vm.importCheckpoint(request);
        });
        d.show();
        return d;
    }

    private void showImportReport(ImportReport report) {
        TextArea text = new TextArea(report.toText());
        text.setEditable(false);
        text.setWrapText(true);
        text.setId("import-report-text");
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefSize(760, 340);
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.OK);
        a.setTitle("M³ViT Explorer");
        a.setHeaderText("Imported " + report.tensorsImported() + " tensors (" + report.valuesImported() + " values) for config "
                + report.config() + "; the model opens in the window.");
        a.getDialogPane().setContent(text);
        a.getDialogPane().setId("import-report");
        a.setResizable(true);
        if (scene.getWindow() != null) a.initOwner(scene.getWindow());
        lastImportReport = a;
        a.show();
    }

    /** The last import report dialog shown (tests read it). */
    public Alert lastImportReport() { return lastImportReport; }

    /** The last error dialog shown (tests read it). */
    public Alert lastError() { return lastError; }

    private void showHelp() {
        GridPane keys = new GridPane();
        keys.setHgap(16);
        keys.setVgap(4);
        int row = 0;
        for (Shortcuts.Entry e : Shortcuts.ALL) {
            Label k = new Label(e.keys());
            k.setStyle("-fx-font-weight: bold;");
            keys.add(k, 0, row);
            keys.add(new Label(e.action()), 1, row++);
        }
        Label intro = new Label("Left: the input image (as the model sees it) and sample images. Centre: the outputs of the"
                + " selected task; with ground truth, also the truth, an error map and metrics. Right: how the mixture-of-experts"
                + " layers route each 16x16 patch's token to experts, for the selected task. Hover anything for values.");
        intro.setWrapText(true);
        intro.setMaxWidth(560);
        VBox box = new VBox(12, intro, keys);
        box.setPadding(new Insets(10));
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.setTitle("M³ViT Explorer: help");
        a.setHeaderText("Keyboard shortcuts and how to read the window");
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("help-dialog");
        if (scene.getWindow() != null) a.initOwner(scene.getWindow());
        a.show();
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "M³ViT Explorer 0.1.0: watch a multi-task mixture-of-experts"
                + " Vision Transformer (M³ViT, NeurIPS 2022) route its tokens, task by task.", ButtonType.CLOSE);
        a.setHeaderText("About");
        a.setGraphic(new javafx.scene.image.ImageView(AppIcon.render(64)));
        if (scene.getWindow() != null) a.initOwner(scene.getWindow());
        a.show();
    }

    /** Remembers window size, folder, model and recent files. */
    public void saveSettings() {
        settings.save(stage == null ? 0 : stage.getWidth(), stage == null ? 0 : stage.getHeight());
    }

    /** The state of the Intervene tab (tests and screenshots drive it). */
    public org.m3vit.app.viewmodel.InterventionViewModel interventions() { return interventions; }

    /** The routing tabs (tests select tabs). */
    public javafx.scene.control.TabPane routingTabs() { return routing; }

    /** The Intervene tab of the routing tabs. */
    public javafx.scene.control.Tab interveneTab() { return routing.interveneTab; }

    /** The Experts tab of the routing tabs. */
    public javafx.scene.control.Tab expertsTab() { return routing.expertsTab; }

    /** The Experts tab's survey state. */
    public org.m3vit.app.viewmodel.SpecialisationViewModel expertSurvey() { return routing.expertsTab.survey(); }

    /** The routing animation (tests and screenshots step it). */
    public org.m3vit.visualizer.routing.RoutingAnimation animation() { return routing.animation(); }

    /** The view of a task's output. */
    public TaskOutputView outputView(String task) { return outputs.view(task); }

    /** The input picture. */
    public org.m3vit.visualizer.view.ImageCanvas inputCanvas() { return inputPanel.canvas(); }

}
