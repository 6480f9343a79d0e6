package org.m3vit.app.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Starts the JavaFX explorer window from a plain (non-Application) main class. */
public final class ExplorerLauncher {

    private ExplorerLauncher() { }

    /** Opens the window; {@code model} is a model directory or preset, null for the bundled model. */
    public static void launch(String model) {
        System.setProperty("m3vit.model", model == null ? "" : model);
        Application.launch(Window.class);
    }

    /** The window (replaced by the explorer as it is built). */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("M³ViT Explorer");
            stage.setScene(new Scene(new Label("M³ViT Explorer is being built."), 640, 400));
            stage.show();
        }
    }
}
