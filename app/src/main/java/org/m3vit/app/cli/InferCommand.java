package org.m3vit.app.cli;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Models;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.MultiTaskModel;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.board.BackboneArithmetic;
import org.m3vit.model.board.EmulatedModel;
import org.m3vit.model.guard.OneLine;
import org.m3vit.model.guard.OutputFolder;
import org.m3vit.model.guard.OutputWriteException;
import org.m3vit.model.image.PreparedImage;
import org.m3vit.model.image.Preprocess;
import org.m3vit.visualizer.color.ColorMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code m3vit infer}: runs the model on an image or a folder of images and writes pictures, raw outputs and routing. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Run the model on an image (or every image in a folder) and write, per image and task:",
                "  <name>-<task>.png          the output as a picture",
                "  <name>-<task>.npy          the raw head output, float32 C x H x W at model resolution",
                "  <name>-<task>-routing.json the gates' routing (schema in docs/formats.md)",
                "Routing interventions (docs/interventions.md): --disable-expert, --force-expert,",
                "--tokens, --gates-of; the routing JSON records what was done.",
                "Exit code 0 when every image succeeded, 1 when any failed, 2 for a usage or model error."})
public final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "<dir|preset|config.json>",
            description = "Model directory (config.json + model.safetensors), preset name (random weights from --seed), "
                    + "or a config JSON file (random weights from --seed). Default: the bundled model.")
    String model;

    @Option(names = "--task", paramLabel = "<name|all>", defaultValue = "all",
            description = "Task name, comma-separated names, or 'all' (default).")
    String task;

    @Option(names = "--input", required = true, paramLabel = "<file|folder>", description = "An image file, or a folder whose .png/.jpg/.jpeg/.bmp/.gif files are all processed.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random weights when the model has no trained weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--colormap", defaultValue = "viridis", description = "Colour map of depth pictures: viridis, magma, inferno, plasma, turbo or grey (default ${DEFAULT-VALUE}); "
                    + "each picture spans its own minimum to maximum depth.")
    String colormap;

    @Option(names = "--fit", defaultValue = "letterbox", paramLabel = "<letterbox|crop|stretch>",
            description = "How an image of another shape than the model's input is fitted: letterbox (whole image, padded with the"
                    + " mean colour; default), crop (centre, fills the input) or stretch (distorts it).")
    String fit;

    @Option(names = "--allow-nonfinite", description = "Load weights holding NaN or Inf values anyway, to inspect them (refused by default).")
    boolean allowNonFinite;

    @Option(names = "--csv", description = "Also write <name>-<task>-routing.csv (block, token, row, col, rank, expert, weight).")
    boolean csv;

    @Option(names = "--disable-expert", paramLabel = "BLOCK:EXPERT",
            description = "Switch expert EXPERT off at MoE block BLOCK (all:E or *:E: at every MoE block): the next-best expert takes"
                    + " its slot, with its softmax weight. Repeatable.")
    List<String> disableExpert = new ArrayList<>();

    @Option(names = "--force-expert", paramLabel = "BLOCK:EXPERT",
            description = "Force expert EXPERT at MoE block BLOCK (all:E or *:E: every MoE block) into the first slots, with its softmax"
                    + " weight, on every token or on the --tokens list. Repeatable; at most top-k per token.")
    List<String> forceExpert = new ArrayList<>();

    @Option(names = "--tokens", paramLabel = "LIST",
            description = "Tokens the --force-expert options apply to, e.g. 3,4,10-20 (numbered as in the routing JSON: 0 = cls,"
                    + " n = patch n-1 in row-major order). Default: every token, cls included.")
    String tokens;

    @Option(names = "--compare", description = "With an intervention: also run the gates' own routing and print per task how much"
            + " the output changed, how many tokens went to other experts and, for a sample image with ground truth beside it,"
            + " the metric before and after (twice the inference time).")
    boolean compare;

    @Option(names = "--gates-of", paramLabel = "TASK",
            description = "Run every task with the gates of TASK in every MoE block (each task keeps its own head).")
    String gatesOf;

    @Option(names = "--arithmetic", defaultValue = "float32", paramLabel = "<float32|board|board-wide-patch>",
            description = "Arithmetic of the backbone; the heads run in float32: float32 (default), board (the Edge-MoE board's fixed-point "
                    + "formats as built: the outputs and routing are what the board would compute), board-wide-patch (the same with "
                    + "ap_fixed<16,1> patch-embedding weights). See docs/board-arithmetic.md.")
    String arithmetic;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ColorMap depthMap = ColorMap.byName(colormap);
        org.m3vit.model.image.ImageFit imageFit = org.m3vit.model.image.ImageFit.parse(fit);
        BackboneArithmetic backbone = BackboneArithmetic.parse("--arithmetic", arithmetic);
        if (backbone != BackboneArithmetic.FLOAT32
                && (!disableExpert.isEmpty() || !forceExpert.isEmpty() || gatesOf != null || tokens != null)) {
            throw new IllegalArgumentException("--arithmetic " + arithmetic + ": routing interventions (--disable-expert, --force-expert,"
                    + " --tokens, --gates-of) run in float32 arithmetic only");
        }
        InferInputs inputs = InferInputs.of(input);
        if (out.toString().isEmpty()) throw new IOException("--out: the path is empty");
        try (MultiTaskModel net = backbone.wrap(open(stderr))) {
            if (net instanceof EmulatedModel e) {
                for (String line : WeightRangeNote.lines(e.emulator(), backbone)) stderr.println(line);
                stderr.flush();
            }
            List<String> tasks = tasks(net);
            RoutingIntervention intervention = InterventionOptions.parse(disableExpert, forceExpert, tokens, gatesOf, net.config());
            OutputFolder folder = OutputFolder.create(out);
            InferOutputs writer = new InferOutputs(folder, depthMap, csv);
            stdout.println("model " + net.config().name() + ": " + net.provenance() + "; input "
                    + net.config().imageWidth() + " x " + net.config().imageHeight() + "; tasks " + String.join(", ", tasks)
                    + (backbone == BackboneArithmetic.FLOAT32 ? "" : "; backbone in " + backbone.label() + " arithmetic, heads float32"));
            if (!intervention.isEmpty()) stdout.println("intervention: " + intervention.describe());
            for (Path p : inputs.skipped()) stdout.println("skipping " + p.getFileName() + " (not a .png, .jpg, .jpeg, .bmp or .gif file)");
            List<String> failed = new ArrayList<>();
            int n = inputs.images().size();
            for (int i = 0; i < n; i++) {
                InferInputs.Input in = inputs.images().get(i);
                stdout.print("[" + (i + 1) + "/" + n + "] " + in.file().getFileName() + " ... ");
                stdout.flush();
                try {
                    PreparedImage image = Preprocess.prepare(in.file(), net.config(), imageFit);
                    InferenceResult result = net.infer(image.chw(), tasks, intervention);
                    writer.write(in.stem(), result, tasks);
                    stdout.printf(Locale.ROOT, "ok (%.0f ms%s)%n", result.nanos() / 1e6,
                            image.placement().needsNotice() ? "; " + image.placement().describe(imageFit) : "");
                    if (compare && !intervention.isEmpty()) {
                        InterventionReport.print(stdout, in.file(), image, result, net.infer(image.chw(), tasks), tasks);
                    }
                } catch (OutputWriteException e) {
                    stdout.println("FAILED");
                    stdout.flush();
                    stderr.println("error: " + OneLine.of(e.getMessage()) + "; stopped (" + i + " of " + n + " images done)");
                    stderr.flush();
                    return 1;
                } catch (IOException | RuntimeException e) {
                    stdout.println("FAILED");
                    stdout.flush();
                    stderr.println("error: " + ErrorText.of(e));
                    stderr.flush();
                    failed.add(in.file().getFileName().toString());
                }
                stdout.flush();
            }
            stdout.println((n - failed.size()) + " of " + n + " image" + (n == 1 ? "" : "s") + " done, outputs in " + folder.root());
            if (!failed.isEmpty()) {
                stderr.println("error: " + failed.size() + " of " + n + " failed: " + String.join(", ", failed));
                return 1;
            }
            return 0;
        }
    }

    /** The model named by --model, telling on stderr when its weights are random. */
    private M3ViTModel open(PrintWriter stderr) throws IOException {
        M3ViTModel net;
        if (model == null) {
            net = Models.openDefault();
        } else if (Files.isRegularFile(Path.of(model))) {
            ModelConfig config = ConfigJson.read(Path.of(model));
            try {
                net = M3ViTModel.random(config, seed);
            } catch (IllegalArgumentException e) {
                throw new IOException(model + ": " + e.getMessage(), e);
            }
        } else {
            net = Models.open(model, seed, allowNonFinite);
        }
        if (allowNonFinite) {
            stderr.println("note: --allow-nonfinite: weights with NaN or Inf were loaded for inspection; outputs may be NaN");
        }
        if (!net.isTrained()) {
            stderr.println("note: model '" + net.config().name() + "' has " + net.provenance()
                    + ": its outputs show the pipeline, not learned predictions");
            stderr.flush();
        }
        return net;
    }

    private List<String> tasks(MultiTaskModel net) {
        if (task.equalsIgnoreCase("all")) return net.config().tasks().stream().map(TaskSpec::name).toList();
        List<String> names = new ArrayList<>();
        for (String t : task.split(",")) {
            String name = t.trim();
            net.config().taskIndex(name);   // throws naming the model's tasks
            if (!names.contains(name)) names.add(name);
        }
        return names;
    }
}
