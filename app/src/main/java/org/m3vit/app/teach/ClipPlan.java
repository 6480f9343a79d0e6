package org.m3vit.app.teach;

/**
 * The frames of an exported routing clip: the clip plays every MoE layer of one trace once, at an
 * even pace, so that it loops without a jump. Frame {@code i} of {@code frames} shows animation
 * position {@code i * layers / frames} (whole part = MoE layer, fraction = how far the tokens have
 * flowed, as in the window's {@code RoutingAnimation}); the frames are {@code 1 / fps} seconds apart.
 *
 * @param frames frames of the clip
 * @param fps    frames per second
 * @param layers MoE layers of the trace
 */
public record ClipPlan(int frames, int fps, int layers) {

    public ClipPlan {
        if (frames < 1 || fps < 1 || layers < 1) {
            throw new IllegalArgumentException("a clip needs at least one frame, frame rate and layer (" + frames + ", " + fps + ", " + layers + ")");
        }
    }

    /** The animation position of frame {@code frame}, in [0, layers). */
    public double position(int frame) { return frame * (double) layers / frames; }

    /** Length of the clip in seconds. */
    public double seconds() { return frames / (double) fps; }

    /**
     * The GIF delay after frame {@code frame} in hundredths of a second. GIF delays are whole
     * centiseconds, so a rate like 12 fps (8.33 cs) alternates 8 and 9 such that frame {@code i}
     * starts at {@code round(100 i / fps)} cs and the clip keeps its length instead of drifting.
     */
    public int delayCentiseconds(int frame) {
        return (int) (Math.round(100.0 * (frame + 1) / fps) - Math.round(100.0 * frame / fps));
    }

    /** The whole clip's GIF length in centiseconds (the sum of the delays). */
    public int totalCentiseconds() { return (int) Math.round(100.0 * frames / fps); }
}
