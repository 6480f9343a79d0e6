package org.m3vit.app.teach;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds of every option, with the refusal's words. */
class TeachingRequestTest {

    private static TeachingRequest gif(int fps, double seconds, int frames, int w, int h) {
        return new TeachingRequest(Path.of("a.gif"), null, null, false, fps, seconds, frames, w, h, 2, -1);
    }

    @Test
    void defaultsGiveTwoSecondsPerLayer() {
        ClipPlan p = gif(12, Double.NaN, 0, 1280, 720).check().plan(6);
        assertThat(p.frames()).isEqualTo(144);
        assertThat(gif(10, 7.5, 0, 1280, 720).check().plan(3).frames()).isEqualTo(75);
        assertThat(gif(10, Double.NaN, 40, 1280, 720).check().plan(3).frames()).isEqualTo(40);
    }

    @Test
    void refusesValuesOutsideTheirBounds() {
        assertThatThrownBy(() -> gif(0, Double.NaN, 0, 1280, 720).check()).hasMessage("--fps is 0; it must be between 1 and 50");
        assertThatThrownBy(() -> gif(51, Double.NaN, 0, 1280, 720).check()).hasMessage("--fps is 51; it must be between 1 and 50");
        assertThatThrownBy(() -> gif(10, Double.NaN, 1, 1280, 720).check()).hasMessage("--frames is 1; it must be between 2 and 3000");
        assertThatThrownBy(() -> gif(10, 0.5, 0, 1280, 720).check()).hasMessage("--duration is 0.5 s; it must be between 1 and 300 s");
        assertThatThrownBy(() -> gif(10, 5, 20, 1280, 720).check()).hasMessage("give either --duration or --frames, not both");
        assertThatThrownBy(() -> gif(10, Double.NaN, 0, 100, 720).check()).hasMessage("--size width is 100; it must be between 480 and 3840");
        assertThatThrownBy(() -> gif(10, Double.NaN, 0, 1280, 5000).check()).hasMessage("--size height is 5000; it must be between 360 and 2160");
        assertThatThrownBy(() -> new TeachingRequest(null, null, null, false, 10, Double.NaN, 0, 1280, 720, 2, -1).check())
                .hasMessageStartingWith("nothing to export");
        assertThatThrownBy(() -> new TeachingRequest(Path.of("a.png"), null, null, false, 10, Double.NaN, 0, 1280, 720, 2, -1).check())
                .hasMessage("--gif a.png: the file name must end in .gif");
        assertThatThrownBy(() -> new TeachingRequest(null, Path.of("a.avi"), null, false, 10, Double.NaN, 0, 1280, 720, 2, -1).check())
                .hasMessage("--video a.avi: the video file must end in .mp4 (H.264) or .webm (VP9)");
        assertThatThrownBy(() -> new TeachingRequest(null, Path.of("a.mp4"), null, false, 10, Double.NaN, 0, 1281, 720, 2, -1).check())
                .hasMessage("--size 1281x720: a video needs an even width and height (4:2:0 chroma)");
        assertThatThrownBy(() -> new TeachingRequest(null, null, Path.of("s"), false, 10, Double.NaN, 0, 1280, 720, 5, -1).check())
                .hasMessage("--slide-scale is 5; it must be between 1 and 4");
    }

    @Test
    void refusesClipsWithTooFewOrTooManyFrames() {
        assertThatThrownBy(() -> gif(10, Double.NaN, 5, 1280, 720).check().plan(3))
                .hasMessage("--frames has 5 frames; the clip plays 3 MoE layers and needs at least 6 (two per layer)");
        assertThatThrownBy(() -> gif(50, 300, 0, 1280, 720).check().plan(3))
                .hasMessage("the clip (--duration x --fps) has 15000 frames; at most 3000 are allowed");
    }

    @Test
    void parsesSizes() {
        assertThat(TeachingRequest.parseSize("--size", "1920x1080")).containsExactly(1920, 1080);
        assertThat(TeachingRequest.parseSize("--size", " 640 X 360 ")).containsExactly(640, 360);
        assertThatThrownBy(() -> TeachingRequest.parseSize("--size", "big")).hasMessage("--size 'big': give it as WIDTHxHEIGHT in pixels, e.g. 1280x720");
    }
}
