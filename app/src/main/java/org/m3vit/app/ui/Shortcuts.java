package org.m3vit.app.ui;

import java.util.List;

/** Every keyboard shortcut of the window, listed once for the help dialog and the docs. */
final class Shortcuts {

    /** One shortcut: keys and what they do. */
    record Entry(String keys, String action) { }

    static final List<Entry> ALL = List.of(
            new Entry("Ctrl+O", "open an image file"),
            new Entry("Ctrl+M", "open a model directory (config.json + model.safetensors)"),
            new Entry("Ctrl+Shift+O", "open a checkpoint of the published training code (import, then open it)"),
            new Entry("1 .. 9", "show task 1 .. 9 of the model"),
            new Entry("A", "all tasks side by side"),
            new Entry("G", "patch grid on the input image"),
            new Entry("Space", "play / pause the routing animation"),
            new Entry("[  /  ]", "previous / next MoE layer"),
            new Entry("Ctrl+1 .. Ctrl+6", "routing tabs: Patches, Flow, Usage, Compare, Experts, Intervene"),
            new Entry("Ctrl+Z", "undo the last routing-intervention step"),
            new Entry("Ctrl+E", "export the window as PNG"),
            new Entry("Ctrl+Shift+E", "export the outputs (PNG + .npy) to a folder"),
            new Entry("Ctrl+R", "export the routing traces (JSON + CSV) to a folder"),
            new Entry("Ctrl+T", "export teaching material: the routing animation with the hardware timeline as GIF / video, slides"),
            new Entry("Esc", "cancel the running inference"),
            new Entry("F1", "this help"),
            new Entry("Ctrl+Q", "quit"));

    private Shortcuts() { }
}
