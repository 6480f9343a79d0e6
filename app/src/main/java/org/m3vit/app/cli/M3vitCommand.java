package org.m3vit.app.cli;

import org.m3vit.app.service.DjlModelLoader;
import org.m3vit.app.ui.ExplorerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.util.concurrent.Callable;

/** The {@code m3vit} command: opens the GUI by default; subcommands for batch work. */
@Command(name = "m3vit", mixinStandardHelpOptions = true, version = "M3ViT Explorer 0.1.0",
        description = "M3ViT Explorer: watch a multi-task mixture-of-experts ViT route tokens, and what its FPGA accelerator does with that routing.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class,
                RenderCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                InferCommand.class,
                SimulateCommand.class,
                ImportCommand.class,
                ScreenshotsCommand.class,
                ExportCommand.class,
                IconsCommand.class,
        })
public final class M3vitCommand implements Callable<Integer> {

    /** Exit code meaning "the window was opened; do not exit the JVM". */
    public static final int GUI_STARTED = -1;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, also print the stack trace (for bug reports); the window also prints when its start milestones"
                    + " were reached (ms after the JVM started).")
    void debug(boolean on) {
        if (on) System.setProperty("m3vit.debug", "true");
    }

    @Option(names = "--allow-nonfinite", description = "Open a model whose weights hold NaN or Inf values anyway, to inspect them.")
    void allowNonFinite(boolean on) {
        if (on) System.setProperty(DjlModelLoader.ALLOW_NONFINITE, "true");
    }

    @Option(names = "--exit-after-start", hidden = true,
            description = "Close the window once its first output is on screen (bench start).")
    void exitAfterStart(boolean on) {
        if (on) System.setProperty(ExplorerLauncher.EXIT_AFTER_START, "true");
    }

    @Option(names = "--model", description = "Model directory (config.json + model.safetensors) or preset to open in the window. Default: the bundled model.")
    String model;

    @Override
    public Integer call() {
        ExplorerLauncher.launch(model);
        return GUI_STARTED;
    }

    /** A command line with our error handling: messages, not stack traces, for user errors. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new M3vitCommand());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("error: " + ErrorText.of(ex));
            if (Boolean.getBoolean("m3vit.debug")) ex.printStackTrace(line.getErr());
            line.getErr().flush();
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine sub = ex.getCommandLine();
            sub.getErr().println("error: " + ErrorText.of(ex) + " (see: " + sub.getCommandSpec().qualifiedName(" ") + " --help)");
            sub.getErr().flush();
            return 2;
        });
        return cl;
    }
}
