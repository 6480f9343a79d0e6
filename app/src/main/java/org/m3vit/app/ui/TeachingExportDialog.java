package org.m3vit.app.ui;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.m3vit.app.teach.ClipPlan;
import org.m3vit.app.teach.Ffmpeg;
import org.m3vit.app.teach.TeachingRequest;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * File > Export teaching material: what to write (an animated GIF and/or a video of the routing
 * animation with the hardware timeline in sync, a slide folder), the clip's frame rate, length and
 * size, the slides' scale. Every value is checked as it is typed (the bounds of
 * {@link TeachingRequest}); Export stays disabled while one is refused, and the reason is shown.
 * Returns the request, or nothing when cancelled.
 */
final class TeachingExportDialog extends Dialog<TeachingRequest> {

    /** Sizes offered for the clip (any WIDTHxHEIGHT may be typed). */
    static final List<String> SIZES = List.of("640x360", "854x480", "1280x720", "1920x1080", "3840x2160");

    /**
     * What the dialog starts from and remembers between exports in one session.
     *
     * @param folder where the files go
     * @param gif    write a GIF
     * @param video  write a video
     * @param slides write slides
     * @param videoExtension "mp4" or "webm"
     */
    record Choices(Path folder, boolean gif, boolean video, boolean slides, String videoExtension, int fps, double seconds,
                   String size, int slideScale, boolean replace) {

        /** The first export's choices: everything, 12 fps, two seconds per MoE layer, 1280x720, slides at 2x. */
        static Choices first(Path folder, int layers) {
            return new Choices(folder, true, true, true, "mp4", TeachingRequest.DEFAULT_FPS, TeachingRequest.SECONDS_PER_LAYER * layers,
                    TeachingRequest.DEFAULT_WIDTH + "x" + TeachingRequest.DEFAULT_HEIGHT, 2, false);
        }
    }

    private final int layers;
    private final int token;
    private final CheckBox gifOn = new CheckBox("Animated GIF");
    private final TextField gif = new TextField();
    private final CheckBox videoOn = new CheckBox("Video");
    private final TextField video = new TextField();
    private final Label videoNote = new Label();
    private final CheckBox slidesOn = new CheckBox("Slides");
    private final TextField slides = new TextField();
    private final CheckBox replace = new CheckBox("replace the folder's contents if it is not empty");
    private final Spinner<Integer> slideScale = new Spinner<>(1, TeachingRequest.MAX_SLIDE_SCALE, 2);
    private final Spinner<Integer> fps = new Spinner<>(1, TeachingRequest.MAX_FPS, TeachingRequest.DEFAULT_FPS);
    private final Spinner<Double> seconds = new Spinner<>(1.0, TeachingRequest.MAX_SECONDS, 12.0, 0.5);
    private final Label frames = new Label();
    private final ComboBox<String> size = new ComboBox<>();
    private final Label problem = new Label();
    private final Node ok;
    private boolean ffmpeg = true;

