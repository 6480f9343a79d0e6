package org.m3vit.app.teach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Videos written through ffmpeg, probed by ffprobe and decoded back; and the messages when ffmpeg is missing. */
class VideoClipWriterTest {

    @TempDir
    Path dir;

    /** Left half one expert colour, right half another, so the colour conversion is checked on saturated colours. */
    private static Frame frame(int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = x < w / 2 ? 0xFFE15759 : 0xFF59A14F;
        return new Frame(w, h, px);
    }

    private static JsonNode probe(Path video) throws Exception {
        Path ffprobe = Ffmpeg.findProbe().orElseThrow();
        Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames,pix_fmt,color_space", "-show_entries", "format=duration",
                "-of", "json", video.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ObjectMapper().readTree(out);
    }

    private static BufferedImage firstFrame(Path video, Path png) throws Exception {
        Process p = new ProcessBuilder(Ffmpeg.find().orElseThrow().toString(), "-v", "error", "-y", "-i", video.toString(),
                "-frames:v", "1", "-pix_fmt", "rgb24", png.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return ImageIO.read(png.toFile());
    }

    @Test
    void writesH264AndVp9WithTheFramesSizeDurationAndColoursAsked() throws Exception {
        assumeTrue(Ffmpeg.find().isPresent() && Ffmpeg.findProbe().isPresent(), "ffmpeg is not installed (apt-get install -y ffmpeg)");
        for (VideoFormat f : VideoFormat.values()) {
            Path video = dir.resolve("clip." + f.extension());
            ClipPlan plan = new ClipPlan(15, 10, 3);
            VideoClipWriter out = new VideoClipWriter(Ffmpeg.find().get(), video, f, plan, 96, 64);
            for (int i = 0; i < plan.frames(); i++) out.add(frame(96, 64));
            out.finish();
            assertThat(video).doesNotExist();
            out.commit();
            JsonNode probe = probe(video);
            JsonNode s = probe.get("streams").get(0);
            assertThat(s.get("codec_name").asText()).isEqualTo(f == VideoFormat.MP4 ? "h264" : "vp9");
            assertThat(s.get("width").asInt()).isEqualTo(96);
            assertThat(s.get("height").asInt()).isEqualTo(64);
            assertThat(s.get("nb_read_frames").asInt()).isEqualTo(15);
            assertThat(s.get("pix_fmt").asText()).isEqualTo("yuv420p");
            assertThat(s.get("color_space").asText()).isEqualTo("bt709");
            assertThat(probe.get("format").get("duration").asDouble()).isCloseTo(1.5, within(0.11));
            BufferedImage back = firstFrame(video, dir.resolve(f.extension() + ".png"));
            assertClose(back.getRGB(20, 32), 0xE15759, f);
            assertClose(back.getRGB(76, 32), 0x59A14F, f);
        }
    }

    /** Within 8 per channel: what 4:2:0 video keeps of a flat colour decoded with the matrix it was tagged with (601 against 709 differs by up to 20). */
    private static void assertClose(int got, int want, VideoFormat f) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((got >> shift) & 0xFF) - ((want >> shift) & 0xFF))).as("%s: %06x against %06x", f, got & 0xFFFFFF, want)
                    .isLessThanOrEqualTo(8);
        }
    }

    @Test
    void discardStopsFfmpegAndLeavesNothing() throws Exception {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg is not installed");
        Path video = dir.resolve("cancelled.mp4");
        VideoClipWriter out = new VideoClipWriter(Ffmpeg.find().get(), video, VideoFormat.MP4, new ClipPlan(30, 10, 3), 64, 48);
        out.add(frame(64, 48));
        out.add(frame(64, 48));
        out.discard();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aMissingFfmpegIsOneLineThatSaysHowToInstallIt(@TempDir Path emptyPath) {
        assertThatThrownBy(() -> Ffmpeg.require("--video", null, emptyPath.toString()))
                .isInstanceOf(IOException.class)
                .hasMessage("--video: the video encoder ffmpeg is not installed (not found on the PATH); install it (Debian, Ubuntu:"
                        + " apt-get install -y ffmpeg) or export a GIF instead");
        assertThatThrownBy(() -> Ffmpeg.require("--video", "/no/such/ffmpeg", emptyPath.toString()))
                .hasMessageStartingWith("--video: ffmpeg is not at /no/such/ffmpeg (named by -Dm3vit.ffmpeg)");
        assertThat(Ffmpeg.find("ffmpeg", null, emptyPath.toString())).isEmpty();
    }

    @Test
    void aFailingEncoderIsReportedWithItsLastLineAndLeavesNothing(@TempDir Path bin) throws Exception {
        Path fake = bin.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\ncat > /dev/null\necho 'frame=    3 fps=0.0' >&2\necho \"Unknown encoder 'libx264'\" >&2\nexit 1\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Path video = dir.resolve("broken.mp4");
        VideoClipWriter out = new VideoClipWriter(fake, video, VideoFormat.MP4, new ClipPlan(3, 10, 1), 32, 24);
        for (int i = 0; i < 3; i++) out.add(frame(32, 24));
        assertThatThrownBy(out::finish).hasMessage(video.toAbsolutePath() + ": cannot write: ffmpeg failed (exit 1): Unknown encoder 'libx264'");
        out.discard();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void refusesOddSizes() {
        assertThatThrownBy(() -> new VideoClipWriter(Path.of("/usr/bin/ffmpeg"), dir.resolve("x.mp4"), VideoFormat.MP4,
                new ClipPlan(4, 10, 2), 65, 48)).hasMessageContaining("even width and height");
        assertThat(List.of(dir.toFile().list())).isEmpty();
    }
}
