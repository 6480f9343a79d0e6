package org.m3vit.app.cli;

import org.m3vit.app.service.GroundTruthReader;
import org.m3vit.app.service.SampleGallery;
import org.m3vit.app.viewmodel.MetricsText;
import org.m3vit.model.InferenceResult;
import org.m3vit.model.image.PreparedImage;
import org.m3vit.model.metrics.OutputDifference;
import org.m3vit.model.metrics.RoutingDelta;
import org.m3vit.visualizer.output.GroundTruth;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** What {@code infer --compare} prints per task: the change of the output, of the routing and, with ground truth, of the metric. */
final class InterventionReport {

    private InterventionReport() { }

    /** Prints, per task, the intervened result against the original (the gates' own routing) of the same image. */
    static void print(PrintWriter out, Path file, PreparedImage image, InferenceResult intervened, InferenceResult original, List<String> tasks)
            throws IOException {
        GroundTruth truth = GroundTruthReader.read(SampleGallery.sampleFor(file), image.placement());
        for (String t : tasks) {
            if (intervened.trace(t).intervention().isEmpty()) {
                out.println("  " + t + ": its own routing is not changed by this intervention");
                continue;
            }
            out.println("  " + t + ": " + OutputDifference.between(original.output(t), intervened.output(t)).describe() + " "
                    + RoutingDelta.describe(original.trace(t), intervened.trace(t)));
            String metrics = MetricsText.change(original.output(t), intervened.output(t), truth);
            if (metrics != null) out.println("  " + t + ": " + metrics);
        }
    }
}