    /**
     * A dialog for a trace of {@code layers} MoE layers following {@code token} (-1: none), described
     * by {@code tokenText}; {@code what} says what the clip shows (task, image, hardware); file names
     * start with {@code stem}.
     */
    TeachingExportDialog(Window owner, Choices start, String stem, int layers, int token, String tokenText, String what) {
        this.layers = layers;
        this.token = token;
        setTitle("M³ViT Explorer");
        setHeaderText("Export teaching material: the routing animation with the hardware timeline, and slides");
        if (owner != null) initOwner(owner);
        getDialogPane().setId("teaching-dialog");
        ButtonType export = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(export, ButtonType.CANCEL);

        Path folder = start.folder();
        gifOn.setId("teach-gif-on");
        gifOn.setSelected(start.gif());
        gif.setId("teach-gif");
        gif.setText(folder.resolve(stem + "-routing.gif").toString());
        videoOn.setId("teach-video-on");
        videoOn.setSelected(start.video());
        video.setId("teach-video");
        video.setText(folder.resolve(stem + "-routing." + start.videoExtension()).toString());
        video.setTooltip(new Tooltip(".mp4: H.264, plays everywhere (slides software, browsers, phones); .webm: VP9, for web pages"));
        videoNote.setId("teach-video-note");
        videoNote.setWrapText(true);
        videoNote.getStyleClass().add("hint");
        slidesOn.setId("teach-slides-on");
        slidesOn.setSelected(start.slides());
        slides.setId("teach-slides");
        slides.setText(folder.resolve(stem + "-slides").toString());
        replace.setId("teach-replace");
        replace.setSelected(start.replace());
        slideScale.setId("teach-slide-scale");
        slideScale.getValueFactory().setValue(start.slideScale());
        slideScale.setPrefWidth(70);
        fps.setId("teach-fps");
        fps.getValueFactory().setValue(start.fps());
        fps.setEditable(true);
        fps.setPrefWidth(80);
        seconds.setId("teach-seconds");
        seconds.getValueFactory().setValue(start.seconds());
        seconds.setEditable(true);
        seconds.setPrefWidth(90);
        frames.setId("teach-frames");
        size.setId("teach-size");
        size.getItems().setAll(SIZES);
        size.setEditable(true);
        size.setValue(start.size());
        size.setPrefWidth(130);
        problem.setId("teach-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b03a2e;");

        Button gifButton = new Button("Choose ...");
        gifButton.setOnAction(e -> chooseFile(gif, "Save the animated GIF", "GIF animation", "*.gif"));
        Button videoButton = new Button("Choose ...");
        videoButton.setOnAction(e -> chooseFile(video, "Save the video", "MP4 (H.264) or WebM (VP9)", "*.mp4", "*.webm"));
        Button slidesButton = new Button("Choose ...");
        slidesButton.setOnAction(e -> chooseFolder());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Animated GIF" is never cut to "Ani..."
        grid.getColumnConstraints().addAll(labels, grow());
        Label whatLabel = hint(what);
        grid.add(whatLabel, 0, 0, 2, 1);
        grid.addRow(1, gifOn, row(gif, gifButton));
        grid.addRow(2, videoOn, row(video, videoButton));
        grid.add(videoNote, 1, 3);
        grid.addRow(4, slidesOn, row(slides, slidesButton));
        HBox slideOptions = new HBox(8, new Label("scale"), slideScale, new Label("x the window's pixels"), replace);
        slideOptions.setAlignment(Pos.CENTER_LEFT);
        grid.add(slideOptions, 1, 5);
        grid.add(hint("Slides: one PNG per view (input, outputs, each routing tab, the hardware timeline), each with a caption,"
                + " and slides.md and index.html listing them."), 1, 6);
        grid.add(new Separator(), 0, 7, 2, 1);
        HBox clip = new HBox(8, new Label("frame rate"), fps, new Label("fps   length"), seconds, new Label("s"), frames);
        clip.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(8, new Label("Clip"), clip);
        HBox sizeRow = new HBox(8, size, new Label("pixels (WIDTHxHEIGHT; above 1280x720 the same layout is drawn sharper)"));
        sizeRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(9, new Label("Size"), sizeRow);
        grid.addRow(10, new Label("Token"), hint(tokenText));
        grid.add(problem, 0, 11, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(820);

        ok = getDialogPane().lookupButton(export);
        ok.setId("teach-export");
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {gifOn.selectedProperty(), gif.textProperty(), videoOn.selectedProperty(),
                video.textProperty(), slidesOn.selectedProperty(), slides.textProperty(), fps.valueProperty(), seconds.valueProperty(),
                size.valueProperty(), size.getEditor().textProperty(), slideScale.valueProperty(), replace.selectedProperty()}) {
            o.addListener(x -> validate());
        }
        gif.disableProperty().bind(gifOn.selectedProperty().not());
        gifButton.disableProperty().bind(gifOn.selectedProperty().not());
        video.disableProperty().bind(videoOn.selectedProperty().not());
        videoButton.disableProperty().bind(videoOn.selectedProperty().not());
        slides.disableProperty().bind(slidesOn.selectedProperty().not());
        slidesButton.disableProperty().bind(slidesOn.selectedProperty().not());
        slideOptions.disableProperty().bind(slidesOn.selectedProperty().not());
        validate();
        // looking for ffmpeg reads the disk: not on the FX thread
        CompletableFuture.supplyAsync(Ffmpeg::find).thenAccept(p -> Platform.runLater(() -> {
            ffmpeg = p.isPresent();
            if (!ffmpeg) {
                videoOn.setSelected(false);
                videoOn.setDisable(true);
                videoNote.setText("The video encoder ffmpeg is not installed: " + Ffmpeg.INSTALL + ".");
            } else {
                videoNote.setText(".mp4 = H.264 (plays everywhere), .webm = VP9; encoded by " + p.get() + ".");
            }
            validate();
        }));
        setResultConverter(b -> b == export ? request() : null);
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private static HBox row(TextField field, Button button) {
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox h = new HBox(6, field, button);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        l.setMaxWidth(760);
        return l;
    }

    /** The request the fields describe now (unchecked). */
    TeachingRequest request() {
        int[] wh = TeachingRequest.parseSize("size", size.getEditor().getText());
        return new TeachingRequest(path(gifOn, gif), path(videoOn, video), path(slidesOn, slides), replace.isSelected(),
                fps.getValue(), seconds.getValue(), 0, wh[0], wh[1], slideScale.getValue(), token);
    }

    /** The choices to start the next export from. */
    Choices choices() {
        Path folder = Path.of(gif.getText().trim()).toAbsolutePath().getParent();
        String ext = video.getText().trim().toLowerCase(Locale.ROOT).endsWith(".webm") ? "webm" : "mp4";
        return new Choices(folder, gifOn.isSelected(), videoOn.isSelected(), slidesOn.isSelected(), ext,
                fps.getValue(), seconds.getValue(), size.getEditor().getText().trim(), slideScale.getValue(), replace.isSelected());
    }

    private static Path path(CheckBox on, TextField field) {
        String t = field.getText().trim();
        return on.isSelected() && !t.isEmpty() ? Path.of(t) : null;
    }

    /** Checks the fields; shows the first refusal and disables Export while there is one. */
    private void validate() {
        String why = null;
        try {
            if (gifOn.isSelected() && gif.getText().isBlank()) throw new IllegalArgumentException("give the GIF a file name");
            if (videoOn.isSelected() && video.getText().isBlank()) throw new IllegalArgumentException("give the video a file name");
            if (slidesOn.isSelected() && slides.getText().isBlank()) throw new IllegalArgumentException("give the slides a folder");
            TeachingRequest r = request().check();
            if (r.wantsClip()) {
                ClipPlan plan = r.plan(layers);
                frames.setText(String.format(Locale.ROOT, "= %d frames, %.1f s per MoE layer", plan.frames(), plan.seconds() / layers));
            } else {
                frames.setText("");
            }
        } catch (IllegalArgumentException e) {
            why = e.getMessage().replace("--size width", "the width").replace("--size height", "the height").replace("--size ", "size ")
                    .replace("--gif ", "GIF ").replace("--video ", "video ").replace("--", "");
        }
        problem.setText(why == null ? "" : "Not yet: " + why);
        ok.setDisable(why != null);
    }

    private void chooseFile(TextField field, String title, String kind, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, patterns));
        Path current = Path.of(field.getText().trim()).toAbsolutePath();
        if (current.getParent() != null && current.getParent().toFile().isDirectory()) fc.setInitialDirectory(current.getParent().toFile());
        fc.setInitialFileName(current.getFileName() == null ? "" : current.getFileName().toString());
        File f = fc.showSaveDialog(getDialogPane().getScene().getWindow());
        if (f != null) field.setText(f.getPath());
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Choose a new or empty folder for the slides");
        Path current = Path.of(slides.getText().trim()).toAbsolutePath();
        if (current.getParent() != null && current.getParent().toFile().isDirectory()) dc.setInitialDirectory(current.getParent().toFile());
        File d = dc.showDialog(getDialogPane().getScene().getWindow());
        if (d != null) slides.setText(d.getPath());
    }
}
