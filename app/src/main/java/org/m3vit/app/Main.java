package org.m3vit.app;

import org.m3vit.app.cli.M3vitCommand;
import picocli.CommandLine;

/** Entry point of the launcher: no arguments opens the explorer window, otherwise a subcommand runs. */
public final class Main {

    private Main() { }

    public static void main(String[] args) {
        int code = M3vitCommand.commandLine().execute(args);
        if (code != M3vitCommand.GUI_STARTED) System.exit(code);
    }
}
