package org.m3vit.app.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.service.FxThread;
import org.m3vit.app.teach.ClipPlan;
import org.m3vit.app.teach.Ffmpeg;
import org.m3vit.app.teach.RoutingClip;
import org.m3vit.app.teach.TeachingRequest;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.hw.panel.AnimationCursor;
import org.m3vit.hw.panel.HardwarePanel;
import org.m3vit.hw.panel.TimelineView;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.model.RoutingTrace;
import org.m3vit.visualizer.routing.ExpertColors;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The teaching exports from the window, headless, with the formula fixture model (2 MoE layers, 4
 * experts, top-2, 6 patches): the GIF decoded frame by frame, the video probed, the slides' sizes and
 * captions, cancel, and the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class TeachingExportWindowTest {

    @TempDir
    static Path tmp;
    private ExplorerWindow window;
    private ExplorerViewModel vm;
    private HardwarePanel hardware;

    @Start
    void start(Stage stage) throws Exception {
        FixtureWindow shown = FixtureWindow.show(stage, tmp, true);
        vm = shown.vm();
        window = shown.window();
        hardware = HardwareTab.install(window, vm);
        vm.openModel(null);
        vm.setStartImage(shown.samples().resolve("room.png"));
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void ready(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#sample-room").tryQuery().isPresent() && vm.modelProperty().get() != null);
        robot.clickOn("#sample-room");
        waitFor(() -> vm.currentResultProperty().get() != null && hardware.model().runsProperty().get() != null);
        robot.interact(() -> vm.selectedTokenProperty().set(1));
    }

    private static TeachingRequest request(Path gif, Path video, Path slides, int frames) {
        return request(gif, video, slides, frames, 640, 360);
    }

    private static TeachingRequest request(Path gif, Path video, Path slides, int frames, int width, int height) {
        return new TeachingRequest(gif, video, slides, false, 10, Double.NaN, frames, width, height, 2, 1);
    }

    /** Progress that records the fractions and cancels once {@code cancelAfter} updates came (never for -1). */
    private static final class Recorder implements BackgroundRunner.Progress {
        final List<Double> fractions = new ArrayList<>();
        final int cancelAfter;

        Recorder(int cancelAfter) { this.cancelAfter = cancelAfter; }

        @Override public synchronized void update(double fraction, String message) { fractions.add(fraction); }

        @Override public synchronized boolean isCancelled() { return cancelAfter >= 0 && fractions.size() >= cancelAfter; }
    }

    private List<Path> export(TeachingRequest r, BackgroundRunner.Progress p) throws Exception {
        BackgroundRunner.Work<List<Path>> work = FxThread.call(() -> window.teachingJob(r));
        return work.run(p); // on this (test) thread, as the window's worker would
    }

    @Test
    void theGifShowsTheExpertColoursAndATimelineCursorInSyncWithTheAnimation(FxRobot robot) throws Exception {
        ready(robot);
        Path gif = tmp.resolve("sync.gif");
        TeachingRequest r = request(gif, null, null, 8, 1280, 720); // 2 layers, 4 frames each: positions 0, .25, .5, .75, 1, ...
        List<Path> files = export(r, new Recorder(-1));
        assertThat(files).containsExactly(gif.toAbsolutePath());
        org.m3vit.app.teach.GifFrames g = org.m3vit.app.teach.GifFrames.read(gif);
        assertThat(g.frames()).hasSize(8);
        assertThat(g.delays()).containsOnly(10);
        assertThat(g.loopsForever()).isTrue();
        assertThat(g.width()).isEqualTo(1280);
        assertThat(g.height()).isEqualTo(720);

        // the same clip laid out again, for where things are: the decoded GIF must show them there
        RoutingTrace trace = FxThread.call(() -> vm.currentTraceProperty().get());
        SimResult sim = Simulator.run(FixtureModel.CONFIG, List.of(trace), HardwarePresets.get(HardwarePresets.DEFAULT), Schedule.REORDERED, false);
        RoutingClip clip = FxThread.call(() -> new RoutingClip(new RoutingClip.Content(trace, sim, 1, "t", "h"), 1280, 720));
        ClipPlan plan = r.plan(2);
        for (int frame : new int[] {3, 7}) { // phase 0.75: the tokens have arrived, the experts they go to are lit in their own colour
            int layer = frame / 4;
            FxThread.call(() -> clip.render(plan.position(frame)));
            int expert = FixtureModel.firstExpert(1, layer, 0); // the fixture's formula: token 1's first expert in this layer
            Bounds box = FxThread.call(() -> clip.expertBox(expert));
            int x = (int) box.getMinX() + 6, y = (int) box.getCenterY() + 5;
            assertThat(g.frames().get(frame).getRGB(x, y) & 0xFFFFFF).as("frame %d, expert E%d at (%d, %d)", frame, expert, x, y)
                    .isEqualTo(ExpertColors.argb(expert) & 0xFFFFFF);
        }
        // the cursor: where AnimationCursor.locate puts the animation position on the simulated schedule, on the whole
        // inference above and on the layer's MoE work (6 % margin each side) below
        double total = sim.totals().cycles();
        double lastX = -1;
        for (int frame = 0; frame < 4; frame++) {
            double position = plan.position(frame);
            AnimationCursor c = AnimationCursor.locate(sim, 0, trace, position, 1);
            FxThread.call(() -> clip.render(position));
            Bounds area = FxThread.call(clip::timelineArea);
            double expected = area.getMinX() + TimelineView.GUTTER + c.cycle() / total * (area.getWidth() - TimelineView.GUTTER);
            assertThat(FxThread.call(clip::cursorX)).as("frame %d", frame).isCloseTo(expected, within(0.5));
            assertThat(expected).isGreaterThanOrEqualTo(lastX);
            lastX = expected;
            assertRed(g.frames().get(frame).getRGB((int) Math.floor(expected), (int) (area.getMinY() + 34)), frame);
            Bounds zoomArea = FxThread.call(clip::zoomArea);
            double span = c.toCycle() - c.fromCycle(), from = c.fromCycle() - 0.06 * span, to = c.toCycle() + 0.06 * span;
            double zoomX = zoomArea.getMinX() + TimelineView.GUTTER + (c.cycle() - from) / (to - from) * (zoomArea.getWidth() - TimelineView.GUTTER);
            assertThat(FxThread.call(clip::zoomCursorX)).as("frame %d, zoomed", frame).isCloseTo(zoomX, within(0.5));
            assertRed(g.frames().get(frame).getRGB((int) Math.floor(zoomX), (int) (zoomArea.getMinY() + 34)), frame);
        }
        // the zoomed cursor crosses most of its timeline within one layer: 0.75 of the layer's MoE work, over 88 % of the plot
        assertThat(FxThread.call(() -> { clip.render(plan.position(3)); return clip.zoomCursorX(); })
                - FxThread.call(() -> { clip.render(plan.position(0)); return clip.zoomCursorX(); })).isGreaterThan(500);
    }

    /** The cursor's red (#ff4d4d), within what the palette may round. */
    private static void assertRed(int rgb, int frame) {
        int r = (rgb >> 16) & 0xFF, gr = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        assertThat(Math.abs(r - 0xFF) + Math.abs(gr - 0x4D) + Math.abs(b - 0x4D)).as("frame %d cursor pixel %06x", frame, rgb & 0xFFFFFF)
                .isLessThan(24);
    }

    @Test
    void slidesAreTwiceTheViewsWithCaptionsAndAnIndex(FxRobot robot) throws Exception {
        ready(robot);
        Path dir = tmp.resolve("slides");
        List<Path> files = export(request(null, null, dir, 0), new Recorder(-1));
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).containsExactly("01-input.png", "02-outputs-semseg.png", "03-routing-patches.png", "04-routing-flow.png",
                "05-routing-usage.png", "06-routing-compare.png", "07-hardware-timeline.png", "slides.md", "index.html");
        List<Node> nodes = FxThread.call(() -> List.of(window.viewNode("input"), window.viewNode("outputs"),
                window.routingTabs().getTabs().get(0).getContent(), window.routingTabs().getTabs().get(1).getContent(),
                window.routingTabs().getTabs().get(2).getContent(), window.routingTabs().getTabs().get(3).getContent(), hardware));
        for (int i = 0; i < nodes.size(); i++) {
            Bounds b = FxThread.call(nodes.get(i)::getLayoutBounds);
            BufferedImage png = ImageIO.read(dir.resolve(names.get(i)).toFile());
            assertThat(png.getWidth()).as(names.get(i)).isEqualTo((int) Math.round(2 * b.getWidth()));
            assertThat(png.getHeight()).as(names.get(i)).isEqualTo((int) Math.round(2 * b.getHeight()));
        }
        String md = Files.readString(dir.resolve("slides.md"));
        assertThat(md).startsWith("# M³ViT Explorer: room.png, task semseg, fixture-tiny (trained)")
                .contains("![Routing: patches](03-routing-patches.png)")
                // token t's first expert at layer 0 is t % 4 for tokens 1..6: E1, E2, E3, E0, E1, E2
                .contains("MoE layer 1 of 2 (block 1). Each patch has the colour of the expert its gate picks first: all 4 experts are a"
                        + " first choice, most often E1 (2 of 6 patches), E2 (2) and E0 (1).")
                // depth's gate picks (t + l + 1) % 4: another first expert for every patch
                .contains("tasks semseg and depth share the experts, only their gates differ. At MoE layer 1 of 2 (block 1), 6 of the 6 patches (100 %)")
                .contains("reordered schedule on edge-moe-zcu102");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("<img src=\"07-hardware-timeline.png\"").contains("all 4 experts are a first choice");
        // the window shows the tab it showed before
        assertThat(FxThread.call(() -> window.routingTabs().getSelectionModel().getSelectedIndex())).isEqualTo(0);
    }

    @Test
    void theVideoHasTheFramesSizeAndLengthAsked(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Ffmpeg.find().isPresent() && Ffmpeg.findProbe().isPresent(), "ffmpeg is not installed");
        ready(robot);
        Path video = tmp.resolve("clip.mp4");
        export(request(null, video, null, 8), new Recorder(-1));
        Process p = new ProcessBuilder(Ffmpeg.findProbe().get().toString(), "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=width,height,nb_read_frames", "-show_entries", "format=duration", "-of", "default=nw=1", video.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("width=640", "height=360", "nb_read_frames=8", "duration=0.800000");
    }

    @Test
    void cancellingLeavesNoFileBehind(FxRobot robot) throws Exception {
        ready(robot);
        Path dir = Files.createDirectories(tmp.resolve("cancel"));
        boolean video = Ffmpeg.find().isPresent();
        TeachingRequest r = request(dir.resolve("c.gif"), video ? dir.resolve("c.mp4") : null, dir.resolve("slides"), 20);
        Recorder cancelSoon = new Recorder(12); // after the slides, a few frames in
        assertThatThrownBy(() -> export(r, cancelSoon)).isInstanceOf(CancellationException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void theDialogRefusesABadSizeAndExportsInTheBackground(FxRobot robot) throws Exception {
        ready(robot);
        Path gif = tmp.resolve("dialog.gif");
        javafx.scene.control.Dialog<?>[] d = new javafx.scene.control.Dialog<?>[1];
        robot.interact(() -> d[0] = window.openTeachingDialog());
        waitFor(() -> robot.lookup("#teach-size").tryQuery().isPresent());
        robot.interact(() -> {
            ((javafx.scene.control.CheckBox) robot.lookup("#teach-video-on").query()).setSelected(false);
            ((javafx.scene.control.CheckBox) robot.lookup("#teach-slides-on").query()).setSelected(false);
            robot.lookup("#teach-gif").queryAs(TextField.class).setText(gif.toString());
            robot.lookup("#teach-size").queryAs(javafx.scene.control.ComboBox.class).getEditor().setText("100x100");
            @SuppressWarnings("unchecked")
            javafx.scene.control.Spinner<Integer> fps = robot.lookup("#teach-fps").queryAs(javafx.scene.control.Spinner.class);
            fps.getValueFactory().setValue(3); // a short clip: 12 frames
        });
        assertThat(robot.lookup("#teach-problem").queryAs(Label.class).getText()).isEqualTo("Not yet: the width is 100; it must be between 480 and 3840");
        assertThat(robot.lookup("#teach-export").query().isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#teach-size").queryAs(javafx.scene.control.ComboBox.class).getEditor().setText("640x360"));
        assertThat(robot.lookup("#teach-problem").queryAs(Label.class).getText()).isEmpty();
        assertThat(robot.lookup("#teach-frames").queryAs(Label.class).getText()).isEqualTo("= 12 frames, 2.0 s per MoE layer");
        robot.clickOn("#teach-export");
        waitFor(() -> Files.exists(gif) && vm.statusProperty().get().startsWith("teaching export: wrote"));
        assertThat(vm.statusProperty().get()).isEqualTo("teaching export: wrote dialog.gif in " + gif.toAbsolutePath().getParent());
        assertThat(org.m3vit.app.teach.GifFrames.read(gif).frames()).hasSize(12);
    }
}
