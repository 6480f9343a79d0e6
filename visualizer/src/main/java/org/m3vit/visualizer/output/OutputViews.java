package org.m3vit.visualizer.output;

import org.m3vit.model.TaskSpec;

/** Picks the view for a task by its kind. */
public final class OutputViews {

    private OutputViews() { }

    /** A new view for {@code task}. */
    public static TaskOutputView create(TaskSpec task) {
        return switch (task.kind()) {
            case SEGMENTATION -> new SegmentationView(task);
            case DEPTH -> new DepthView(task);
            case NORMALS -> new NormalsView(task);
            case PROBABILITY -> new ProbabilityView(task);
        };
    }
}
