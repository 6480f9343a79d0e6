package org.m3vit.app.teach;

import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.OneLine;
import org.m3vit.model.guard.OutputWriteException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Encodes a clip as a video with ffmpeg: the frames go to ffmpeg's standard input as raw RGB, ffmpeg
 * writes the temporary file (H.264 in MP4 or VP9 in WebM, 4:2:0 chroma, tagged and converted as
 * BT.709 so players show the colours as drawn); a failure of ffmpeg is reported with its last line.
 */
public final class VideoClipWriter extends FileSink {

    /** Longest wait for ffmpeg to finish the file after the last frame. */
    static final long FINISH_SECONDS = 600;

    private final ClipPlan plan;
    private final int width;
    private final int height;
    private final Process process;
    private final OutputStream stdin;
    private final StringBuilder log = new StringBuilder();
    private final Thread drain;
    private final byte[] rgb;
    private int written;

    /** Starts {@code ffmpeg} writing {@code target} (under a temporary name) for {@code width x height} frames of {@code plan}. */
    public VideoClipWriter(Path ffmpeg, Path target, VideoFormat format, ClipPlan plan, int width, int height) throws IOException {
        super(target);
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("a video needs an even width and height (4:2:0 chroma); the frames are " + width + "x" + height);
        }
        this.plan = plan;
        this.width = width;
        this.height = height;
        this.rgb = new byte[width * height * 3];
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", width + "x" + height, "-framerate", Integer.toString(plan.fps()),
                "-i", "pipe:0", "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p"));
        cmd.addAll(format.encoderOptions());
        cmd.addAll(List.of("-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                "-r", Integer.toString(plan.fps()), "-f", format == VideoFormat.MP4 ? "mp4" : "webm", pending.temporary().toString()));
        try {
            process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException(target + ": cannot start ffmpeg (" + ffmpeg + "): " + AtomicFiles.reason(e) + "; " + Ffmpeg.INSTALL, e);
        }
        stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 20);
        drain = new Thread(() -> keepTail(process.getErrorStream()), "m3vit-ffmpeg-log");
        drain.setDaemon(true);
        drain.start();
    }

    /** Keeps the last 2,000 characters ffmpeg printed, for the error message. */
    private void keepTail(InputStream err) {
        byte[] buf = new byte[4096];
        try (err) {
            for (int n; (n = err.read(buf)) > 0; ) {
                synchronized (log) {
                    log.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (log.length() > 2000) log.delete(0, log.length() - 2000);
                }
            }
        } catch (IOException ignored) {
            // ffmpeg was stopped; its exit code tells the rest
        }
    }

    /** The last non-empty line ffmpeg printed, or "" . */
    private String lastLine() {
        try {
            drain.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String[] lines;
        synchronized (log) {
            lines = log.toString().strip().split("\\R");
        }
        return lines.length == 0 ? "" : OneLine.of(lines[lines.length - 1].strip());
    }

    @Override
    public void add(Frame frame) throws IOException {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame of " + frame.width() + "x" + frame.height() + " in a " + width + "x" + height + " video");
        }
        int[] px = frame.argb();
        for (int i = 0, j = 0; i < px.length; i++) {
            int c = px[i];
            rgb[j++] = (byte) (c >> 16);
            rgb[j++] = (byte) (c >> 8);
            rgb[j++] = (byte) c;
        }
        try {
            stdin.write(rgb);
        } catch (IOException e) {
            throw failure("ffmpeg stopped reading frames", e);
        }
        written++;
    }

    private OutputWriteException failure(String what, Exception e) {
        String line = process.isAlive() ? "" : lastLine();
        String exit = process.isAlive() ? "" : " (exit " + process.exitValue() + ")";
        return new OutputWriteException(pending.target(), what + exit + (line.isEmpty() ? "" : ": " + line), e);
    }

    @Override
    public void finish() throws IOException {
        if (written != plan.frames()) throw new IllegalStateException("the clip has " + plan.frames() + " frames; " + written + " were written");
        try {
            stdin.close();
        } catch (IOException e) {
            throw failure("ffmpeg stopped reading frames", e);
        }
        try {
            if (!process.waitFor(FINISH_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new OutputWriteException(pending.target(), String.format(Locale.ROOT, "ffmpeg did not finish within %d s", FINISH_SECONDS), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputWriteException(pending.target(), "interrupted while ffmpeg finished the file", e);
        }
        if (process.exitValue() != 0) throw failure("ffmpeg failed", null);
    }

    @Override
    protected void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS); // it must have let go of the file before it is deleted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the process is gone; nothing more to write
        }
    }
}
