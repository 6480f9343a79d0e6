package org.m3vit.app.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureImages;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.DirectRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.model.metrics.ExpertSpecialisation;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Experts tab's state on the formula fixture, whose routing and outputs are known in closed form. */
class SpecialisationViewModelTest {

    @TempDir
    Path emptySamples;

    private final FixtureModel model = new FixtureModel(false);

    private ExplorerViewModel explorer() {
        ExplorerViewModel vm = new ExplorerViewModel(dir -> dir == null ? model : new FixtureModel(true), FixtureImages.source(), new DirectRunner(), new ResultCache(8), () -> 0L);
        vm.setLog(s -> { });
        vm.openModel(null);
        vm.openImage(FixtureImages.path("room.png"));
        return vm;
    }

    @Test
    void thisImageWithoutTruthCountsTheModelsOwnPredictionsPerExpert() {
        SpecialisationViewModel s = new SpecialisationViewModel(explorer(), () -> emptySamples);
        s.sourceProperty().set(SpecialisationViewModel.Source.THIS_IMAGE);
        s.compute();
        assertThat(s.surveyProperty().get().over()).isEqualTo("room.png (the model's own predictions)");
        // fixture: patch token t (1..6) of the 2 x 3 grid has class t - 1 (semseg's prediction); at layer position 0
        // semseg sends token t to experts t % 4 and (t + 1) % 4
        ExpertSpecialisation.Table t = s.table("semseg", 0);
        long[][] want = new long[4][14];
        for (int token = 1; token <= 6; token++) {
            want[token % 4][token - 1]++;
            want[(token + 1) % 4][token - 1]++;
        }
        assertThat(t.tokens()).isDeepEqualTo(want);
        // depth per patch column 1.825 + 1.6c (+0.16r) m -> bins 1-2, 3-4, 4-6 m; the depth task (index 1) routes t to (t+1)%4, (t+2)%4
        s.propertyProperty().set(SpecialisationViewModel.Property.DEPTH_RANGES);
        ExpertSpecialisation.Table d = s.table("depth", 0);
        long[][] wantDepth = new long[4][6];
        int[] binOfColumn = {1, 3, 4};
        for (int token = 1; token <= 6; token++) {
            int bin = binOfColumn[(token - 1) % 3];
            wantDepth[(token + 1) % 4][bin]++;
            wantDepth[(token + 2) % 4][bin]++;
        }
        assertThat(d.tokens()).isDeepEqualTo(wantDepth);
        // normals (0,0,2) left of x = 24, (2,0,0) right: column 0 "faces away", column 1 ties z = x -> "faces away", column 2 "faces right"
        s.propertyProperty().set(SpecialisationViewModel.Property.NORMAL_DIRECTIONS);
        ExpertSpecialisation.Table n = s.table("semseg", 1);
        long away = 0, right = 0;
        for (long[] row : n.tokens()) {
            away += row[5];
            right += row[4];
        }
        assertThat(away).isEqualTo(8);
        assertThat(right).isEqualTo(4);
        assertThat(s.block("semseg", 1)).isEqualTo(3);
    }

    @Test
    void summaryNamesTheInformationAndTheMostOverRepresentedExpert() {
        SpecialisationViewModel s = new SpecialisationViewModel(explorer(), () -> emptySamples);
        s.sourceProperty().set(SpecialisationViewModel.Source.THIS_IMAGE);
        s.compute();
        // semseg layer 0: 12 assignments over 6 classes, 2 each (1/6); E0 gets classes 2 and 3 (lift 3, the tie to the lower
        // id, ceiling), E1 classes 0, 3, 4 and E3 classes 1, 2, 5 (lift 2, E1 first), E2 four classes (lift 1.5)
        String text = s.summary("semseg", 0);
        assertThat(text).startsWith("semseg's gates at block 1 over room.png (the model's own predictions): the expert tells ");
        assertThat(text).contains("Most over-represented: E0 ceiling 3.0x (50% of its tokens), E1 floor 2.0x (33% of its tokens)");
    }

    @Test
    void renderedScenesCountEveryPatchTokenOncePerChosenExpertAndAModelChangeClears() {
        ExplorerViewModel vm = explorer();
        SpecialisationViewModel s = new SpecialisationViewModel(vm, () -> emptySamples);
        s.sourceProperty().set(SpecialisationViewModel.Source.RENDERED_SCENES);
        s.sceneCountProperty().set(3);
        s.compute();
        assertThat(s.surveyProperty().get().over()).isEqualTo("3 rendered held-out scenes, seeds 0-2 (ground truth)");
        assertThat(s.table("normals", 1).total()).isEqualTo(3 * 6 * 2);
        assertThat(s.table("normals", 1).labels()).hasSize(14);
        s.sceneCountProperty().set(1_000_000);
        assertThat(s.sceneCountProperty().get()).isEqualTo(SpecialisationViewModel.MAX_SCENES);
        vm.openModel("another");
        assertThat(s.surveyProperty().get()).isNull();
        assertThat(s.messageProperty().get()).isEqualTo("Model changed: compute the tables again.");
    }

    @Test
    void samplesWithoutTruthAreReportedInOneLine() {
        SpecialisationViewModel s = new SpecialisationViewModel(explorer(), () -> emptySamples);
        s.compute();
        assertThat(s.surveyProperty().get()).isNull();
        assertThat(s.messageProperty().get()).isEqualTo("Survey failed: no sample image with ground truth classes in " + emptySamples);
    }
}
