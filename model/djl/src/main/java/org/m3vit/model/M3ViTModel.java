package org.m3vit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.m3vit.model.io.ModelFiles;
import org.m3vit.model.io.NativeCopy;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightCheck;
import org.m3vit.model.io.WeightLayout;
import org.m3vit.model.nn.CheckpointNames;
import org.m3vit.model.nn.M3ViTNetwork;
import org.m3vit.model.nn.MoeExecution;
import org.m3vit.model.nn.PassContext;
import org.m3vit.model.nn.TaskPass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An M³ViT with its weights in DJL (PyTorch engine): inference for the explorer and the
 * command line ({@link #infer}), a batched single-task forward for training ({@link #forward}),
 * and save/load as {@code config.json} + {@code model.safetensors} with checkpoint key names.
 */
public final class M3ViTModel implements MultiTaskModel {

    private final ModelConfig config;
    private final NDManager manager;
    private final M3ViTNetwork network;
    private final ParameterStore parameterStore;
    private final Map<String, Parameter> parameters;
    private boolean trained;
    private String provenance;

    private M3ViTModel(ModelConfig config, Map<String, Tensor> weights, boolean trained, String provenance) {
        ModelMemory.require(config);
        this.config = config;
        this.manager = NDManager.newBaseManager();
        this.network = new M3ViTNetwork(config);
        network.setInitializer(Initializer.ZEROS, p -> true);
        network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
        this.parameters = CheckpointNames.of(network);
        this.parameterStore = new ParameterStore(manager, false);
        this.trained = trained;
        this.provenance = provenance;
        setWeights(weights);
    }

    /** A model of {@code config} with deterministic random weights ({@link WeightInit}), marked untrained. */
    public static M3ViTModel random(ModelConfig config, long seed) {
        ModelMemory.require(config);
        return new M3ViTModel(config, WeightInit.random(config, seed), false,
                "random weights, seed " + seed + " (untrained)");
    }

    /** A model of {@code config} with the given weights (names and shapes of {@code WeightLayout}). */
    public static M3ViTModel of(ModelConfig config, Map<String, Tensor> weights, boolean trained, String provenance) {
        List<String> problems = WeightCheck.problems(config, weights);
        if (!problems.isEmpty()) throw new IllegalArgumentException("weights do not fit config '" + config.name() + "': " + String.join("; ", problems));
        return new M3ViTModel(config, weights, trained, provenance);
    }

    /**
     * Loads {@code dir/config.json} and {@code dir/model.safetensors}; errors name the file and every
     * problem. Provenance: the directory plus the description saved with trained weights; for
     * untrained weights the saved description ("random weights, seed N (untrained)").
     */
    public static M3ViTModel load(Path dir) throws IOException {
        return load(dir, false);
    }

    /**
     * {@link #load(Path)}; weights with NaN or Inf values are refused (naming the tensor and the count)
     * unless {@code allowNonFinite}, which loads them for inspection.
     */
    public static M3ViTModel load(Path dir, boolean allowNonFinite) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": model directory not found");
        ModelConfig config = ConfigJson.read(dir.resolve(ModelFiles.CONFIG));
        try {
            ModelMemory.require(config);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(ModelFiles.CONFIG) + ": " + e.getMessage(), e);
        }
        Path file = dir.resolve(ModelFiles.WEIGHTS);
        Safetensors.Contents contents = Safetensors.readWithMetadata(file);
        WeightCheck.require(config, contents.tensors(), file);
        if (!allowNonFinite) WeightCheck.requireFinite(contents.tensors(), file);
        boolean trained = !"false".equals(contents.metadata().get("trained"));
        String described = contents.metadata().get("provenance");
        String provenance = !trained && described != null ? described
                : dir + (described == null || described.isBlank() ? "" : ": " + described);
        return new M3ViTModel(config, contents.tensors(), trained, provenance);
    }

    /** Writes {@code config.json} and {@code model.safetensors} (with trained flag and provenance as metadata). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ConfigJson.write(config, dir.resolve(ModelFiles.CONFIG));
        Safetensors.write(dir.resolve(ModelFiles.WEIGHTS), weights(),
                Map.of("trained", Boolean.toString(trained), "provenance", provenance, "format", "m3vit-explorer"));
    }

    /** A copy of every weight, by checkpoint name. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray a = e.getValue().getArray();
            out.put(e.getKey(), new Tensor(a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    /** Overwrites the weights in place (the parameter arrays keep their identity, so optimisers stay valid). */
    public void setWeights(Map<String, Tensor> weights) {
        List<String> problems = WeightCheck.problems(config, weights);
        if (!problems.isEmpty()) throw new IllegalArgumentException("weights do not fit config '" + config.name() + "': " + String.join("; ", problems));
        if (!parameters.keySet().equals(WeightLayout.expected(config).keySet())) {
            throw new IllegalStateException("network parameters " + parameters.keySet() + " differ from WeightLayout");
        }
        // libtorch's grad mode is per thread and DJL turns it off only on the thread that started the
        // engine; elsewhere the in-place copy into a parameter that requires grad would be refused.
        // Off for the copy only: the caller's mode (e.g. a training thread's) is restored.
        GradModeOff.run(() -> {
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NativeCopy.into(e.getValue().getArray(), weights.get(e.getKey()).data());
            }
        });
    }

    /** Records that the weights are now trained, e.g. after a training run. */
    public void markTrained(String description) {
        this.trained = true;
        this.provenance = description;
    }

    @Override
    public ModelConfig config() { return config; }

    @Override
    public boolean isTrained() { return trained; }

    @Override
    public String provenance() { return provenance; }

    /** The DJL network block (for a {@code Trainer} or a custom loop). */
    public M3ViTNetwork network() { return network; }

    /** The manager owning the parameters; open per-step sub-managers from it. */
    public NDManager manager() { return manager; }

    /** The parameter store the forward passes read from. */
    public ParameterStore parameterStore() { return parameterStore; }

    /** Every parameter (including BatchNorm running statistics) by checkpoint name. */
    public Map<String, Parameter> parameters() { return parameters; }

    /** Learnable parameters by checkpoint name (BatchNorm running statistics excluded). */
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters.forEach((k, p) -> {
            if (!k.endsWith(".running_mean") && !k.endsWith(".running_var")) out.put(k, p);
        });
        return out;
    }

    /** Parameter counts for reports. */
    public ParameterCounts parameterCounts() { return ParameterCounts.of(config); }

    /**
     * One single-task pass over a batch (B, 3, H, W) for training or evaluation: head output
     * (B, C, H, W) and load-balancing loss. In training mode BatchNorm uses batch statistics and
     * updates its running ones. Arrays live in {@code images}' manager.
     */
    public TaskPass forward(NDArray images, int task, boolean training) {
        return network.forward(parameterStore, images, task, training, false);
    }

    @Override
    public InferenceResult infer(float[] chw, List<String> tasks, RoutingIntervention intervention) {
        RoutingIntervention change = intervention == null ? RoutingIntervention.NONE : intervention;
        change.validate(config);
        int h = config.imageHeight(), w = config.imageWidth();
        if (chw.length != 3 * h * w) {
            throw new IllegalArgumentException("model '" + config.name() + "' takes 3x" + h + "x" + w + " = " + (3 * h * w)
                    + " values, got " + chw.length);
        }
        for (String t : tasks) config.taskIndex(t);
        long start = System.nanoTime();
        Map<String, TaskOutput> outputs = new LinkedHashMap<>();
        Map<String, RoutingTrace> traces = new LinkedHashMap<>();
        long[] phase = new long[4]; // input, forward, routing, output copy
        // grad mode is per thread in libtorch and on by default on threads other than the one that
        // started the engine (e.g. a GUI worker): inference must not record autograd graphs
        GradModeOff.run(() -> {
            try (NDManager scope = manager.newSubManager()) {
                long t0 = System.nanoTime();
                NDArray images = scope.create(chw, new Shape(1, 3, h, w));
                long t1 = System.nanoTime();
                phase[0] += t1 - t0;
                for (String name : tasks) {
                    int task = config.taskIndex(name);
                    t0 = System.nanoTime();
                    TaskPass pass = network.forward(parameterStore, images, task, false, true, MoeExecution.SPARSE,
                            change.plan(config, task));
                    t1 = System.nanoTime();
                    phase[1] += t1 - t0 - pass.routingNanos();
                    phase[2] += pass.routingNanos();
                    TaskSpec spec = config.tasks().get(task);
                    Shape out = pass.output().getShape();
                    outputs.put(name, new TaskOutput(spec, (int) out.get(1), (int) out.get(2), (int) out.get(3), NativeCopy.toFloats(pass.output())));
                    long t2 = System.nanoTime();
                    phase[3] += t2 - t1;
                    List<int[]> counts = new ArrayList<>();
                    for (LayerRouting l : pass.routing()) counts.add(l.tokensPerExpert());
                    traces.put(name, new RoutingTrace(config.name(), name, task, config.gridHeight(), config.gridWidth(),
                            config.numExperts(), config.topK(), pass.routing(), MacCounter.count(config, task, counts), change.forTask(name)));
                    phase[2] += System.nanoTime() - t2;
                }
            }
        });
        InferencePhases phases = new InferencePhases(phase[0], phase[1], phase[2], phase[3]);
        return new InferenceResult(outputs, traces, System.nanoTime() - start, phases);
    }

    /**
     * The backbone alone on one preprocessed image with task id {@code task}'s gates: the last
     * block's tokens, (1 + patches) x D floats row-major (for comparisons with an emulated backbone).
     */
    public float[] backboneTokens(float[] chw, int task) {
        int h = config.imageHeight(), w = config.imageWidth();
        if (chw.length != 3 * h * w) throw new IllegalArgumentException("model '" + config.name() + "' takes " + (3 * h * w) + " values, got " + chw.length);
        float[][] out = new float[1][];
        GradModeOff.run(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(chw, new Shape(1, 3, h, w));
                out[0] = network.backbone().forward(parameterStore, images, new PassContext(task, false, false)).toFloatArray();
            }
        });
        return out[0];
    }

    /**
     * Task id {@code task}'s head (float32, eval mode) on given backbone tokens, (1 + patches) x D
     * floats row-major, e.g. from an emulated backbone: the same output {@link #infer} gives for
     * the tokens its own backbone computes.
     */
    public TaskOutput head(int task, float[] tokens) {
        int n = config.numTokens(), d = config.embedDim();
        if (tokens.length != n * d) throw new IllegalArgumentException("model '" + config.name() + "' heads take " + n + " x " + d + " tokens, got " + tokens.length + " values");
        TaskSpec spec = config.tasks().get(task);
        TaskOutput[] out = new TaskOutput[1];
        GradModeOff.run(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray y = network.head(task).forward(parameterStore, scope.create(tokens, new Shape(1, n, d)), false);
                Shape s = y.getShape();
                out[0] = new TaskOutput(spec, (int) s.get(1), (int) s.get(2), (int) s.get(3), NativeCopy.toFloats(y));
            }
        });
        return out[0];
    }

    @Override
    public void close() {
        manager.close();
    }
}
