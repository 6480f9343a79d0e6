package org.m3vit.app.ui;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.model.image.ImageFit;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.visualizer.view.ImageCanvas;
import org.m3vit.visualizer.view.PixelPoint;

/** The input image as the model sees it, with an optional patch grid; hovering names the patch and token, clicking selects the token. */
final class InputPanel extends VBox {

    private final ImageCanvas canvas = new ImageCanvas();
    private final Label title = new Label("Input");
    private final Label hover = new Label("Hover the image to see patch row, column and token index.");
    private final CheckBox grid = new CheckBox("patch grid (G)");
    private final javafx.scene.control.ChoiceBox<ImageFit> fitChoice = new javafx.scene.control.ChoiceBox<>();
    private final Label notice = new Label();
    private final ExplorerViewModel vm;

    InputPanel(ExplorerViewModel vm, ObjectProperty<Image> input) {
        super(4);
        this.vm = vm;
        setPadding(new Insets(6));
        title.getStyleClass().add("view-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        canvas.setId("input-canvas");
        hover.setId("input-hover");
        hover.setWrapText(true);
        hover.setMinHeight(34);
        grid.setId("grid-toggle");
        grid.setTooltip(new Tooltip("Draw the 16x16 patches the ViT cuts the image into (G)"));
        canvas.showGridProperty().bind(grid.selectedProperty());
        canvas.imageProperty().bind(input);
        canvas.smoothBaseProperty().set(false);
        canvas.setAlignTop(true);
        canvas.setPrefHeight(260);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        // never taller than the picture at the panel's width, so the grid toggle sits right under it
        canvas.maxHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            Image img = input.get();
            return img == null || img.getWidth() == 0 ? Double.MAX_VALUE : canvas.getWidth() * img.getHeight() / img.getWidth();
        }, input, canvas.widthProperty()));
        fitChoice.setId("fit-choice");
        fitChoice.getItems().setAll(ImageFit.values());
        fitChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(ImageFit f) { return f == null ? "" : f.optionName(); }
            @Override public ImageFit fromString(String s) { return ImageFit.parse(s); }
        });
        fitChoice.valueProperty().bindBidirectional(vm.imageFitProperty());
        fitChoice.setTooltip(new Tooltip("Images of another shape than the model's input: letterbox (whole image, padded),"
                + " crop (centre, fills the input) or stretch (distorted)"));
        notice.setId("fit-notice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.setVisible(false);
        notice.setManaged(false);
        javafx.scene.layout.HBox fit = new javafx.scene.layout.HBox(6, new Label("fit"), fitChoice);
        fit.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane options = new javafx.scene.layout.FlowPane(10, 4, grid, fit);
        options.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(title, canvas, notice, options, hover);
        canvas.hoveredProperty().addListener((o, a, p) -> describe(p));
        canvas.setOnPixelClicked(p -> {
            ModelConfig c = vm.config();
            if (c != null) vm.selectedTokenProperty().set(1 + p.patchRow(c.patchSize()) * c.gridWidth() + p.patchColumn(c.patchSize()));
        });
        vm.selectedTokenProperty().addListener(o -> highlight());
        vm.imageProperty().addListener((o, a, img) -> retitle(img));
    }

    private void retitle(LoadedImage img) {
        ModelConfig c = vm.config();
        boolean reshaped = img != null && img.reshaped();
        notice.setVisible(reshaped);
        notice.setManaged(reshaped);
        notice.setText(reshaped ? "The model sees " + img.fitDescription() + "; this picture is what it sees." : "");
        if (img == null || c == null) {
            title.setText("Input");
            return;
        }
        title.setText("Input: " + img.name() + "\n" + img.originalWidth() + "x" + img.originalHeight()
                + " px, shown to the model at " + c.imageWidth() + "x" + c.imageHeight() + " = " + c.gridHeight() + "x"
                + c.gridWidth() + " patches of " + c.patchSize() + "x" + c.patchSize());
        highlight();
    }

    private void highlight() {
        ModelConfig c = vm.config();
        int t = vm.selectedTokenProperty().get();
        canvas.highlightedPatchProperty().set(c == null || t < 1 ? null : new PixelPoint((t - 1) % c.gridWidth(), (t - 1) / c.gridWidth()));
    }

    private void describe(PixelPoint p) {
        ModelConfig c = vm.config();
        if (p == null || c == null) {
            hover.setText("Hover the image to see patch row, column and token index.");
            return;
        }
        int r = p.patchRow(c.patchSize()), col = p.patchColumn(c.patchSize());
        hover.setText("pixel (" + p.x() + ", " + p.y() + ")  ·  patch row " + r + ", column " + col
                + "  ·  token " + (1 + r * c.gridWidth() + col) + " (token 0 is cls)");
    }

    /** The grid checkbox (the G shortcut toggles it). */
    CheckBox gridToggle() { return grid; }

    /** The picture. */
    ImageCanvas canvas() { return canvas; }
}
