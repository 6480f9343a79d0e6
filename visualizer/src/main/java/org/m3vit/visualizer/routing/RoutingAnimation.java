package org.m3vit.visualizer.routing;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The state of the routing animation, free of drawing: a position in [0, layers) whose whole
 * part is the MoE layer shown and whose fraction is how far the tokens have travelled to their
 * experts; playing or paused; speed in layers per second. It loops at the end.
 */
public final class RoutingAnimation {

    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers", 0);
    private final DoubleProperty position = new SimpleDoubleProperty(this, "position", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 0.5);

    public IntegerProperty layersProperty() { return layers; }
    public DoubleProperty positionProperty() { return position; }
    public BooleanProperty playingProperty() { return playing; }
    public DoubleProperty speedProperty() { return speed; }

    /** The MoE layer shown (position in the trace's layer list). */
    public int layer() {
        return layers.get() == 0 ? 0 : Math.min(layers.get() - 1, (int) Math.floor(position.get()));
    }

    /** How far the tokens have flowed in the current layer, 0..1. */
    public double phase() { return position.get() - Math.floor(position.get()); }

    /** Advances by {@code seconds} of playing time (nothing when paused); loops after the last layer. */
    public void advance(double seconds) {
        if (!playing.get() || layers.get() == 0) return;
        double p = position.get() + seconds * speed.get();
        position.set(p % layers.get());
    }

    /** Moves to the start of the next ({@code +1}) or previous ({@code -1}) layer, wrapping around, fully arrived. */
    public void step(int direction) {
        int n = layers.get();
        if (n == 0) return;
        int next = Math.floorMod(layer() + direction, n);
        position.set(next + 0.999);
    }

    /** Shows layer {@code layer} with all tokens arrived. */
    public void show(int layer) {
        int n = layers.get();
        if (n == 0) return;
        position.set(Math.max(0, Math.min(n - 1, layer)) + 0.999);
    }

    /** Plays when paused, pauses when playing. */
    public void toggle() { playing.set(!playing.get()); }
}
