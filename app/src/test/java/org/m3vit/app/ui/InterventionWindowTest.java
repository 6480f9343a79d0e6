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
import org.m3vit.app.service.TaskResult;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.visualizer.routing.PatchSelectionView;
import org.m3vit.visualizer.routing.UsageHeatmap;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Intervene tab as a person uses it, headless, with the formula fixture (token t's first expert
 * at layer l for task i is (t + l + i) mod 4, second the next id; a sample with class ground truth).
 */
@ExtendWith(ApplicationExtension.class)
class InterventionWindowTest {

    @TempDir
    static Path tmp;
    private ExplorerWindow window;
    private ExplorerViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples-" + System.nanoTime()));
        BufferedImage room = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) room.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | 80);
        ImageIO.write(room, "png", samples.resolve("room.png").toFile());
        BufferedImage labels = new BufferedImage(48, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) labels.getRaster().setSample(x, y, 0, FixtureModel.classAt(y, x, 0));
        ImageIO.write(labels, "png", samples.resolve("room-class.png").toFile());
        FixtureModel model = new FixtureModel(true);
        vm = new ExplorerViewModel(dir -> model, new FileImageSource(), new FxBackgroundRunner(), new ResultCache(32), System::nanoTime);
        vm.setLog(s -> { });
        window = new ExplorerWindow(vm, new SettingsStore(tmp.resolve("settings-" + System.nanoTime() + ".json")), samples);
        stage.setWidth(1024);
        stage.setHeight(700);
        window.show(stage);
        vm.openModel(null);
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> { if (window.lastError() != null) window.lastError().close(); });
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        ExplorerWindowTest.waitFor(condition);
    }

    private TaskResult openSampleAndIntervene(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#sample-room").tryQuery().isPresent() && vm.modelProperty().get() != null);
        robot.clickOn("#sample-room");
        waitFor(() -> vm.currentResultProperty().get() != null);
        TaskResult original = vm.currentResultProperty().get();
        robot.interact(() -> window.routingTabs().getSelectionModel().select(window.interveneTab()));
        WaitForAsyncUtils.waitForFxEvents();
        return original;
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void switchingAnExpertOffChangesTheRoutingShownAndTheStatusNamesItAndResetRestoresTheOriginal(FxRobot robot) throws Exception {
        TaskResult original = openSampleAndIntervene(robot);
        assertThat(robot.lookup("#intervention-banner").query().isVisible()).isFalse();
        robot.clickOn("#intervene-off-0");
        waitFor(() -> window.interventions().effectProperty().get() != null);
        assertThat(vm.currentTraceProperty().get().intervention().describe()).isEqualTo("block 1: E0 off");
        assertThat(text(robot, "#status-message")).contains("block 1: E0 off");
        assertThat(text(robot, "#intervention-banner")).startsWith("Routing intervention: block 1: E0 off.");
        assertThat(robot.lookup("#intervention-banner").query().isVisible()).isTrue();
        // what the tab says: one 16 x 16 patch of 48 x 32 changes class, three tokens had E0 among their two experts
        assertThat(text(robot, "#intervene-summary")).isEqualTo("16.7 % of the pixels change class (256 of 1536).");
        assertThat(text(robot, "#intervene-routing")).isEqualTo("Tokens sent to other experts: block 1: 3 of 7, block 3: 0 of 7.");
        assertThat(text(robot, "#intervene-metrics")).startsWith("Against the ground truth: mean IoU 1.000 → ").endsWith("pixel accuracy 100.0 % → 83.3 %.");
        assertThat(robot.lookup("#intervene-off-0").queryAs(javafx.scene.control.ToggleButton.class).getText()).isEqualTo("E0 off");
        // the difference map: red exactly on patch row 1, column 0
        int[] px = org.m3vit.visualizer.output.DifferenceView.pixels(window.interventions().effectProperty().get().difference());
        assertThat(px[20 * 48 + 5]).isEqualTo(org.m3vit.visualizer.output.DifferenceView.CHANGED);
        assertThat(px[5 * 48 + 5]).isNotEqualTo(org.m3vit.visualizer.output.DifferenceView.CHANGED);
        // the usage view follows: nobody goes to E0 at block 1 any more
        robot.interact(() -> window.routingTabs().getSelectionModel().select(2));
        UsageHeatmap heatmap = robot.lookup("#usage-heatmap").queryAs(UsageHeatmap.class);
        assertThat(heatmap.tokens(0, 0)).isZero();
        assertThat(heatmap.tokens(0, 1) + heatmap.tokens(0, 2) + heatmap.tokens(0, 3)).isEqualTo(14);

        robot.interact(() -> window.routingTabs().getSelectionModel().select(window.interveneTab()));
        robot.clickOn("#intervene-reset");
        waitFor(() -> vm.interventionProperty().get().isEmpty() && vm.currentResultProperty().get() != null);
        assertThat(vm.currentResultProperty().get().output().data()).containsExactly(original.output().data());
        assertThat(vm.currentTraceProperty().get().layers().get(0).experts()).isDeepEqualTo(original.trace().layers().get(0).experts());
        assertThat(robot.lookup("#intervention-banner").query().isVisible()).isFalse();
        assertThat(robot.lookup("#intervene-none").tryQuery()).isPresent();
        // Ctrl+Z undoes the reset
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(() -> !vm.interventionProperty().get().isEmpty() && window.interventions().effectProperty().get() != null);
        assertThat(vm.interventionProperty().get().describe()).isEqualTo("block 1: E0 off");
    }

    @Test
    void draggingOverPatchesPicksThemAndForcingSendsTheirTokensToTheExpert(FxRobot robot) throws Exception {
        openSampleAndIntervene(robot);
        PatchSelectionView picker = robot.lookup("#intervene-patches").queryAs(PatchSelectionView.class);
        robot.interact(() -> robot.lookup("#intervene-controls").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        // from patch (row 0, column 0) to (row 0, column 1): tokens 1 and 2
        double[] a = picker.toCanvas(4, 4), b = picker.toCanvas(20, 6);
        Point2D from = picker.canvas().localToScreen(a[0], a[1]), to = picker.canvas().localToScreen(b[0], b[1]);
        robot.drag(from, javafx.scene.input.MouseButton.PRIMARY).moveTo(to).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.interventions().selectedPatchesProperty().get()).isEqualTo(Set.of(1, 2));
        assertThat(text(robot, "#intervene-picked")).isEqualTo("2 patches picked: tokens 1-2.");
        robot.interact(() -> window.interventions().forcedExpertProperty().set(3));
        robot.clickOn("#intervene-force-picked");
        waitFor(() -> !vm.interventionProperty().get().isEmpty() && window.interventions().effectProperty().get() != null);
        var layer = vm.currentTraceProperty().get().layerForBlock(1);
        assertThat(layer.experts()[1][0]).isEqualTo(3);
        assertThat(layer.experts()[2][0]).isEqualTo(3);
        assertThat(layer.experts()[3][0]).as("not picked").isEqualTo(FixtureModel.firstExpert(3, 0, 0));
        assertThat(text(robot, "#status-message")).contains("block 1: E3 forced on tokens 1-2");
    }

    @Test
    void anotherTasksGatesAndTheHardwareTimelineFollowTheIntervenedRouting(FxRobot robot) throws Exception {
        openSampleAndIntervene(robot);
        org.m3vit.hw.panel.HardwarePanel[] panel = new org.m3vit.hw.panel.HardwarePanel[1];
        robot.interact(() -> panel[0] = HardwareTab.install(window, vm));
        robot.interact(() -> robot.lookup("#intervene-gates").queryComboBox().getSelectionModel().select("depth"));
        waitFor(() -> "depth".equals(vm.interventionProperty().get().gatesOf()) && vm.currentTraceProperty().get().intervention().gatesOf() != null);
        var trace = vm.currentTraceProperty().get();
        assertThat(trace.task()).isEqualTo("semseg");
        for (int t = 0; t < 7; t++) assertThat(trace.layers().get(1).experts()[t][0]).isEqualTo(FixtureModel.firstExpert(t, 1, 1));
        robot.interact(() -> window.routingTabs().getSelectionModel().select(5));
        waitFor(() -> panel[0].model().runsProperty().get() != null
                && panel[0].model().runsProperty().get().traces().get(0).intervention().gatesOf() != null);
        var runs = panel[0].model().runsProperty().get();
        assertThat(runs.traces().get(0).layers().get(0).experts()).isDeepEqualTo(trace.layers().get(0).experts());
        assertThat(runs.source()).contains("intervened: gates of depth");
    }
}
