package org.m3vit.app.cli;

import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.teach.TeachingExport;
import org.m3vit.app.teach.TeachingRequest;
import org.m3vit.app.ui.ExplorerWindow;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.hw.panel.HardwarePanelModel;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwareJson;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.guard.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code m3vit export}: teaching material from the real window, headless: the routing animation
 * with the hardware timeline in sync as an animated GIF and/or a video, and a slide set. Every
 * option is checked, and every output path, before the window opens.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Teaching material: the routing animation with the hardware timeline in sync as an animated GIF and/or a video"
                + " (.mp4 = H.264, .webm = VP9, encoded by ffmpeg), and slides (a PNG of every main view at 2x with a caption, slides.md"
                + " and index.html). Draws with the real window: on a machine without a display run `xvfb-run -a ./m3vit export ...`.",
                "Example: xvfb-run -a ./m3vit export --task semseg --token 45 --gif out/routing.gif --video out/routing.mp4 --slides out/slides"})
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--image", description = "Image to show (default: the first sample with ground truth, else the first sample).")
    Path image;

    @Option(names = "--task", description = "Task whose routing is shown (default: the model's first task).")
    String task;

    @Option(names = "--gif", description = "Write the clip as an animated GIF here (.gif).")
    Path gif;

    @Option(names = "--video", description = "Write the clip as a video here: .mp4 (H.264) or .webm (VP9); needs ffmpeg (apt-get install -y ffmpeg).")
    Path video;

    @Option(names = "--slides", description = "Write the slide set into this new or empty folder.")
    Path slides;

    @Option(names = "--force", description = "Replace the slide folder's contents if it is not empty.")
    boolean force;

    @Option(names = "--fps", defaultValue = "" + TeachingRequest.DEFAULT_FPS, description = "Frames per second, 1 .. 50 (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--duration", description = "Length of the clip in seconds, 1 .. 300 (default: 2 s per MoE layer).")
    Double duration;

    @Option(names = "--frames", description = "Length of the clip in frames, 2 per MoE layer .. 3000 (instead of --duration).")
    Integer frames;

    @Option(names = "--size", defaultValue = TeachingRequest.DEFAULT_WIDTH + "x" + TeachingRequest.DEFAULT_HEIGHT,
            description = "Clip size WIDTHxHEIGHT, 480x360 .. 3840x2160, even for a video (default: ${DEFAULT-VALUE}); above 1280x720 the same"
                    + " layout is drawn sharper.")
    String size;

    @Option(names = "--slide-scale", defaultValue = "2", description = "Slide pixels per window pixel, 1 .. 4 (default: ${DEFAULT-VALUE}).")
    int slideScale;

    @Option(names = "--token", description = "Token to follow (0 = cls, 1.. = patches in row order): its paths drawn white, its experts marked on the timeline.")
    Integer token;

    @Option(names = "--layer", defaultValue = "1", description = "MoE layer the slides show, 1 = the first (default: ${DEFAULT-VALUE}).")
    int layer;

    @Option(names = "--preset", defaultValue = "edge-moe-zcu102",
            description = "Hardware preset or hardware JSON file of the timeline (default: ${DEFAULT-VALUE}).")
    String hardware;

    @Option(names = "--schedule", defaultValue = "reordered", description = "MoE schedule of the timeline: naive-resident, naive-refetch, reordered (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--heads", description = "Also simulate the task head on the timeline.")
    boolean heads;

    @picocli.CommandLine.Mixin
    WindowOptions window = new WindowOptions();

    @Override
    public Integer call() throws Exception {
        int[] wh = TeachingRequest.parseSize("--size", size);
        TeachingRequest req = new TeachingRequest(gif, video, slides, force, fps, duration == null ? Double.NaN : duration,
                frames == null ? 0 : frames, wh[0], wh[1], slideScale, token == null ? -1 : token);
        TeachingExport.checkOutputs(req);
        Limits.range("--layer", layer, 1, Limits.DEPTH);
        HardwareConfig hw = HardwareJson.resolve(hardware);
        Schedule s = Schedule.fromName(schedule);
        Path img = image != null ? image : ScreenshotsCommand.defaultSample(window.gallery());
        HeadlessWindow session = window.open(img);
        try {
            List<Path> files = export(session, req, hw, s);
            files.forEach(p -> System.out.println("wrote " + p));
        } finally {
            session.close();
        }
        return 0;
    }

    private List<Path> export(HeadlessWindow session, TeachingRequest req, HardwareConfig hw, Schedule s) throws Exception {
        ExplorerWindow w = session.window();
        ExplorerViewModel vm = session.vm();
        List<String> tasks = FxRunner.call(() -> List.copyOf(vm.tasks()));
        String t = task == null ? tasks.get(0) : task;
        if (!tasks.contains(t)) throw new IllegalArgumentException("--task " + t + ": the model has the tasks " + String.join(", ", tasks));
        FxRunner.run(() -> vm.selectTask(t));
        FxRunner.await("the output of " + t, 300, () -> vm.currentResultProperty().get() != null
                && vm.currentResultProperty().get().output().task().name().equals(t));
        RoutingTrace trace = FxRunner.call(() -> vm.currentTraceProperty().get());
        if (req.token() >= trace.numTokens()) {
            throw new IllegalArgumentException("--token is " + req.token() + "; this model's images have tokens 0 .. " + (trace.numTokens() - 1));
        }
        Limits.range("--layer", layer, 1, trace.layers().size());
        HardwarePanelModel m = session.hardware().model();
        FxRunner.run(() -> {
            vm.selectedTokenProperty().set(req.token());
            w.animation().show(layer - 1);
            m.useSequenceProperty().set(false);
            m.compareProperty().set(false);
            m.hardwareProperty().set(hw);
            m.scheduleProperty().set(s);
            m.includeHeadsProperty().set(heads);
            w.routingTabs().getSelectionModel().select(0);
        });
        if (req.slides() != null && tasks.size() > 1) {
            String other = tasks.stream().filter(x -> !x.equals(t)).findFirst().orElseThrow();
            FxRunner.run(() -> vm.compareTaskProperty().set(other));
            FxRunner.await("the routing of " + other, 300, () -> vm.tracesProperty().get().containsKey(other));
        }
        FxRunner.await("the hardware simulation", 300, () -> m.runsProperty().get() != null && !m.busyProperty().get()
                && m.runsProperty().get().tasks().equals(List.of(t)) && m.runsProperty().get().primary().hardware().equals(hw)
                && m.runsProperty().get().selected() == s);
        BackgroundRunner.Work<List<Path>> work = FxRunner.call(() -> w.teachingJob(req));
        return work.run(new Printed());
    }

    /** Progress on standard output: a line whenever the job's message changes kind or another tenth is done. */
    private static final class Printed implements BackgroundRunner.Progress {
        private int tenth = -1;
        private String kind = "";

        @Override
        public void update(double fraction, String message) {
            String k = message.replaceAll("[0-9].*", "");
            int t = (int) Math.floor(fraction * 10);
            if (t == tenth && k.equals(kind)) return;
            tenth = t;
            kind = k;
            System.out.println(String.format(Locale.ROOT, "%3.0f %%  %s", 100 * fraction, message));
        }

        @Override
        public boolean isCancelled() { return false; }
    }
}
