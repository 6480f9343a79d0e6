package org.m3vit.app.viewmodel;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.service.ImageSource;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.SampleGallery;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.MultiTaskModel;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneClass;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.image.ImageFit;
import org.m3vit.model.metrics.ExpertSpecialisation;
import org.m3vit.model.metrics.TaskSpecialisations;
import org.m3vit.model.metrics.TokenProperties;
import org.m3vit.visualizer.output.GroundTruth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * State of the Experts tab: over which images the specialisation tables are computed (this
 * image, the sample images, or N rendered held-out scenes), which property is shown (classes,
 * depth ranges, normal directions), the computed tables of every task and what they mean in
 * words. The survey runs on the explorer's background worker.
 */
public final class SpecialisationViewModel {

    /** Where the tokens' properties come from. */
    public enum Source {
        THIS_IMAGE("this image"), SAMPLE_IMAGES("the sample images"), RENDERED_SCENES("rendered scenes");

        private final String label;

        Source(String label) { this.label = label; }

        @Override
        public String toString() { return label; }
    }

    /** Which table is shown. */
    public enum Property {
        CLASSES("classes", "class"), DEPTH_RANGES("depth ranges", "depth range"), NORMAL_DIRECTIONS("normal directions", "normal direction");

        private final String label;
        private final String singular;

        Property(String label, String singular) {
            this.label = label;
            this.singular = singular;
        }

        /** "class", "depth range", "normal direction". */
        public String singular() { return singular; }

        @Override
        public String toString() { return label; }
    }

    /** The tables of one survey and what they were computed over, e.g. "7 sample images (ground truth)". */
    public record Survey(TaskSpecialisations tables, String over) { }

    /** Most scenes a survey renders (about 3 s per 100 scenes for the bundled model, per task). */
    public static final int MAX_SCENES = 2000;

