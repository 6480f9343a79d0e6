package org.m3vit.app.ui;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.FileImageSource;
import org.m3vit.app.service.FxBackgroundRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.data.SceneClass;
import org.m3vit.model.io.Npy;
import org.m3vit.model.io.RoutingTraceJson;
import org.m3vit.visualizer.view.ImageCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The window, headless (Monocle), with the formula fixture model: what a person would click, hover and see. */
@ExtendWith(ApplicationExtension.class)
class ExplorerWindowTest {

    @TempDir
    static Path tmp;
    private ExplorerWindow window;
    private ExplorerViewModel vm;
    private FixtureModel model;

    @Start
    void start(Stage stage) throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples-" + System.nanoTime()));
        org.m3vit.app.fixture.FixtureImages.writeRoom(samples);
        BufferedImage labels = new BufferedImage(48, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) labels.getRaster().setSample(x, y, 0, FixtureModel.classAt(y, x, 0));
        ImageIO.write(labels, "png", samples.resolve("room-class.png").toFile());
        model = new FixtureModel(false);
        vm = new ExplorerViewModel(dir -> model, new FileImageSource(), new FxBackgroundRunner(), new ResultCache(16), System::nanoTime);
        vm.setLog(s -> { });
        window = new ExplorerWindow(vm, new SettingsStore(tmp.resolve("settings-" + System.nanoTime() + ".json")), samples);
        window.show(stage);
        vm.openModel(null);
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> { if (window.lastError() != null) window.lastError().close(); });
    }

    /** Waits (15 s at most) for {@code condition}, then for the FX events it caused. */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openSample(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#sample-room").tryQuery().isPresent() && vm.modelProperty().get() != null);
        robot.clickOn("#sample-room");
        waitFor(() -> vm.currentResultProperty().get() != null);
    }

    private static void hover(FxRobot robot, ImageCanvas canvas, int x, int y) {
        double[] c = canvas.toCanvas(x, y);
        Point2D p = canvas.canvas().localToScreen(c[0], c[1]);
        robot.moveTo(p);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int[] expectedUsage(int layer, int task) {
        int[] u = new int[4];
        for (int t = 0; t < FixtureModel.CONFIG.numTokens(); t++) {
            int e1 = FixtureModel.firstExpert(t, layer, task);
            u[e1]++;
            u[(e1 + 1) % 4]++;
        }
        return u;
    }

    @Test
    void exportingOutputsWritesOnTheWorkerNotTheFxThread(FxRobot robot) throws Exception {
        openSample(robot);
        Path out = Files.createDirectories(tmp.resolve("worker-export-" + System.nanoTime()));
        boolean[] queued = new boolean[1];
        robot.interact(() -> {
            window.exportOutputsInBackground(out);
            // the menu action returns at once with the writing queued on the worker
            queued[0] = vm.runner().busyProperty().get();
        });
        assertThat(queued[0]).isTrue();
        waitFor(() -> !vm.runner().busyProperty().get());
        assertThat(out.resolve("room-semseg.png")).exists();
        assertThat(out.resolve("room-semseg.npy")).exists();
        assertThat(vm.statusProperty().get()).isEqualTo("wrote 2 files to " + out);
    }

    @Test
    void theExpertsTabSurveysTheSamplesWhenOpenedAndTheHoverReadsTheCountUnderThePointer(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(window.expertsTab()));
        waitFor(() -> window.expertSurvey().surveyProperty().get() != null);
        var heatmap = robot.lookup("#experts-heatmap").queryAs(org.m3vit.visualizer.routing.SpecialisationHeatmap.class);
        // the sample's class truth is the fixture's semseg class map: patch token t has class t - 1, and at layer 0
        // semseg sends t to experts t % 4 and (t + 1) % 4, so E2 gets tokens 1, 2, 5, 6 = floor, wall, sofa... once each
        long[] e2 = heatmap.table().tokens()[2];
        assertThat(e2[0]).isEqualTo(1);
        assertThat(e2[1]).isEqualTo(1);
        assertThat(e2[2]).isZero();
        assertThat(heatmap.table().total()).isEqualTo(12);
        double[] c = heatmap.cellCentre(2, 0);
        robot.moveTo(heatmap.lookup("Canvas").localToScreen(c[0], c[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#experts-hover").queryAs(Label.class).getText())
                .isEqualTo("E2, floor: 1 token = 25.0% of E2's tokens (1.50x the layer's average share)");
        assertThat(robot.lookup("#experts-summary").queryAs(Label.class).getText())
                .startsWith("semseg's gates at block 1 over 1 sample image (ground truth)");
    }

    @Test
    void openingASampleAndSwitchingTasksChangesOutputAndRouting(FxRobot robot) throws Exception {
        openSample(robot);
        assertThat(robot.lookup("#output-semseg").tryQuery()).isPresent();
        assertThat(robot.lookup("#untrained-banner").queryAs(Label.class).getText()).contains("Untrained model");
        // the fourth cell beside the error map: IoU per class present; the fixture predicts the truth, so every IoU is 1
        var bars = window.outputView("semseg").breakdownChart().bars();
        java.util.Set<String> present = new java.util.TreeSet<>();
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) present.add(SceneClass.values()[FixtureModel.classAt(y, x, 0)].label());
        assertThat(bars).extracting(b -> b.label()).containsExactlyInAnyOrderElementsOf(present);
        assertThat(bars).allSatisfy(b -> assertThat(b.value()).isEqualTo(1.0));
        assertThat(robot.lookup("#breakdown-semseg").query().isVisible()).isTrue();
        robot.interact(() -> window.routingTabs().getSelectionModel().select(2));
        var heatmap = robot.lookup("#usage-heatmap").queryAs(org.m3vit.visualizer.routing.UsageHeatmap.class);
        for (int e = 0; e < 4; e++) assertThat(heatmap.tokens(0, e)).isEqualTo(expectedUsage(0, 0)[e]);

        robot.type(KeyCode.DIGIT2);
        waitFor(() -> vm.currentResultProperty().get() != null
                && vm.currentResultProperty().get().output().task().name().equals("depth"));
        assertThat(robot.lookup("#output-depth").tryQuery()).isPresent();
        assertThat(robot.lookup("#output-semseg").tryQuery()).isEmpty();
        for (int e = 0; e < 4; e++) assertThat(heatmap.tokens(0, e)).isEqualTo(expectedUsage(0, 1)[e]);
        assertThat(robot.lookup("#status-task").queryAs(Label.class).getText()).isEqualTo("Task: depth");
        waitFor(() -> !Double.isNaN(vm.lastSwitchMillisProperty().get()));

        robot.clickOn("#all-tasks-toggle");
        waitFor(() -> vm.resultsProperty().get().size() == 3);
        assertThat(robot.lookup("#all-tasks").tryQuery()).isPresent();
        for (String t : List.of("semseg", "depth", "normals")) assertThat(robot.lookup("#output-" + t).tryQuery()).isPresent();
    }

    @Test
    void allTasksPredictionsStartOnOneLineAndEachIsFollowedByItsLegendNotByAGap(FxRobot robot) throws Exception {
        openSample(robot);
        robot.clickOn("#all-tasks-toggle");
        waitFor(() -> vm.resultsProperty().get().size() == 3);
        double firstTop = Double.NaN;
        for (String t : List.of("semseg", "depth", "normals")) {
            var view = window.outputView(t);
            ImageCanvas c = view.predictionCanvas();
            double top = c.localToScene(0, c.toCanvas(0, 0)[1]).getY();        // centre of the picture's first row
            double bottom = c.localToScene(0, c.toCanvas(0, 31)[1]).getY();    // and of its last (the fixture's outputs are 48 x 32)
            if (Double.isNaN(firstTop)) firstTop = top;
            assertThat(top).as(t + " picture top").isCloseTo(firstTop, org.assertj.core.api.Assertions.within(1.0));
            javafx.scene.Node next = view.getChildren().get(view.getChildren().indexOf(c.getParent().getParent()) + 1);
            double nextTop = next.localToScene(next.getLayoutBounds()).getMinY();
            // was: the legend 70-80 px below the picture (the canvas kept the height of the single-task grid)
            assertThat(nextTop - bottom).as(t + " gap under the picture").isBetween(0.0, 14.0);
        }
    }

    @Test
    void presentationModeEnlargesTheTypeEverywhereAndLeavesAsItCame(FxRobot robot) throws Exception {
        openSample(robot);
        Label status = robot.lookup("#status-task").queryAs(Label.class);
        Label title = robot.lookup("#title-semseg").queryAs(Label.class);
        assertThat(status.getFont().getSize()).isEqualTo(12.0);
        double titleBefore = title.getFont().getSize();
        robot.interact(() -> window.setPresentation(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getFont().getSize()).isEqualTo(17.0);
        // was 13 px fixed in the style sheet, so headings stayed small on a projector
        assertThat(title.getFont().getSize()).isCloseTo(titleBefore * 17 / 12, org.assertj.core.api.Assertions.within(0.3));
        // the canvases' own text too (heatmaps, flow, timeline): they draw at the window's text scale
        javafx.scene.Node heatmap = robot.lookup("#usage-heatmap").query();
        assertThat(org.m3vit.visualizer.view.TextScale.of(heatmap)).isEqualTo(17 / 12.0);
        robot.interact(() -> window.setPresentation(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getFont().getSize()).isEqualTo(12.0);
        assertThat(title.getFont().getSize()).isEqualTo(titleBefore);
        assertThat(org.m3vit.visualizer.view.TextScale.of(heatmap)).isEqualTo(1.0);
    }

    @Test
    void aWideImageIsLetterboxedAndTheInputViewSaysWhatTheModelSaw(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelProperty().get() != null);
        Path wide = tmp.resolve("wide-" + System.nanoTime() + ".png");
        ImageIO.write(new BufferedImage(192, 32, BufferedImage.TYPE_INT_RGB), "png", wide.toFile());
        robot.interact(() -> vm.openImage(wide));
        waitFor(() -> vm.currentResultProperty().get() != null && vm.imageProperty().get().file().equals(wide));
        Label notice = robot.lookup("#fit-notice").queryAs(Label.class);
        assertThat(notice.isVisible()).isTrue();
        // 192 x 32 into 48 x 32: scaled by 1/4 to 48 x 8, rows 12 .. 19
        assertThat(notice.getText()).isEqualTo("The model sees 192x32 letterboxed: scaled to 48x8, padded to 48x32; this picture is what it sees.");
        robot.interact(() -> vm.imageFitProperty().set(org.m3vit.model.image.ImageFit.CROP));
        waitFor(() -> notice.getText().contains("centre-cropped"));
        assertThat(notice.getText()).isEqualTo("The model sees 192x32 centre-cropped to 48x32, scaled to 48x32; this picture is what it sees.");
        robot.interact(() -> vm.imageFitProperty().set(org.m3vit.model.image.ImageFit.LETTERBOX));
    }

    @Test
    void theHardwarePanelsOwnWindowOpensOnceAndCarriesTheAppsName(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelProperty().get() != null);
        Stage[] first = new Stage[1], second = new Stage[1];
        robot.interact(() -> {
            org.m3vit.hw.panel.HardwarePanel panel = HardwareTab.install(window, vm);
            javafx.scene.control.Tab tab = (javafx.scene.control.Tab) panel.getProperties().get(javafx.scene.control.Tab.class);
            first[0] = HardwareTab.popOut(tab, panel, 800, 600);
            // "Own window" pressed inside the own window: was IllegalArgumentException (already the root of another scene)
            second[0] = HardwareTab.popOut(tab, panel, 800, 600);
        });
        assertThat(second[0]).isSameAs(first[0]);
        assertThat(first[0].getTitle()).isEqualTo("M³ViT Explorer: hardware");
        robot.interact(() -> first[0].hide());
    }

    @Test
    void hoveringShowsPatchTokenClassAndDepthUnderTheCursor(FxRobot robot) throws Exception {
        openSample(robot);
        hover(robot, window.inputCanvas(), 20, 5);
        assertThat(robot.lookup("#input-hover").queryAs(Label.class).getText())
                .contains("patch row 0, column 1").contains("token 2");
        hover(robot, window.inputCanvas(), 40, 20);
        assertThat(robot.lookup("#input-hover").queryAs(Label.class).getText())
                .contains("patch row 1, column 2").contains("token 6");

        hover(robot, window.outputView("semseg").predictionCanvas(), 20, 5);
        String expected = SceneClass.values()[FixtureModel.classAt(5, 20, 0)].label();
        assertThat(window.outputView("semseg").readout().getText()).contains("class " + expected)
                .contains("ground truth: " + expected);

        robot.type(KeyCode.DIGIT2);
        waitFor(() -> vm.currentResultProperty().get().output().task().name().equals("depth"));
        hover(robot, window.outputView("depth").predictionCanvas(), 20, 5);
        assertThat(window.outputView("depth").readout().getText()).contains("depth 3.05 m");
    }

    @Test
    void theAnimationStepsThroughTheLayersAndClickingAPatchShowsItsPath(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(1));
        assertThat(window.animation().layer()).isZero();
        robot.clickOn("#flow-forward");
        assertThat(window.animation().layer()).isEqualTo(1);
        assertThat(vm.selectedLayerProperty().get()).isEqualTo(1);
        assertThat(robot.lookup("#flow-layer").queryAs(Label.class).getText()).isEqualTo("layer 2 of 2");
        robot.clickOn("#flow-forward");
        assertThat(window.animation().layer()).as("wraps around").isZero();
        robot.type(KeyCode.CLOSE_BRACKET);
        assertThat(window.animation().layer()).isEqualTo(1);

        robot.interact(() -> window.routingTabs().getSelectionModel().select(0));
        ImageCanvas patches = robot.lookup("#patch-canvas").queryAs(ImageCanvas.class);
        double[] c = patches.toCanvas(40, 20); // patch row 1, column 2 = token 6
        robot.clickOn(patches.canvas().localToScreen(c[0], c[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selectedTokenProperty().get()).isEqualTo(6);
        assertThat(robot.lookup("#token-path-title").queryAs(Label.class).getText()).contains("Token 6").contains("row 1, column 2");
        String first = robot.lookup("#path-3-0").queryAs(Label.class).getText();
        assertThat(first).isEqualTo("E" + FixtureModel.firstExpert(6, 1, 0) + "  0.500");

        // colour by one expert's gate probability: token 6 at block 3 gives E1 0.125 (neither of its top-2)
        robot.interact(() -> robot.lookup("#colour-by").queryComboBox().getSelectionModel().select(2));
        assertThat(vm.selectedExpertProperty().get()).isEqualTo(1);
        robot.moveTo(patches.canvas().localToScreen(c[0], c[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#patch-hover").queryAs(Label.class).getText())
                .contains("token 6").contains("block 3").contains("p(E1) = 0.125");
    }

    @Test
    void comparingTwoTasksCountsTheTokensThatChangeExpert(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(3));
        waitFor(() -> vm.tracesProperty().get().containsKey("depth"));
        // the fixture shifts every token's first expert by one between semseg and depth
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText())
                .contains("6 of 6 patches (100%) pick a different first expert for depth than for semseg");
    }

    @Test
    void exportWritesTheViewOutputsAndRouting(FxRobot robot) throws Exception {
        openSample(robot);
        Path out = Files.createDirectories(tmp.resolve("export-" + System.nanoTime()));
        Path[] png = new Path[1];
        java.util.concurrent.atomic.AtomicReference<List<Path>> outputs = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<List<Path>> routing = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            try {
                png[0] = window.exportView("window", out.resolve("window.png"));
                outputs.set(window.exportOutputs(out));
                routing.set(window.exportRouting(out));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        BufferedImage shot = ImageIO.read(png[0].toFile());
        assertThat(shot.getWidth()).isEqualTo((int) window.scene().getWidth());
        assertThat(outputs.get()).containsExactly(out.resolve("room-semseg.png"), out.resolve("room-semseg.npy"));
        Npy.Array raw = Npy.read(outputs.get().get(1));
        assertThat(raw.shape()).containsExactly(14, 32, 48);
        assertThat(raw.data()[FixtureModel.classAt(5, 20, 0) * 32 * 48 + 5 * 48 + 20]).isEqualTo(1f);
        BufferedImage seg = ImageIO.read(outputs.get().get(0).toFile());
        assertThat(seg.getWidth()).isEqualTo(48);
        assertThat(seg.getHeight()).isEqualTo(32);
        assertThat(routing.get()).containsExactly(out.resolve("room-semseg-routing.json"), out.resolve("room-semseg-routing.csv"));
        RoutingTrace back = RoutingTraceJson.read(routing.get().get(0));
        assertThat(back.layers().get(1).experts()[6][0]).isEqualTo(FixtureModel.firstExpert(6, 1, 0));
        assertThat(Files.readAllLines(routing.get().get(1))).hasSize(1 + 2 * 7 * 2);
    }

    @Test
    void aBadImageGivesADialogAndTheWindowKeepsWorking(FxRobot robot) throws Exception {
        openSample(robot);
        Path bad = tmp.resolve("notes-" + System.nanoTime() + ".png");
        Files.writeString(bad, "this is not a picture");
        robot.interact(() -> window.openDropped(bad));
        waitFor(() -> window.lastError() != null && window.lastError().isShowing());
        String text = window.lastError().getContentText();
        assertThat(window.lastError().getHeaderText()).isEqualTo("Cannot open image");
        assertThat(text).contains(bad.getFileName().toString());
        assertThat(vm.imageProperty().get().name()).isEqualTo("room.png");
        assertThat(vm.currentResultProperty().get()).isNotNull();
        robot.interact(() -> window.lastError().close());

        robot.type(KeyCode.DIGIT3);
        waitFor(() -> vm.currentResultProperty().get() != null
                && vm.currentResultProperty().get().output().task().name().equals("normals"));
        assertThat(robot.lookup("#output-normals").tryQuery()).isPresent();
    }

}
