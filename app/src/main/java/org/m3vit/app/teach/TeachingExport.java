package org.m3vit.app.teach;

import javafx.embed.swing.SwingFXUtils;
import org.m3vit.app.service.BackgroundRunner;
import org.m3vit.app.service.FxThread;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.guard.FolderSwap;
import org.m3vit.model.guard.OutputTargets;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Runs a teaching export off the FX thread (the window's background worker, or a command's main
 * thread): checks every output first, takes the slides, renders the clip frame by frame on the FX
 * thread (short calls, so the window keeps drawing) and encodes each frame here into the GIF and
 * the video at once; cancel is checked between frames. Every output is written under a temporary
 * name and put in place only when all of them are complete: a failure or a cancel leaves no
 * half-written file and no earlier file changed.
 */
public final class TeachingExport {

    /** Frames rendered first to choose the GIF's colours. */
    static final int PALETTE_SAMPLES = 8;

    /**
     * What the clip shows and how the hardware is simulated.
     *
     * @param config   the model's config
     * @param trace    the routing of the task shown
     * @param hardware the accelerator config
     * @param schedule its MoE schedule
     * @param heads    simulate the task heads too
     * @param title    the clip's title line (model, image, task)
     */
    public record Source(ModelConfig config, RoutingTrace trace, HardwareConfig hardware, Schedule schedule, boolean heads, String title) { }

    private TeachingExport() { }

    /** Checks the outputs of {@code req} before any work: paths writable, a slide folder new or empty (or to be replaced), ffmpeg there for a video. */
    public static void checkOutputs(TeachingRequest req) throws IOException {
        req.check();
        if (req.gif() != null) OutputTargets.file("--gif", req.gif());
        if (req.video() != null) {
            OutputTargets.file("--video", req.video());
            Ffmpeg.require("--video");
        }
        if (req.slides() != null) {
            Path folder = req.slides().toAbsolutePath().normalize();
            for (Path clip : new Path[] {req.gif(), req.video()}) {
                if (clip != null && clip.toAbsolutePath().normalize().startsWith(folder)) {
                    throw new IllegalArgumentException((clip == req.gif() ? "--gif " : "--video ") + clip
                            + ": it lies in the slide folder " + folder + ", which the export replaces as a whole; write it beside the folder");
                }
            }
            FolderSwap.check(req.slides(), req.replaceSlides());
        }
    }

    /** Writes what {@code req} asks for; returns the files written (a slide folder counts as its files). */
    public static List<Path> run(TeachingRequest req, Source src, SlideCamera camera, BackgroundRunner.Progress progress) throws Exception {
        checkOutputs(req);
        ClipPlan plan = req.wantsClip() ? req.plan(src.trace().layers().size()) : null;
        double slideShare = req.slides() == null ? 0 : plan == null ? 0.95 : 0.15;
        List<Slide> slides = req.slides() == null ? List.of() : takeSlides(camera, req.slideScale(), progress, slideShare);
        String heading = req.slides() == null ? "" : camera.heading();
        List<FrameSink> sinks = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        boolean done = false;
        try {
            if (plan != null) renderClip(req, src, plan, sinks, progress, slideShare);
            cancelled(progress);
            if (req.slides() != null) {
                progress.update(0.97, "Writing the slides into " + req.slides().getFileName());
                FolderSwap.write(req.slides(), req.replaceSlides(), dir -> SlideIndex.write(dir, heading, slides));
                for (Slide s : slides) written.add(req.slides().toAbsolutePath().normalize().resolve(s.file()));
                written.add(req.slides().toAbsolutePath().normalize().resolve(SlideIndex.MARKDOWN));
                written.add(req.slides().toAbsolutePath().normalize().resolve(SlideIndex.HTML));
            }
            List<Path> clips = new ArrayList<>();
            for (FrameSink s : sinks) {
                s.commit();
                clips.add(s.target());
            }
            written.addAll(0, clips);
            done = true;
            return written;
        } finally {
            if (!done) for (FrameSink s : sinks) s.discard();
        }
    }

    private static void cancelled(BackgroundRunner.Progress progress) {
        if (progress.isCancelled()) throw new CancellationException("the teaching export was cancelled; nothing was written");
    }

    private static List<Slide> takeSlides(SlideCamera camera, int scale, BackgroundRunner.Progress progress, double share) throws Exception {
        int n = camera.count();
        List<Slide> slides = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cancelled(progress);
            progress.update(share * i / n, "Teaching export: slide " + (i + 1) + " of " + n);
            SlideCamera.Shot shot = camera.take(i, scale);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(SwingFXUtils.fromFXImage(shot.picture(), null), "png", png)) throw new IOException("no PNG writer in this Java");
            slides.add(new Slide(shot.file(), shot.title(), shot.caption(), png.toByteArray(), (int) shot.picture().getWidth(),
                    (int) shot.picture().getHeight(), scale));
        }
        return slides;
    }

    /** Renders every frame once and hands it to the GIF and the video; leaves the finished sinks in {@code sinks}, uncommitted. */
    private static void renderClip(TeachingRequest req, Source src, ClipPlan plan, List<FrameSink> sinks, BackgroundRunner.Progress progress,
                                   double start) throws Exception {
        progress.update(start, "Teaching export: simulating the accelerator");
        SimResult sim = Simulator.run(src.config(), List.of(src.trace()), src.hardware(), src.schedule(), src.heads());
        RoutingClip.Content content = new RoutingClip.Content(src.trace(), sim, req.token(), src.title(), hardwareTitle(sim));
        RoutingClip clip = FxThread.call(() -> new RoutingClip(content, req.width(), req.height()));
        if (req.gif() != null) {
            List<int[]> samples = new ArrayList<>();
            int n = Math.min(PALETTE_SAMPLES, plan.frames());
            for (int i = 0; i < n; i++) {
                cancelled(progress);
                int frame = i * plan.frames() / n;
                samples.add(FxThread.call(() -> clip.render(plan.position(frame))).argb());
            }
            sinks.add(new GifClipWriter(req.gif(), GifPalette.of(samples, clip.flatColours()), plan));
        }
        if (req.video() != null) {
            sinks.add(new VideoClipWriter(Ffmpeg.require("--video"), req.video(), VideoFormat.of("--video", req.video()), plan,
                    req.width(), req.height()));
        }
        String what = String.join(" and ", sinks.stream().map(s -> s.target().getFileName().toString()).toList());
        for (int i = 0; i < plan.frames(); i++) {
            cancelled(progress);
            int frame = i;
            Frame f = FxThread.call(() -> clip.render(plan.position(frame)));
            for (FrameSink s : sinks) s.add(f);
            progress.update(start + (0.95 - start) * (i + 1) / plan.frames(), "Teaching export: frame " + (i + 1) + " of " + plan.frames() + " (" + what + ")");
        }
        progress.update(0.96, "Teaching export: finishing " + what);
        for (FrameSink s : sinks) s.finish();
    }

    /** The line above the clip's timeline. */
    static String hardwareTitle(SimResult sim) {
        return String.format(Locale.ROOT, "The accelerator, simulated (not measured): %s schedule on %s, %.3f ms per image.",
                sim.schedule().cliName(), sim.hardware().name(), sim.totals().ms());
    }
}
