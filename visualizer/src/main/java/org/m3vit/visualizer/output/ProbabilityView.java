package org.m3vit.visualizer.output;

import javafx.scene.control.Label;
import org.m3vit.model.TaskSpec;
import org.m3vit.visualizer.color.ColorMap;
import org.m3vit.visualizer.legend.ColorBar;
import org.m3vit.visualizer.render.OutputImages;
import org.m3vit.visualizer.view.PixelPoint;
import org.m3vit.visualizer.view.Pixels;

import java.util.Locale;

/** A per-pixel probability (edge, saliency) in grey from 0 to 1, with its value under the cursor. */
public class ProbabilityView extends TaskOutputView {

    private final ColorBar bar = new ColorBar();
    private float[] p;

    /** A view for probability task {@code task}. */
    public ProbabilityView(TaskSpec task) {
        super(task, "probability per pixel (sigmoid of the head)");
        getChildren().addAll(bar, metrics);
    }

    @Override
    protected boolean hasTruth(GroundTruth gt) { return false; }

    @Override
    protected void render() {
        p = output.probabilities();
        prediction.imageProperty().set(Pixels.toImage(OutputImages.scalarArgb(p, output.width(), output.height(), ColorMap.GREY, 0, 1),
                output.width(), output.height()));
        bar.set(ColorMap.GREY, 0, 1, "");
    }

    @Override
    protected String describe(PixelPoint px) {
        float v = p[index(px)];
        bar.mark(v);
        return String.format(Locale.ROOT, "p = %.3f", v);
    }
}
