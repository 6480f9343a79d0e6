package org.m3vit.app.ui;

import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.service.TaskResult;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.hw.panel.HardwarePanel;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.visualizer.routing.RoutingFlowView;
import org.m3vit.visualizer.routing.UsageHeatmap;
import org.m3vit.visualizer.view.ImageCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.m3vit.app.ui.ExplorerWindowTest.waitFor;

/**
 * What makes a task switch fast must not make the window wrong: views in hidden tabs are left alone
 * during a switch and catch up when their tab is shown; a new picture and the animation draw only
 * what changed (headless, formula fixture model).
 */
@ExtendWith(ApplicationExtension.class)
class HiddenViewsWindowTest {

    @TempDir
    static Path tmp;
    private ExplorerWindow window;
    private ExplorerViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        FixtureWindow shown = FixtureWindow.show(stage, tmp, false);
        vm = shown.vm();
        window = shown.window();
        vm.openModel(null);
    }

    private void openSample(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#sample-room").tryQuery().isPresent() && vm.modelProperty().get() != null);
        robot.clickOn("#sample-room");
        waitFor(() -> vm.currentResultProperty().get() != null);
    }

    private void switchTo(FxRobot robot, KeyCode key, String task) throws Exception {
        robot.type(key);
        waitFor(() -> vm.currentResultProperty().get() != null && vm.currentResultProperty().get().output().task().name().equals(task));
    }

    private RoutingPanel routing() { return (RoutingPanel) window.routingTabs(); }

    private static int[] usage(org.m3vit.model.RoutingTrace trace) { return trace.layers().get(0).tokensPerExpert(); }

    private static int[] shown(UsageHeatmap heatmap) {
        int[] u = new int[4];
        for (int e = 0; e < 4; e++) u[e] = heatmap.tokens(0, e);
        return u;
    }

    @Test
    void aHiddenRoutingTabIsLeftAloneInASwitchAndShowsTheNewTaskWhenSelected(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(2));
        UsageHeatmap heatmap = robot.lookup("#usage-heatmap").queryAs(UsageHeatmap.class);
        int[] semseg = usage(vm.currentTraceProperty().get());
        assertThat(shown(heatmap)).isEqualTo(semseg);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(0));

        switchTo(robot, KeyCode.DIGIT2, "depth");
        int[] depth = usage(vm.currentTraceProperty().get());
        assertThat(depth).as("the fixture routes depth otherwise").isNotEqualTo(semseg);
        assertThat(routing().isStale(routing().usageTab)).isTrue();
        assertThat(shown(heatmap)).as("hidden: not redrawn for depth").isEqualTo(semseg);
        assertThat(routing().isStale(routing().patchesTab)).as("the tab on screen follows at once").isFalse();

        robot.interact(() -> window.routingTabs().getSelectionModel().select(2));
        assertThat(shown(heatmap)).as("shown: depth's usage").isEqualTo(depth);
        assertThat(routing().isStale(routing().usageTab)).isFalse();
        assertThat(robot.lookup("#routing-numbers").tryQuery()).isPresent();
    }

    @Test
    void theInterveneTabIsBuiltWhenFirstShownAndCatchesUpWhenShownAgain(FxRobot robot) throws Exception {
        openSample(robot);
        assertThat(window.interveneTab().getContent()).as("not built at the start").isNull();
        robot.interact(() -> window.routingTabs().getSelectionModel().select(window.interveneTab()));
        InterventionPanel panel = (InterventionPanel) window.interveneTab().getContent();
        ToggleButton off = robot.lookup("#intervene-off-0").queryAs(ToggleButton.class);
        assertThat(off.getTooltip().getText()).contains("tokens there for semseg");
        robot.interact(() -> window.routingTabs().getSelectionModel().select(0));
        switchTo(robot, KeyCode.DIGIT2, "depth");
        assertThat(panel.isStale()).isTrue();
        robot.interact(() -> window.routingTabs().getSelectionModel().select(window.interveneTab()));
        assertThat(panel.isStale()).isFalse();
        assertThat(off.getTooltip().getText()).contains("tokens there for depth");
    }

    @Test
    void theHardwarePanelIsRebuiltForANewRunOnlyWhenItsTabIsShown(FxRobot robot) throws Exception {
        openSample(robot);
        HardwarePanel[] panel = new HardwarePanel[1];
        robot.interact(() -> panel[0] = HardwareTab.install(window, vm));
        javafx.scene.control.Tab tab = (javafx.scene.control.Tab) panel[0].getProperties().get(javafx.scene.control.Tab.class);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(tab));
        waitFor(() -> panel[0].model().runsProperty().get() != null && panel[0].model().runsProperty().get().tasks().contains("semseg"));
        SimResult semsegRun = panel[0].timelines().get(0).result();
        assertThat(semsegRun).isSameAs(panel[0].model().runsProperty().get().primary());
        robot.interact(() -> window.routingTabs().getSelectionModel().select(0));

        switchTo(robot, KeyCode.DIGIT2, "depth");
        // hidden: the simulation runs after a quiet moment, the timeline is not rebuilt for it
        waitFor(() -> panel[0].model().runsProperty().get() != null && panel[0].model().runsProperty().get().tasks().contains("depth"));
        SimResult depthRun = panel[0].model().runsProperty().get().primary();
        assertThat(depthRun).isNotSameAs(semsegRun);
        assertThat(panel[0].timelines().get(0).result()).as("hidden: still the old timeline").isSameAs(semsegRun);

        robot.interact(() -> window.routingTabs().getSelectionModel().select(tab));
        assertThat(panel[0].timelines().get(0).result()).as("shown: rebuilt for depth").isSameAs(depthRun);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(0));
    }

    @Test
    void aNewPictureIsDrawnOnceNotOncePerProperty(FxRobot robot) throws Exception {
        openSample(robot);
        var view = window.outputView("semseg");
        ImageCanvas prediction = view.predictionCanvas();
        int before = prediction.drawCount();
        TaskResult r = vm.currentResultProperty().get();
        // image, overlay and opacity all change: one drawing in the next pulse
        robot.interact(() -> view.show(r.output(), prediction.imageProperty().get(), vm.imageProperty().get().truth(), r.metrics()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(prediction.drawCount()).isEqualTo(before + 1);
    }

    @Test
    void theAnimationRedrawsItsMovingLayerOnlyWhileTokensTravel(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> window.routingTabs().getSelectionModel().select(1));
        RoutingFlowView flow = robot.lookup("#flow-view").queryAs(RoutingFlowView.class);
        robot.interact(() -> window.animation().positionProperty().set(0.2));
        WaitForAsyncUtils.waitForFxEvents();
        int travelling = flow.movingDraws();
        robot.interact(() -> window.animation().positionProperty().set(0.3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flow.movingDraws()).as("tokens on their way: drawn again").isEqualTo(travelling + 1);
        robot.interact(() -> window.animation().positionProperty().set(0.8)); // 0.8 / 0.7 > 1: arrived
        WaitForAsyncUtils.waitForFxEvents();
        int arrived = flow.movingDraws();
        assertThat(arrived).as("the arrival is drawn").isEqualTo(travelling + 2);
        robot.interact(() -> window.animation().positionProperty().set(0.9));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flow.movingDraws()).as("nothing moves after the arrival").isEqualTo(arrived);
        robot.interact(() -> window.animation().positionProperty().set(1.1)); // the next layer
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flow.movingDraws()).isEqualTo(arrived + 1);
        assertThat(flow.isLit(vm.currentTraceProperty().get().layers().get(1).experts()[1][0])).isTrue();
    }
}
