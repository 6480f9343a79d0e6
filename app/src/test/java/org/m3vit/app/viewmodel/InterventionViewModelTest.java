package org.m3vit.app.viewmodel;

import org.junit.jupiter.api.Test;
import org.m3vit.app.fixture.FixtureImages;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.DirectRunner;
import org.m3vit.app.service.ImageSource;
import org.m3vit.app.service.LoadedImage;
import org.m3vit.app.service.ResultCache;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingTrace;
import org.m3vit.visualizer.output.GroundTruth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Intervene tab's state without a screen, on the formula fixture (7 tokens, MoE blocks 1 and 3,
 * 4 experts, top-2; token t's first expert at layer l for task i is (t + l + i) mod 4).
 */
class InterventionViewModelTest {

    private final FixtureModel model = new FixtureModel(false);
    private final List<String> errors = new ArrayList<>();

    private InterventionViewModel open(ImageSource images) {
        ExplorerViewModel vm = new ExplorerViewModel(dir -> dir == null ? model : new FixtureModel(true), images, new DirectRunner(), new ResultCache(64), System::nanoTime);
        vm.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        vm.setLog(s -> { });
        InterventionViewModel iv = new InterventionViewModel(vm);
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        return iv;
    }

    @Test
    void switchingAnExpertOffReroutesTheSelectedTaskAndSaysWhatChanged() {
        InterventionViewModel iv = open(FixtureImages.source());
        ExplorerViewModel vm = iv.explorer();
        assertThat(iv.blockProperty().get()).as("the first MoE block is edited first").isEqualTo(1);
        assertThat(model.inferCalls.get()).isEqualTo(1);
        assertThat(iv.toggleOff(0)).isTrue();
        RoutingTrace t = vm.currentTraceProperty().get();
        assertThat(t.intervention().describe()).isEqualTo("block 1: E0 off");
        for (int tok = 0; tok < 7; tok++) assertThat(t.layerForBlock(1).experts()[tok]).doesNotContain(0);
        assertThat(t.layerForBlock(3).experts()[4][0]).as("block 3 untouched").isEqualTo(FixtureModel.firstExpert(4, 1, 0));
        assertThat(model.inferCalls.get()).as("one intervened pass; the original came from the cache").isEqualTo(2);
        assertThat(vm.originalResultProperty().get().trace().intervention().isEmpty()).isTrue();
        assertThat(vm.statusProperty().get()).contains("semseg with block 1: E0 off");
        // only token 4 (patch row 1, column 0: 16 x 16 of the 48 x 32 pixels) loses its first expert E0 at block 1;
        // tokens 0, 3 and 4 had E0 among their two
        InterventionViewModel.Effect e = iv.effectProperty().get();
        assertThat(e.task()).isEqualTo("semseg");
        assertThat(e.difference().changed()).isEqualTo(256);
        assertThat(e.summary()).isEqualTo("16.7 % of the pixels change class (256 of 1536).");
        assertThat(e.routing()).isEqualTo("Tokens sent to other experts: block 1: 3 of 7, block 3: 0 of 7.");
        assertThat(e.metrics()).as("no ground truth").isNull();
        assertThat(iv.items()).extracting(InterventionViewModel.Item::text).containsExactly("block 1: E0 off");
        assertThat(iv.isOff(0)).isTrue();

        iv.toggleOff(0);
        assertThat(vm.interventionProperty().get().isEmpty()).isTrue();
        assertThat(iv.effectProperty().get()).isNull();
        assertThat(model.inferCalls.get()).as("back to the cached original").isEqualTo(2);
        iv.undo();
        assertThat(vm.interventionProperty().get().describe()).isEqualTo("block 1: E0 off");
        assertThat(model.inferCalls.get()).as("the intervened result is cached under its intervention").isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void aStepThatDoesNotFitIsRefusedAndChangesNothing() {
        InterventionViewModel iv = open(FixtureImages.source());
        iv.toggleOff(0);
        iv.toggleOff(1);
        assertThat(iv.whyNotOff(2)).isEqualTo("switching off E0, E1, E2 at block 1 leaves 1 of 4 experts, fewer than top-k = 2");
        assertThat(iv.toggleOff(2)).isFalse();
        assertThat(iv.refusalProperty().get()).contains("leaves 1 of 4 experts");
        assertThat(iv.current().describe()).isEqualTo("block 1: E0 off; block 1: E1 off");
        assertThat(iv.forceOnSelection()).as("nothing picked").isFalse();
        assertThat(iv.refusalProperty().get()).startsWith("pick the patches first");
        iv.forcedExpertProperty().set(0);
        assertThat(iv.forceOnAllTokens()).isFalse();
        assertThat(iv.refusalProperty().get()).isEqualTo("expert 0 at block 1 is both switched off and forced");
        iv.blockProperty().set(3);
        assertThat(iv.isOff(0)).as("another block").isFalse();
        assertThat(iv.toggleOff(2)).isTrue();
        assertThat(iv.refusalProperty().get()).isEmpty();
    }

    @Test
    void forcingOnPickedPatchesAndAnotherTasksGatesThenUndoAndReset() {
        InterventionViewModel iv = open(FixtureImages.source());
        ExplorerViewModel vm = iv.explorer();
        iv.selectedPatchesProperty().set(Set.of(1, 2));
        iv.forcedExpertProperty().set(3);
        assertThat(iv.forceOnSelection()).isTrue();
        LayerRouting l = vm.currentTraceProperty().get().layerForBlock(1);
        assertThat(l.experts()[1]).containsExactly(3, 1); // natural (1, 2): E3 first, then the best other (E1, 0.5)
        assertThat(l.experts()[2]).containsExactly(3, 2); // natural (2, 3): E3 was second, now first; E2 keeps the other slot
        assertThat(l.weights()[1]).containsExactly(0.125f, 0.5f);
        assertThat(l.experts()[3]).as("not picked").containsExactly(3, 0);
        assertThat(iv.items()).extracting(InterventionViewModel.Item::text).containsExactly("block 1: E3 forced on tokens 1-2");

        iv.gatesOf("depth");
        RoutingTrace semseg = vm.currentTraceProperty().get();
        assertThat(semseg.task()).isEqualTo("semseg");
        assertThat(semseg.layerForBlock(3).experts()[5][0]).as("depth's gates: (t + l + 1) mod 4").isEqualTo(FixtureModel.firstExpert(5, 1, 1));
        assertThat(iv.items()).hasSize(2);
        assertThat(vm.interventionProperty().get().describe()).isEqualTo("block 1: E3 forced on tokens 1-2; gates of depth");

        iv.reset();
        assertThat(vm.interventionProperty().get().isEmpty()).isTrue();
        assertThat(vm.currentTraceProperty().get().layerForBlock(1).experts()[1]).containsExactly(1, 2);
        iv.undo();
        assertThat(vm.interventionProperty().get().describe()).as("reset is undoable").isEqualTo("block 1: E3 forced on tokens 1-2; gates of depth");
        iv.remove(iv.items().get(0));
        assertThat(vm.interventionProperty().get().describe()).isEqualTo("gates of depth");
        iv.undo();
        iv.undo();
        iv.undo();
        assertThat(vm.interventionProperty().get().isEmpty()).isTrue();
        assertThat(iv.canUndoProperty().get()).isFalse();
    }

    @Test
    void withGroundTruthTheMetricChangeIsShownAndANewModelStartsClean() {
        ImageSource withTruth = (file, config, fit) -> {
            LoadedImage plain = FixtureImages.source().load(file, config, fit);
            int[] classes = new int[plain.width() * plain.height()];
            for (int y = 0; y < plain.height(); y++) for (int x = 0; x < plain.width(); x++) classes[y * plain.width() + x] = FixtureModel.classAt(y, x, 0);
            return new LoadedImage(plain.file(), plain.key(), plain.originalWidth(), plain.originalHeight(), plain.width(), plain.height(),
                    plain.argb(), plain.chw(), new GroundTruth(plain.width(), plain.height(), classes, null, null), plain.fitDescription(), false);
        };
        InterventionViewModel iv = open(withTruth);
        iv.toggleOff(0);
        // the fixture predicts the truth exactly; the intervention changes one 16 x 16 patch: 1280 of 1536 pixels stay right
        assertThat(iv.effectProperty().get().metrics()).startsWith("Against the ground truth: mean IoU 1.000 → ")
                .endsWith("pixel accuracy 100.0 % → 83.3 %.");
        iv.explorer().selectTask("depth");
        assertThat(iv.effectProperty().get().summary()).isEqualTo("Depth moves by 0.083 m on average, at most 0.500 m; 16.7 % of the pixels move.");
        assertThat(iv.effectProperty().get().metrics()).as("no depth truth").isNull();
        iv.explorer().openModel("another");
        assertThat(iv.explorer().modelTrainedProperty().get()).isTrue();
        assertThat(iv.explorer().interventionProperty().get()).isEqualTo(RoutingIntervention.NONE);
        assertThat(iv.canUndoProperty().get()).isFalse();
        assertThat(iv.items()).isEmpty();
    }
}
