package org.m3vit.app.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.m3vit.app.service.CheckpointImports;
import org.m3vit.app.service.CheckpointImports.ConfigChoice;
import org.m3vit.model.Presets;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File > Open checkpoint: the checkpoint (a {@code .pth} file or a folder of rank files), the config
 * it must match (a preset, "infer from checkpoint" when exactly one preset fits, or a JSON file)
 * and the output folder. Returns a {@link CheckpointImports.Request}, or nothing when cancelled.
 */
final class ImportCheckpointDialog extends Dialog<CheckpointImports.Request> {

    static final String INFER = "infer from checkpoint";
    static final String FROM_JSON = "from JSON file ...";

    private final TextField checkpoint = new TextField();
    private final ComboBox<String> config = new ComboBox<>();
    private final TextField jsonFile = new TextField();
    private final TextField out = new TextField();
    private final Label inferNote = new Label();
    private boolean outEdited;
    private long inspection;

    ImportCheckpointDialog(Window owner, File initialFolder) {
        setTitle("M³ViT Explorer");
        setHeaderText("Open a checkpoint of the published M³ViT training code");
        if (owner != null) initOwner(owner);
        getDialogPane().setId("import-dialog");
        ButtonType importButton = new ButtonType("Import and open", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);

        checkpoint.setId("import-checkpoint");
        checkpoint.setPromptText("a .pth file, or a folder of rank files 0.pth, 1.pth, ...");
        Button file = new Button("File ...");
        file.setOnAction(e -> chooseFile(initialFolder));
        Button folder = new Button("Rank folder ...");
        folder.setOnAction(e -> chooseFolder(checkpoint, "Choose the folder of rank files (0.pth, 1.pth, ...)", initialFolder));

        config.setId("import-config");
        List<String> choices = new ArrayList<>(Presets.names());
        choices.add(INFER);
        choices.add(FROM_JSON);
        config.getItems().setAll(choices);
        config.setValue(FROM_JSON);
        jsonFile.setId("import-json");
        jsonFile.setPromptText("config JSON (the config the checkpoint was trained with)");
        Button json = new Button("Choose ...");
        json.setOnAction(e -> chooseJson(initialFolder));
        HBox jsonRow = row(jsonFile, json);
        jsonRow.visibleProperty().bind(config.valueProperty().isEqualTo(FROM_JSON));
        jsonRow.managedProperty().bind(jsonRow.visibleProperty());
        inferNote.setId("import-infer-note");
        inferNote.setWrapText(true);
        inferNote.setMaxWidth(460);
        inferNote.getStyleClass().add("hint");

        out.setId("import-out");
        out.textProperty().addListener((o, a, b) -> { if (out.isFocused()) outEdited = true; });
        Button outButton = new Button("Choose ...");
        outButton.setOnAction(e -> { chooseFolder(out, "Choose the folder to write the imported model into", initialFolder); outEdited = true; });

        checkpoint.textProperty().addListener((o, a, b) -> checkpointChanged());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.getColumnConstraints().addAll(new ColumnConstraints(), growing());
        grid.addRow(0, new Label("Checkpoint"), row(checkpoint, file, folder));
        grid.addRow(1, new Label("Config"), config);
        grid.add(jsonRow, 1, 2);
        grid.add(inferNote, 1, 3);
        grid.addRow(4, new Label("Write model to"), row(out, outButton));
        Label explain = new Label("The checkpoint's tensor shapes must agree with the config; the config also supplies what no"
                + " shape tells (heads, top-k, image aspect). The imported model (config.json + model.safetensors +"
                + " import-report.json) opens in the window when the import is done; Esc cancels it.");
        explain.setWrapText(true);
        explain.setMaxWidth(560);
        explain.getStyleClass().add("hint");
        grid.add(explain, 0, 5, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(740);

        Node ok = getDialogPane().lookupButton(importButton);
        ok.disableProperty().bind(checkpoint.textProperty().isEmpty().or(out.textProperty().isEmpty())
                .or(config.valueProperty().isEqualTo(FROM_JSON).and(jsonFile.textProperty().isEmpty())));
        setResultConverter(b -> b == importButton ? request() : null);
    }

    /** The request the fields describe now. */
    CheckpointImports.Request request() {
        String c = config.getValue();
        ConfigChoice choice = INFER.equals(c) ? new ConfigChoice.Inferred()
                : FROM_JSON.equals(c) ? new ConfigChoice.JsonFile(Path.of(jsonFile.getText().trim()))
                : new ConfigChoice.Preset(c);
        return new CheckpointImports.Request(Path.of(checkpoint.getText().trim()), choice, Path.of(out.getText().trim()));
    }

    /** Fills the fields (tests, and the file choosers). */
    void fill(Path checkpointPath, String configChoice, Path json) {
        checkpoint.setText(checkpointPath.toString());
        config.setValue(configChoice);
        if (json != null) jsonFile.setText(json.toString());
    }

    private void checkpointChanged() {
        String text = checkpoint.getText().trim();
        if (text.isEmpty()) return;
        Path p = Path.of(text);
        if (!outEdited) out.setText(CheckpointImports.defaultOutput(p).toString());
        long request = ++inspection;
        inferNote.setText(Files.exists(p) ? "Reading its shapes ..." : ""); // a file, or a folder of rank files
        if (!Files.exists(p)) return;
        // reading a checkpoint takes up to seconds: never on the FX thread, and only the newest path's answer is shown
        java.util.concurrent.CompletableFuture.supplyAsync(() -> describeShapes(p), INSPECTOR).thenAccept(note -> javafx.application.Platform.runLater(() -> {
            if (request != inspection) return;
            inferNote.setText(note.text());
            if (note.single() && FROM_JSON.equals(config.getValue()) && jsonFile.getText().isEmpty()) config.setValue(INFER);
        }));
    }

    /** What the shapes of checkpoint {@code p} say about its config; {@code single} when one preset matches. */
    private record ShapeNote(String text, boolean single) { }

    private static ShapeNote describeShapes(Path p) {
        try {
            List<String> matching = CheckpointImports.matchingPresets(p);
            if (matching.size() == 1) return new ShapeNote("Its shapes match the preset " + matching.get(0) + ": \"" + INFER + "\" uses it.", true);
            if (matching.isEmpty()) return new ShapeNote("Its shapes match no preset: choose the config JSON it was trained with.", false);
            return new ShapeNote("Its shapes match several presets (" + String.join(", ", matching) + "): choose one.", false);
        } catch (Exception e) {
            return new ShapeNote("Cannot read it: " + org.m3vit.app.viewmodel.ExplorerViewModel.message(e), false);
        }
    }

    /** One daemon thread that reads checkpoints for the dialog's hint. */
    private static final java.util.concurrent.ExecutorService INSPECTOR = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "m3vit-checkpoint-inspector");
        t.setDaemon(true);
        return t;
    });

    private void chooseFile(File initialFolder) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose a checkpoint (torch.save file)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PyTorch checkpoints", "*.pth", "*.pt", "*.tar", "*.pth.tar"),
                new FileChooser.ExtensionFilter("All files", "*"));
        fc.setInitialDirectory(initialFolder);
        File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
        if (f != null) checkpoint.setText(f.getPath());
    }

    private void chooseJson(File initialFolder) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose a config JSON");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Config JSON", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        fc.setInitialDirectory(initialFolder);
        File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
        if (f != null) jsonFile.setText(f.getPath());
    }

    private void chooseFolder(TextField target, String title, File initialFolder) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        dc.setInitialDirectory(initialFolder);
        File d = dc.showDialog(getDialogPane().getScene().getWindow());
        if (d != null) target.setText(d.getPath());
    }

    private static HBox row(TextField field, Button... buttons) {
        HBox box = new HBox(6, field);
        box.getChildren().addAll(buttons);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    private static ColumnConstraints growing() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }
}
