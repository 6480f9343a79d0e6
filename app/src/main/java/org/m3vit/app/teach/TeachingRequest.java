package org.m3vit.app.teach;

import org.m3vit.model.guard.LimitException;
import org.m3vit.model.guard.Limits;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a teaching export writes and how: an animated GIF and/or a video of the routing animation
 * with the hardware timeline in sync, and/or a slide folder; the clip's frame rate, length (seconds,
 * or frames) and picture size; the slides' scale; the token whose path the clip follows. Every number
 * is checked against its bound here, for the window and the command line alike.
 *
 * @param gif          the GIF file, or null
 * @param video        the video file (.mp4 or .webm), or null
 * @param slides       the slide folder, or null
 * @param replaceSlides replace a non-empty slide folder
 * @param fps          frames per second
 * @param seconds      length of the clip in seconds, or NaN to take {@code frames} (or the default when that is 0 too)
 * @param frames       frames of the clip, or 0 to take {@code seconds}
 * @param width        clip picture width, pixels
 * @param height       clip picture height, pixels
 * @param slideScale   slide pixels per screen pixel
 * @param token        token followed in the clip (its paths drawn white, its experts marked on the timeline), -1 for none
 */
public record TeachingRequest(Path gif, Path video, Path slides, boolean replaceSlides, int fps, double seconds, int frames,
                              int width, int height, int slideScale, int token) {

    /** Frame-rate bound: GIF delays are whole hundredths of a second and players slow anything under 2 to 10. */
    public static final int MAX_FPS = 50;
    /** Most frames of one clip. */
    public static final int MAX_FRAMES = 3000;
    /** Longest clip, seconds. */
    public static final int MAX_SECONDS = 300;
    public static final int MIN_WIDTH = 480;
    public static final int MAX_WIDTH = 3840;
    public static final int MIN_HEIGHT = 360;
    public static final int MAX_HEIGHT = 2160;
    public static final int MAX_SLIDE_SCALE = 4;
    /** Default clip length per MoE layer, seconds (the window's animation plays 0.5 layers per second). */
    public static final double SECONDS_PER_LAYER = 2;
    public static final int DEFAULT_FPS = 12;
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 720;

    /** Checks every bound (option names as on the command line); returns this. */
    public TeachingRequest check() {
        if (gif == null && video == null && slides == null) {
            throw new IllegalArgumentException("nothing to export: give --gif FILE, --video FILE (.mp4 or .webm) or --slides FOLDER");
        }
        if (gif != null && !gif.toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
            throw new IllegalArgumentException("--gif " + gif + ": the file name must end in .gif");
        }
        if (video != null) VideoFormat.of("--video", video);
        Limits.range("--fps", fps, 1, MAX_FPS);
        if (frames != 0) Limits.range("--frames", frames, 2, MAX_FRAMES);
        if (!Double.isNaN(seconds) && !(seconds >= 1 && seconds <= MAX_SECONDS)) {
            throw new LimitException("--duration is " + seconds + " s; it must be between 1 and " + MAX_SECONDS + " s");
        }
        if (frames != 0 && !Double.isNaN(seconds)) throw new IllegalArgumentException("give either --duration or --frames, not both");
        Limits.range("--size width", width, MIN_WIDTH, MAX_WIDTH);
        Limits.range("--size height", height, MIN_HEIGHT, MAX_HEIGHT);
        if (video != null && (width % 2 != 0 || height % 2 != 0)) {
            throw new IllegalArgumentException("--size " + width + "x" + height + ": a video needs an even width and height (4:2:0 chroma)");
        }
        Limits.range("--slide-scale", slideScale, 1, MAX_SLIDE_SCALE);
        if (token < -1) throw new LimitException("--token is " + token + "; it must be 0 (cls) or more");
        return this;
    }

    /** True when a clip (GIF or video) is asked for. */
    public boolean wantsClip() { return gif != null || video != null; }

    /** The clip's frames for a trace of {@code layers} MoE layers; refuses too few (under two per layer) or too many. */
    public ClipPlan plan(int layers) {
        long n = frames != 0 ? frames : Math.round((Double.isNaN(seconds) ? SECONDS_PER_LAYER * layers : seconds) * fps);
        String source = frames != 0 ? "--frames" : "the clip (--duration x --fps)";
        if (n > MAX_FRAMES) throw new LimitException(source + " has " + n + " frames; at most " + MAX_FRAMES + " are allowed");
        if (n < 2L * layers) {
            throw new LimitException(source + " has " + n + " frames; the clip plays " + layers + " MoE layers and needs at least "
                    + 2 * layers + " (two per layer)");
        }
        return new ClipPlan((int) n, fps, layers);
    }

    /** Parses "WIDTHxHEIGHT", e.g. "1280x720"; refuses anything else, naming {@code option}. */
    public static int[] parseSize(String option, String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(option + " " + (text == null ? "" : org.m3vit.model.guard.Names.quote(text))
                + ": give it as WIDTHxHEIGHT in pixels, e.g. 1280x720");
    }
}
