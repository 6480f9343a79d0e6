package org.m3vit.app.viewmodel;

import org.m3vit.app.fixture.FixtureImages;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.DirectRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.TaskResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer's view model without a screen: same-thread or hand-run background work. */
class ExplorerViewModelTest {

    private final FixtureModel model = new FixtureModel(false);
    private final List<String> errors = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    private ExplorerViewModel vm(org.m3vit.app.service.BackgroundRunner runner) {
        ExplorerViewModel vm = new ExplorerViewModel(dir -> model, FixtureImages.source(), runner, new ResultCache(32), now::get);
        vm.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        vm.setLog(s -> { });
        return vm;
    }

    @Test
    void openingTheModelListsItsTasksAndSaysItIsUntrained() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        assertThat(vm.tasks()).containsExactly("semseg", "depth", "normals");
        assertThat(vm.selectedTaskProperty().get()).isEqualTo("semseg");
        assertThat(vm.modelTrainedProperty().get()).isFalse();
        assertThat(vm.modelDescriptionProperty().get()).isEqualTo("fixture-tiny  ·  UNTRAINED");
        assertThat(vm.modelProvenanceProperty().get()).isEqualTo("random weights, seed 1 (untrained)");
    }

    @Test
    void anImageGivesTheSelectedTasksOutputAndTraceAndSwitchingBackUsesTheCache() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        TaskResult r = vm.currentResultProperty().get();
        assertThat(r.output().task().name()).isEqualTo("semseg");
        assertThat(vm.currentTraceProperty().get().task()).isEqualTo("semseg");
        assertThat(vm.currentTraceProperty().get().layers().get(0).experts()[4][0]).isEqualTo(FixtureModel.firstExpert(4, 0, 0));
        assertThat(model.inferCalls.get()).isEqualTo(1);

        vm.selectTask("depth");
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("depth");
        assertThat(vm.currentTraceProperty().get().taskIndex()).isEqualTo(1);
        assertThat(model.inferCalls.get()).isEqualTo(2);
        vm.selectTask("semseg");
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("semseg");
        assertThat(model.inferCalls.get()).as("semseg came from the cache").isEqualTo(2);
        assertThat(vm.recentFiles()).containsExactly(FixtureImages.path("room.png").toAbsolutePath().toString());
    }

    @Test
    void allTasksModeAndTheComparedTaskBringEveryNeededResult() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        vm.allTasksProperty().set(true);
        assertThat(vm.resultsProperty().get()).containsOnlyKeys("semseg", "depth", "normals");
        assertThat(vm.tracesProperty().get()).containsOnlyKeys("semseg", "depth", "normals");
        vm.selectTask("normals");
        assertThat(vm.allTasksProperty().get()).isFalse();
        vm.compareTaskProperty().set("depth");
        assertThat(vm.resultsProperty().get()).containsOnlyKeys("normals", "depth");
        assertThat(vm.neededTasks()).containsExactly("normals", "depth");
        assertThat(model.inferCalls.get()).isEqualTo(3);
    }

    @Test
    void tracesAskedForByTheHardwarePanelArePublishedAsTracesOnlyNotAsOutputs() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        assertThat(vm.tracesProperty().get()).containsOnlyKeys("semseg");
        vm.traceTasks().setAll("semseg", "normals", "unknown-task");
        assertThat(vm.tracesProperty().get()).containsOnlyKeys("semseg", "normals");
        assertThat(vm.tracesProperty().get().get("normals").taskIndex()).isEqualTo(2);
        assertThat(vm.resultsProperty().get()).containsOnlyKeys("semseg");
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("semseg");
        assertThat(model.inferCalls.get()).isEqualTo(2);
        vm.traceTasks().setAll("normals");
        assertThat(model.inferCalls.get()).as("nothing new to run").isEqualTo(2);
        vm.selectTask("depth");
        assertThat(vm.tracesProperty().get()).containsOnlyKeys("depth", "normals");
        assertThat(vm.resultsProperty().get()).containsOnlyKeys("depth");
    }

    @Test
    void openingAModelOfAnotherInputSizeWithTheTaskSequenceOnNeverFeedsItTheOldImage() {
        FixtureModel larger = new FixtureModel(false, FixtureModel.CONFIG_LARGER);
        ExplorerViewModel vm = new ExplorerViewModel(dir -> dir == null ? model : larger, FixtureImages.source(), new DirectRunner(),
                new ResultCache(32), now::get);
        vm.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        vm.setLog(s -> { });
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        vm.traceTasks().setAll("semseg", "depth", "normals"); // the hardware panel's task-switch sequence
        // the panel follows the new model's task list at once, before the image is read again
        vm.tasks().addListener((javafx.collections.ListChangeListener<String>) c -> vm.traceTasks().setAll(vm.tasks()));
        vm.openModel("larger");
        assertThat(errors).isEmpty(); // was: "Inference failed: expected 15360 values" (the old 32x48 image fed to the 64x80 model)
        assertThat(vm.imageProperty().get().chw()).hasSize(3 * 64 * 80);
        assertThat(vm.tracesProperty().get()).containsOnlyKeys("semseg", "depth", "normals");
        assertThat(vm.currentResultProperty().get().output().width()).isEqualTo(80);
    }

    @Test
    void theStartImageOpensWithTheFirstModelSoTheWindowIsNeverEmpty() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.setStartImage(FixtureImages.path("room.png"));
        vm.openModel(null);
        assertThat(vm.imageProperty().get().name()).isEqualTo("room.png");
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("semseg");
        vm.openImage(FixtureImages.path("hall.png"));
        vm.openModel(null); // a later model keeps the image on screen, the start image is used once
        assertThat(vm.imageProperty().get().name()).isEqualTo("hall.png");
    }

    @Test
    void theOldModelIsClosedOnlyAfterTheJobsQueuedOnItHaveRun() {
        FixtureModel second = new FixtureModel(true);
        ManualRunner runner = new ManualRunner();
        ExplorerViewModel vm = new ExplorerViewModel(dir -> dir == null ? model : second, FixtureImages.source(), runner,
                new ResultCache(32), now::get);
        vm.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        vm.setLog(s -> { });
        vm.openModel(null);
        runner.runAll();
        vm.openImage(FixtureImages.path("room.png"));
        runner.runNext(); // the image is read; semseg inference on the first model waits in the queue
        vm.openModel("second");
        runner.runNext(); // the second model opens: setModel runs while the inference still waits
        assertThat(model.closed).as("closed under a waiting job").isFalse();
        runner.runNextIgnoringCancel(); // the inference had already started on the worker
        assertThat(errors).isEmpty(); // was: "used after close" (setModel closed the model on the FX thread)
        runner.runAll();
        assertThat(model.closed).isTrue();
        vm.shutdown();
        runner.runAll();
        assertThat(second.closed).isTrue();
    }

    @Test
    void aCachedResultSaysSoInTheStatusLineInsteadOfTheLastRun() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        vm.selectTask("normals");
        assertThat(vm.statusProperty().get()).startsWith("ran normals in ");
        vm.selectTask("semseg");
        assertThat(vm.statusProperty().get()).isEqualTo("showing semseg on room.png (computed earlier)");
    }

    @Test
    void aResultThatArrivesAfterTheSwitchIsNeverPublished() {
        ManualRunner runner = new ManualRunner();
        ExplorerViewModel vm = vm(runner);
        vm.openModel(null);
        runner.runAll();
        vm.openImage(FixtureImages.path("room.png"));
        runner.runNext(); // image read; semseg inference now waits
        assertThat(runner.waiting()).isEqualTo(1);
        List<String> published = new ArrayList<>();
        vm.currentResultProperty().addListener((o, a, b) -> published.add(b == null ? null : b.output().task().name()));

        vm.selectTask("depth"); // semseg is still running
        runner.runNextIgnoringCancel(); // the semseg job finishes late
        assertThat(vm.currentResultProperty().get()).isNull();
        runner.runAll();
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("depth");
        assertThat(published).doesNotContain("semseg");
    }

    @Test
    void cancellingDropsTheRunningInferenceAndLeavesTheScreenAsItWas() {
        ManualRunner runner = new ManualRunner();
        ExplorerViewModel vm = vm(runner);
        vm.openModel(null);
        runner.runAll();
        vm.openImage(FixtureImages.path("room.png"));
        runner.runNext();
        assertThat(vm.computingProperty().get()).isTrue();
        vm.cancel();
        assertThat(vm.computingProperty().get()).isFalse();
        runner.runNextIgnoringCancel(); // the model call finishes anyway
        assertThat(vm.currentResultProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).isEqualTo("cancelled");
        vm.selectTask("depth"); // the window keeps working
        runner.runAll();
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("depth");
    }

    @Test
    void aBadImageIsReportedAndTheOldImageAndResultStay() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        TaskResult before = vm.currentResultProperty().get();
        vm.openImage(FixtureImages.path("bad.txt"));
        assertThat(errors).singleElement().asString().contains("Cannot open image").contains("bad.txt").contains("not a PNG");
        assertThat(vm.imageProperty().get().name()).isEqualTo("room.png");
        assertThat(vm.currentResultProperty().get()).isSameAs(before);
    }

    @Test
    void aModelThatFailsToOpenIsReportedAndTheOldModelStays() {
        ExplorerViewModel vm = new ExplorerViewModel(dir -> {
            if (dir != null) throw new IllegalArgumentException(dir + "/model.safetensors: missing tensor blocks.1.mlp.gate.0.w_gate");
            return model;
        }, FixtureImages.source(), new DirectRunner(), new ResultCache(8), now::get);
        vm.setErrorReporter((t, m) -> errors.add(m));
        vm.openModel(null);
        vm.openModel("/tmp/broken");
        assertThat(errors).singleElement().asString().contains("/tmp/broken/model.safetensors").contains("missing tensor");
        assertThat(vm.modelProperty().get()).isSameAs(model);
        assertThat(model.closed).isFalse();
    }

    @Test
    void aStartModelThatFailsFallsBackToTheDefaultAndIsNotRemembered() {
        List<String> asked = new ArrayList<>();
        ExplorerViewModel vm = new ExplorerViewModel(dir -> {
            asked.add(String.valueOf(dir));
            if (dir != null) throw new java.io.IOException(dir + "/config.json: missing");
            return model;
        }, FixtureImages.source(), new DirectRunner(), new ResultCache(8), now::get);
        vm.setErrorReporter((t, m) -> errors.add(m));
        vm.openModel("/gone/model");
        assertThat(asked).containsExactly("/gone/model", "null");
        assertThat(errors).singleElement().asString().contains("/gone/model/config.json");
        assertThat(vm.modelProperty().get()).isSameAs(model);
        assertThat(vm.modelSourceProperty().get()).isNull();
        vm.openModel("m3vit-synth-fixture"); // fails again: the loaded model stays, no second fallback
        assertThat(asked).hasSize(3);
    }

    @Test
    void theSwitchTimerRunsFromTheTaskChangeToTheOutputOnScreen() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        now.set(1_000_000_000L);
        vm.selectTask("depth");
        now.set(1_012_500_000L);
        vm.outputShown("semseg"); // not the task switched to: ignored
        assertThat(vm.lastSwitchMillisProperty().get()).isNaN();
        vm.outputShown("depth");
        assertThat(vm.lastSwitchMillisProperty().get()).isEqualTo(12.5);
        now.set(1_020_000_000L);
        vm.outputShown("depth"); // closed already
        assertThat(vm.switchSamples()).containsExactly(12.5);
    }

    @Test
    void taskNumberKeysSelectByPosition() {
        ExplorerViewModel vm = vm(new DirectRunner());
        vm.openModel(null);
        vm.selectTaskNumber(3);
        assertThat(vm.selectedTaskProperty().get()).isEqualTo("normals");
        vm.selectTaskNumber(9);
        assertThat(vm.selectedTaskProperty().get()).isEqualTo("normals");
    }
}
