package org.m3vit.app.cli;

import org.m3vit.app.service.SampleGallery;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the commands that open the real window (screenshots, bench window): model, sample folder, size. */
final class WindowOptions {

    @Option(names = "--model", description = "Model directory or preset (default: the bundled model).")
    String model;

    @Option(names = "--samples", description = "Sample folder shown in the gallery (default: ${m3vit.home}/sample-images).")
    Path samples;

    @Option(names = "--width", defaultValue = "1440", description = "Window width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "900", description = "Window height (default: ${DEFAULT-VALUE}).")
    int height;

    /** The sample folder asked for, else the default one. */
    Path gallery() { return samples != null ? samples : SampleGallery.defaultFolder(); }

    /** Opens the window on the gallery with the model, and waits for {@code image}'s first output. */
    HeadlessWindow open(Path image) throws Exception {
        if (width < 640 || width > 8192 || height < 480 || height > 8192) {
            throw new IllegalArgumentException("--width and --height must be in 640 .. 8192 and 480 .. 8192, were " + width + " and " + height);
        }
        return HeadlessWindow.open(model, gallery(), image, width, height);
    }
}
