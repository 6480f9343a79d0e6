package org.m3vit.app;

import org.m3vit.app.cli.M3vitCommand;
import picocli.CommandLine;

/** Entry point of the launcher: no arguments opens the explorer window, otherwise a subcommand runs. */
public final class Main {

    private Main() { }

    /**
     * JavaFX warns on every start that it runs from the class path ("Unsupported JavaFX configuration"); the
     * application is tested that way, so that one line is dropped. Every other JavaFX message still prints.
     * Held in a field: the logging framework keeps loggers only weakly.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    static {
        // the logging binding's settings belong here, with the binding: DJL warns about a missing GPU on every start,
        // and a CPU build is what we ship
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    public static void main(String[] args) {
        org.m3vit.app.service.StartupTimes.mark(org.m3vit.app.service.StartupTimes.MAIN);
        int code = M3vitCommand.commandLine().execute(args);
        if (code != M3vitCommand.GUI_STARTED) System.exit(code);
    }
}
