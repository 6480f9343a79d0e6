package org.m3vit.hw.panel;

import org.m3vit.hw.sim.InferenceSummary;
import org.m3vit.hw.sim.SimEvent;
import org.m3vit.hw.sim.SimResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vertical markers of a timeline: where each transformer block of each inference starts, and where the task switches. */
public final class TimelineMarks {

    /** A marker at {@code cycle}; {@code taskSwitch} marks the start of an inference of another task. */
    public record Mark(double cycle, String label, boolean taskSwitch) { }

    private TimelineMarks() { }

    /** Layer boundaries (first event of each block, per inference) and task switches of {@code r}. */
    public static List<Mark> of(SimResult r) {
        Map<String, Double> firstOfLayer = new LinkedHashMap<>();
        for (SimEvent e : r.events()) {
            if (!e.layer().startsWith("block ") && !e.layer().startsWith("head")) continue;
            String key = e.inference() + "/" + e.layer();
            Double prev = firstOfLayer.get(key);
            if (prev == null || e.startCycle() < prev) firstOfLayer.put(key, e.startCycle());
        }
        List<Mark> marks = new ArrayList<>();
        firstOfLayer.forEach((k, c) -> {
            String layer = k.substring(k.indexOf('/') + 1);
            marks.add(new Mark(c, layer.startsWith("block ") ? "b" + layer.substring(6) : layer, false));
        });
        List<InferenceSummary> inf = r.inferences();
        for (int i = 1; i < inf.size(); i++) {
            if (!inf.get(i).task().equals(inf.get(i - 1).task())) {
                marks.add(new Mark(inf.get(i).startCycle(), inf.get(i - 1).task() + " -> " + inf.get(i).task(), true));
            } else {
                marks.add(new Mark(inf.get(i).startCycle(), "again " + inf.get(i).task(), true));
            }
        }
        marks.sort((a, b) -> Double.compare(a.cycle(), b.cycle()));
        return marks;
    }
}
