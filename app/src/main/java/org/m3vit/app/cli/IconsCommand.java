package org.m3vit.app.cli;

import javafx.embed.swing.SwingFXUtils;
import org.m3vit.app.ui.icons.AppIcon;
import org.m3vit.model.guard.OutputTargets;
import org.m3vit.visualizer.render.OutputImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code m3vit icons}: draws the application icon at every size into PNG files (icons/m3vit-<size>.png). */
@Command(name = "icons", mixinStandardHelpOptions = true,
        description = "Write the application icon (drawn by AppIcon) as PNG files, one per size. Needs a display (xvfb-run -a).")
public final class IconsCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "icons", description = "Folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        out = OutputTargets.folder("--out", out);
        FxRunner.start();
        for (int size : AppIcon.SIZES) {
            Path file = out.resolve("m3vit-" + size + ".png");
            FxRunner.run(() -> OutputImages.writePng(SwingFXUtils.fromFXImage(AppIcon.render(size), null), file));
            System.out.println("wrote " + file);
        }
        javafx.application.Platform.exit();
        return 0;
    }
}
