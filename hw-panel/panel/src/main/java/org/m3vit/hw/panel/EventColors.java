package org.m3vit.hw.panel;

import javafx.scene.paint.Color;
import org.m3vit.hw.sim.Lane;
import org.m3vit.hw.sim.SimEvent;
import org.m3vit.visualizer.routing.ExpertColors;

/** Colours of timeline events: an expert's own colour (as in the routing views) for expert work, else one colour per kind of operation. */
public final class EventColors {

    private static final Color GATING = Color.web("#f4a259");
    private static final Color ATTENTION = Color.web("#8e6fbf");
    private static final Color NORM = Color.web("#9aa5b1");
    private static final Color VECTOR = Color.web("#b8c0c8");
    private static final Color HEAD = Color.web("#c9a227");
    private static final Color FC = Color.web("#3d8fa3");
    private static final Color OTHER = Color.web("#5b7fa6");

    private EventColors() { }

    /** The fill of {@code e}. */
    public static Color of(SimEvent e) {
        if (e.expert() >= 0) {
            Color c = ExpertColors.of(e.expert());
            return e.lane() == Lane.WEIGHT_DDR ? c.deriveColor(0, 0.75, 1.15, 1) : c;
        }
        String op = e.op();
        if (op.startsWith("gate") || op.equals("gating")) return GATING;
        if (op.startsWith("qk") || op.startsWith("attn") || op.contains("x v") || e.lane() == Lane.ATTENTION) return ATTENTION;
        if (op.startsWith("ln") || op.startsWith("norm")) return NORM;
        if (e.lane() == Lane.VECTOR) return VECTOR;
        if (e.lane() == Lane.ACTIVATION_DDR) return PanelColors.ACTIVATION_TRAFFIC;
        if (e.layer().startsWith("head")) return HEAD;
        if (op.startsWith("fc")) return FC;
        return OTHER;
    }

    /** Fill of a bar that merges several sub-pixel events. */
    public static Color merged(SimEvent first) {
        return of(first).desaturate().deriveColor(0, 1, 0.9, 1);
    }
}
