package org.m3vit.app.cli;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.checkpoint.CheckpointImporter;
import org.m3vit.model.checkpoint.ImportReport;
import org.m3vit.model.guard.FolderSwap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code m3vit import}: converts a checkpoint of the published M³ViT training code into our model directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a checkpoint written by the published M3ViT training code (torch.save file, or a directory "
                + "of per-GPU rank files 0.pth, 1.pth, ...) into a model directory: config.json + model.safetensors + import-report.json.",
                "Only tensor data is read: the pickle's globals are restricted to PyTorch's tensor-rebuilding functions; "
                + "a file naming a code-running global (os.system, builtins.eval, ...) is refused."})
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "<file.pth|rank-dir>",
            description = "A torch.save file, or a directory with one file per rank (0.pth, 1.pth, ...).")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "<preset|json>",
            description = "Preset name or config JSON the checkpoint must match; it supplies numHeads, topK and the image's "
                    + "aspect ratio, which no tensor shape determines. Without it, the command prints what the checkpoint determines and stops.")
    String config;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Model directory to write (new or empty; "
            + "it is built beside and put in place when complete).")
    Path out;

    @Option(names = "--force", description = "Replace a non-empty --out folder (its old content is removed once the new model is complete).")
    boolean force;

    @Option(names = "--allow-nonfinite", description = "Import weights holding NaN or Inf values anyway, to inspect them (refused by default).")
    boolean allowNonFinite;

    @Override
    public Integer call() throws Exception {
        FolderSwap.check(out, force);
        ModelConfig c = config == null ? null : ConfigJson.resolve(config);
        ImportReport report = CheckpointImporter.importCheckpoint(checkpoint, c, out, force, allowNonFinite, null);
        spec.commandLine().getOut().println(report.toText());
        return 0;
    }
}
