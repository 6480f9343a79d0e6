package org.m3vit.app.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.m3vit.app.service.SampleGallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Thumbnails of the sample images; a click opens one. Samples with ground truth carry a "GT" mark. */
final class GalleryView extends VBox {

    private final TilePane tiles = new TilePane(6, 6);
    private final Label caption = new Label();
    private final Path folder;
    private final Consumer<Path> open;

    GalleryView(Path folder, Consumer<Path> open) {
        super(4);
        this.folder = folder;
        this.open = open;
        setPadding(new Insets(6));
        Label title = new Label("Samples");
        title.getStyleClass().add("view-title");
        caption.setWrapText(true);
        caption.getStyleClass().add("caption");
        tiles.setPrefColumns(3);
        tiles.setPadding(new Insets(2));
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.setPrefHeight(240);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, caption, scroll);
        reload();
    }

    /** Scans the folder again. */
    void reload() {
        tiles.getChildren().clear();
        List<SampleGallery.Sample> samples;
        try {
            samples = SampleGallery.scan(folder);
        } catch (IOException e) {
            caption.setText("Cannot read " + folder + ": " + org.m3vit.app.viewmodel.ExplorerViewModel.message(e));
            return;
        }
        if (samples.isEmpty()) {
            caption.setText("No images in " + folder + ". Open one with Ctrl+O or drop a file on the window.");
            return;
        }
        long withTruth = samples.stream().filter(SampleGallery.Sample::hasTruth).count();
        caption.setText(samples.size() + " images in " + folder.getFileName() + "/, " + withTruth
                + " with ground truth (GT). Click one to run the model on it.");
        for (SampleGallery.Sample s : samples) {
            ImageView thumb = new ImageView(new Image(s.image().toUri().toString(), 88, 70, true, true, true));
            // name and mark on lines of their own: "scene-900000 · GT" does not fit a tile and was cut
            Button b = new Button(s.hasTruth() ? s.name() + "\nGT" : s.name(), thumb);
            b.setWrapText(true);
            b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            b.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            b.setId("sample-" + s.name());
            b.setContentDisplay(ContentDisplay.TOP);
            b.setAlignment(Pos.CENTER);
            b.setPrefWidth(100);
            b.setMaxWidth(100);
            b.getStyleClass().add("sample-tile");
            b.setTooltip(new Tooltip(s.image() + (s.hasTruth() ? "\nground truth: "
                    + (s.classes() != null ? "classes " : "") + (s.depth() != null ? "depth " : "")
                    + (s.normals() != null ? "normals" : "") : "\nno ground truth")));
            b.setOnAction(e -> open.accept(s.image()));
            tiles.getChildren().add(b);
        }
    }
}