    private final ExplorerViewModel explorer;
    private final ImageSource images;
    private final Supplier<Path> sampleFolder;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.SAMPLE_IMAGES);
    private final IntegerProperty sceneCount = new SimpleIntegerProperty(this, "sceneCount", 100);
    private final ObjectProperty<Property> property = new SimpleObjectProperty<>(this, "property", Property.CLASSES);
    private final ReadOnlyObjectWrapper<Survey> survey = new ReadOnlyObjectWrapper<>(this, "survey");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private BackgroundRunner.Job job;

    /** The Experts tab's state for the window of {@code explorer}; samples are read from {@code sampleFolder}. */
    public SpecialisationViewModel(ExplorerViewModel explorer, Supplier<Path> sampleFolder) {
        this.explorer = explorer;
        this.images = explorer.imageSource();
        this.sampleFolder = sampleFolder;
        explorer.modelProperty().addListener(o -> clear("Model changed: compute the tables again."));
        explorer.imageProperty().addListener(o -> {
            if (survey.get() != null && source.get() == Source.THIS_IMAGE) clear("Image changed: compute the tables again.");
        });
        sceneCount.addListener((o, was, now) -> {
            if (now.intValue() < 1 || now.intValue() > MAX_SCENES) sceneCount.set(Math.max(1, Math.min(MAX_SCENES, now.intValue())));
        });
    }

    /** Over which images the next survey runs. */
    public ObjectProperty<Source> sourceProperty() { return source; }

    /** Scenes rendered by a {@link Source#RENDERED_SCENES} survey (1..{@value #MAX_SCENES}). */
    public IntegerProperty sceneCountProperty() { return sceneCount; }

    /** The table shown. */
    public ObjectProperty<Property> propertyProperty() { return property; }

    /** The last survey's tables, null before the first and after the model changed. */
    public ReadOnlyObjectProperty<Survey> surveyProperty() { return survey.getReadOnlyProperty(); }

    /** True while a survey runs. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** A one-line note for the user: what to do, what failed, or what the survey covered. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Starts a survey on the background worker (replacing a running one). */
    public void compute() {
        MultiTaskModel model = explorer.modelProperty().get();
        if (model == null) {
            message.set("Open a model first.");
            return;
        }
        if (model.config().moeBlocks().isEmpty()) {
            message.set(model.config().name() + " has no MoE layers: no experts to survey.");
            return;
        }
        if (job != null) job.cancel();
        Source from = source.get();
        LoadedImage image = explorer.imageProperty().get();
        if (from == Source.THIS_IMAGE && image == null) {
            message.set("Open an image first, or survey the sample images.");
            return;
        }
        int scenes = sceneCount.get();
        Path samples = sampleFolder.get();
        running.set(true);
        message.set("Surveying " + from + " ...");
        job = explorer.runner().submit("Surveying the experts over " + from,
                p -> run(model, from, image, scenes, samples, p),
                s -> {
                    running.set(false);
                    survey.set(s);
                    message.set("");
                },
                e -> {
                    running.set(false);
                    message.set("Survey failed: " + e.getMessage());
                });
    }

    private Survey run(MultiTaskModel model, Source from, LoadedImage image, int scenes, Path samples,
                       BackgroundRunner.Progress p) throws Exception {
        ModelConfig c = model.config();
        List<String> tasks = c.tasks().stream().map(TaskSpec::name).toList();
        switch (from) {
            case THIS_IMAGE -> {
                InferenceResult r = model.infer(image.chw(), tasks);
                boolean truth = image.hasTruth() && image.truth().classes() != null;
                TaskSpecialisations t = new TaskSpecialisations(tasks, truth ? SceneClass.labels() : predictedClassNames(c));
                t.add(r, truth ? fromTruth(c, image.truth()) : fromPredictions(c, r));
                return new Survey(t, image.name() + (truth ? " (ground truth)" : " (the model's own predictions)"));
            }
            case SAMPLE_IMAGES -> {
                List<SampleGallery.Sample> withTruth = SampleGallery.scan(samples).stream()
                        .filter(s -> s.classes() != null).toList();
                if (withTruth.isEmpty()) throw new IllegalStateException("no sample image with ground truth classes in " + samples);
                TaskSpecialisations t = new TaskSpecialisations(tasks, SceneClass.labels());
                for (int i = 0; i < withTruth.size() && !p.isCancelled(); i++) {
                    p.update((double) i / withTruth.size(), "sample " + (i + 1) + " of " + withTruth.size());
                    LoadedImage img = images.load(withTruth.get(i).image(), c, ImageFit.LETTERBOX);
                    t.add(model.infer(img.chw(), tasks), fromTruth(c, img.truth()));
                }
                return new Survey(t, withTruth.size() + (withTruth.size() == 1 ? " sample image" : " sample images") + " (ground truth)");
            }
            default -> {
                SceneRenderer renderer = new SceneRenderer();
                TaskSpecialisations t = new TaskSpecialisations(tasks, SceneClass.labels());
                for (int n = 0; n < scenes && !p.isCancelled(); n++) {
                    p.update((double) n / scenes, "scene " + (n + 1) + " of " + scenes);
                    RenderedScene s = renderer.render(n, c.imageHeight(), c.imageWidth());
                    t.add(model.infer(ImageNorm.normalise(s.rgb()), tasks), TokenProperties.of(c, s.labels(), s.depth(), s.normals()));
                }
                return new Survey(t, scenes + " rendered held-out scenes, seeds 0-" + (scenes - 1) + " (ground truth)");
            }
        }
    }

    private static TokenProperties fromTruth(ModelConfig c, GroundTruth g) {
        return TokenProperties.of(c, g.classes(), g.depth(), g.normals());
    }

    /** Token properties from the model's own outputs: its class map, depth and normals where it has those tasks. */
    static TokenProperties fromPredictions(ModelConfig c, InferenceResult r) {
        int[] labels = null;
        float[] depth = null, normals = null;
        for (TaskSpec t : c.tasks()) {
            TaskOutput out = r.output(t.name());
            if (t.kind() == TaskKind.SEGMENTATION && labels == null) labels = out.classMap();
            if (t.kind() == TaskKind.DEPTH && depth == null) depth = out.plane(0);
            if (t.kind() == TaskKind.NORMALS && normals == null) normals = out.data();
        }
        return TokenProperties.of(c, labels, depth, normals);
    }

    private static List<String> predictedClassNames(ModelConfig c) {
        for (TaskSpec t : c.tasks()) {
            if (t.kind() != TaskKind.SEGMENTATION) continue;
            return t.labels().isEmpty() ? IntStream.range(0, t.channels()).mapToObj(k -> "class " + k).toList() : t.labels();
        }
        return SceneClass.labels();
    }

    /** Cancels a running survey. */
    public void cancel() {
        if (job != null) job.cancel();
        running.set(false);
        message.set("Survey cancelled.");
    }

    private void clear(String why) {
        if (job != null) job.cancel();
        running.set(false);
        boolean had = survey.get() != null;
        survey.set(null);
        if (had) message.set(why);
    }

    /** The table of {@code task} at MoE layer position {@code layer} for the chosen property, null when not computed. */
    public ExpertSpecialisation.Table table(String task, int layer) {
        Survey s = survey.get();
        if (s == null || task == null || !s.tables().byTask().containsKey(task)) return null;
        List<ExpertSpecialisation.LayerSpecialisation> layers = s.tables().byTask().get(task).layers();
        if (layer < 0 || layer >= layers.size()) return null;
        ExpertSpecialisation.LayerSpecialisation l = layers.get(layer);
        return switch (property.get()) {
            case CLASSES -> l.classes();
            case DEPTH_RANGES -> l.depthRanges();
            case NORMAL_DIRECTIONS -> l.normalDirections();
        };
    }

    /** The block index of MoE layer position {@code layer} of the survey, -1 when not computed. */
    public int block(String task, int layer) {
        Survey s = survey.get();
        if (s == null || task == null || !s.tables().byTask().containsKey(task)) return -1;
        List<ExpertSpecialisation.LayerSpecialisation> layers = s.tables().byTask().get(task).layers();
        return layer < 0 || layer >= layers.size() ? -1 : layers.get(layer).block();
    }

    /**
     * In words: "semseg's gates at block 3 over 7 sample images: the expert tells 23% of a
     * token's class (0.85 of 3.62 bits). Most over-represented: E7 chair 3.4x (22% of its tokens), ..."
     */
    public String summary(String task, int layer) {
        ExpertSpecialisation.Table t = table(task, layer);
        if (t == null) return "";
        Property prop = property.get();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%s's gates at block %d over %s: the expert tells %.0f%% of a token's %s (%.2f of %.2f bits).",
                task, block(task, layer), survey.get().over(), 100 * t.uncertaintyCoefficient(), prop.singular(),
                t.mutualInformationBits(), org.m3vit.model.metrics.RoutingStats.entropyBits(t.marginal())));
        // each expert's most over-represented value (experts with at least 1% of the tokens), highest lift first
        List<int[]> ranked = new ArrayList<>();
        for (int e = 0; e < t.tokens().length; e++) {
            if (t.expertTokens(e) * 100 < t.total()) continue;
            int best = 0;
            for (int k = 1; k < t.labels().size(); k++) if (t.lift(e, k) > t.lift(e, best)) best = k;
            ranked.add(new int[] {e, best});
        }
        ranked.sort((a, z) -> Double.compare(t.lift(z[0], z[1]), t.lift(a[0], a[1])));
        if (!ranked.isEmpty()) {
            b.append(" Most over-represented:");
            for (int i = 0; i < Math.min(3, ranked.size()); i++) {
                int[] r = ranked.get(i);
                b.append(String.format(Locale.ROOT, "%s E%d %s %.1fx (%.0f%% of its tokens)", i == 0 ? "" : ",", r[0],
                        t.labels().get(r[1]), t.lift(r[0], r[1]), 100 * t.share(r[0])[r[1]]));
            }
            b.append('.');
        }
        return b.toString();
    }
}
