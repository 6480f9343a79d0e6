package org.m3vit.hw.panel;

import javafx.scene.paint.Color;

/** The dark palette shared by the timeline, the memory chart and the event colours, parsed once rather than on every redraw. */
final class PanelColors {

    private PanelColors() { }

    static final Color BACKGROUND = Color.web("#1e2228");
    static final Color LANE_EVEN = Color.web("#252a31");
    static final Color LANE_ODD = Color.web("#22262c");
    static final Color TEXT = Color.web("#d8dee9");
    static final Color MUTED_TEXT = Color.web("#aab4c0");
    static final Color TEXT_ON_BAR = Color.web("#101418");
    static final Color BASELINE = Color.web("#ffffff", 0.35);
    static final Color GRID = Color.web("#ffffff", 0.18);
    /** Task-switch marks and the DDR bandwidth ceiling. */
    static final Color AMBER = Color.web("#ffb000");
    static final Color BUDGET = Color.web("#ff6b6b");
    static final Color TOKEN_WORK = Color.web("#ffe14d");
    static final Color CURSOR = Color.web("#ff4d4d");
    static final Color CURSOR_TEXT = Color.web("#ff8080");
    /** Weight traffic from DDR. */
    static final Color WEIGHT_TRAFFIC = Color.web("#e15759");
    /** Activation traffic to and from DDR. */
    static final Color ACTIVATION_TRAFFIC = Color.web("#7fa88b");
}
