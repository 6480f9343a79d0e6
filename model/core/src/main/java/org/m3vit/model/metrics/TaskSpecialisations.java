package org.m3vit.model.metrics;

import org.m3vit.model.InferenceResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link ExpertSpecialisation} of every task of a model, accumulated image by image. */
public final class TaskSpecialisations {

    private final Map<String, ExpertSpecialisation> byTask = new LinkedHashMap<>();
    private int images;

    /** Empty tables for {@code tasks}, classes named by {@code classNames}. */
    public TaskSpecialisations(List<String> tasks, List<String> classNames) {
        for (String t : tasks) byTask.put(t, new ExpertSpecialisation(classNames));
    }

    /** Adds one image: every task's routing in {@code result}, and what the image's tokens cover. */
    public void add(InferenceResult result, TokenProperties covered) {
        byTask.forEach((task, s) -> s.add(result.trace(task), covered));
        images++;
    }

    /** Images added. */
    public int images() { return images; }

    /** The tables per task, in task order. */
    public Map<String, ExpertSpecialisation> byTask() { return Collections.unmodifiableMap(byTask); }
}
