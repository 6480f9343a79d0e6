package org.m3vit.app.teach;

import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import org.m3vit.hw.panel.AnimationCursor;
import org.m3vit.hw.panel.TimeAxis;
import org.m3vit.hw.panel.TimelineView;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.RoutingTrace;
import org.m3vit.visualizer.routing.ExpertColors;
import org.m3vit.visualizer.routing.RoutingAnimation;
import org.m3vit.visualizer.routing.RoutingFlowView;
import org.m3vit.visualizer.routing.TokenPathView;
import org.m3vit.visualizer.view.PixelDensity;

/**
 * One picture per frame of the clip exports, drawn off screen with the window's own views: a title
 * line, the routing flow animation (with the followed token's path through the layers beside it),
 * and the hardware timeline twice, the whole inference and zoomed on the MoE work of the layer shown,
 * each with its cursor where the window's would stand for the same animation position
 * ({@link AnimationCursor#locate}: the MoE layer maps to that block's MoE work on the simulated
 * schedule, the phase to a point in it). Pictures wider than 1280 or taller than 720
 * pixels keep that layout and are drawn at a higher pixel density, so their text grows with them.
 * Build and render on the FX thread.
 */
public final class RoutingClip {

    /** Layout size that larger pictures are scaled up from. */
    static final double BASE_WIDTH = 1280;
    static final double BASE_HEIGHT = 720;
    private static final String BACKGROUND = "#14171b";
    /** Layout height from which the whole-inference timeline is shown above the zoomed one (below it the flow needs the room). */
    static final double MIN_HEIGHT_FOR_OVERVIEW = 600;

    /**
     * What a clip shows.
     *
     * @param trace         the task's routing
     * @param hardware      one simulated inference of that routing
     * @param token         the token followed, -1 for none
     * @param title         the title line (model, image, task)
     * @param hardwareTitle the line above the timeline (schedule, hardware, latency)
     */
    public record Content(RoutingTrace trace, SimResult hardware, int token, String title, String hardwareTitle) { }

    private final Content content;
    private final int width;
    private final int height;
    private final double scale;
    private final RoutingAnimation animation = new RoutingAnimation();
    private final RoutingFlowView flow = new RoutingFlowView(animation);
    private final TokenPathView path = new TokenPathView();
    private final TimelineView timeline;
    private final TimeAxis zoomAxis = new TimeAxis();
    private final TimelineView zoom = new TimelineView(zoomAxis);
    private final VBox root;
    private final WritableImage image;
    private final SnapshotParameters params = new SnapshotParameters();

    /** A clip of {@code width x height} pixels showing {@code content}. */
    public RoutingClip(Content content, int width, int height) {
        this.content = content;
        this.width = width;
        this.height = height;
        this.scale = Math.max(1, Math.min(width / BASE_WIDTH, height / BASE_HEIGHT));
        double lw = width / scale, lh = height / scale;

        Label title = new Label(content.title());
        title.setTextFill(Color.WHITE);
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        title.setMaxWidth(Double.MAX_VALUE);
        flow.setTrace(content.trace());
        flow.selectedTokenProperty().set(content.token());
        HBox.setHgrow(flow, Priority.ALWAYS);
        HBox middle = new HBox(8, flow);
        if (content.token() >= 0 && content.token() < content.trace().numTokens()) {
            path.show(content.trace(), content.token());
            StackPane card = new StackPane(path);
            card.setAlignment(Pos.TOP_LEFT);
            card.setStyle("-fx-background-color: #f4f4f4; -fx-background-radius: 6;");
            card.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            middle.getChildren().add(card);
        }
        VBox.setVgrow(middle, Priority.ALWAYS);
        boolean overview = lh >= MIN_HEIGHT_FOR_OVERVIEW;
        Label hwTitle = new Label(content.hardwareTitle() + (overview ? " Top: the whole inference; below: zoomed on the MoE work of the layer"
                + " shown above." : " Zoomed on the MoE work of the layer shown above.") + " Red line: where the animation is; white outlines:"
                + " the expert whose weights load and the expert computing there.");
        hwTitle.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // its two lines, never an ellipsis: the flow gives way
        hwTitle.setTextFill(Color.web("#d8dee9"));
        hwTitle.setStyle("-fx-font-size: 12px;");
        hwTitle.setWrapText(true);
        TimeAxis axis = new TimeAxis();
        axis.reset(content.hardware().totals().cycles());
        timeline = new TimelineView(axis);
        timeline.setResult(content.hardware());
        timeline.setCursorCaptionShown(false); // the zoomed timeline under it says what the cursor shows
        double overviewHeight = Math.max(96, lh * 0.15), zoomed = Math.max(120, lh * 0.22);
        timeline.setMinHeight(overviewHeight);
        timeline.setPrefHeight(overviewHeight);
        zoomAxis.reset(content.hardware().totals().cycles());
        zoom.setResult(content.hardware());
        zoom.setMinHeight(zoomed);
        zoom.setPrefHeight(zoomed);
        root = new VBox(6, title, middle, hwTitle);
        if (overview) root.getChildren().add(timeline);
        root.getChildren().add(zoom);
        root.setPadding(new Insets(8, 10, 8, 10));
        root.setStyle("-fx-background-color: " + BACKGROUND + ";");
        root.setMinSize(lw, lh);
        root.setPrefSize(lw, lh);
        root.setMaxSize(lw, lh);
        new Scene(root, lw, lh, Color.web(BACKGROUND));
        params.setFill(Color.web(BACKGROUND));
        params.setTransform(Transform.scale(scale, scale));
        image = new WritableImage(width, height);
        if (scale != 1) PixelDensity.applyTo(root, scale);
    }

    /** Where the timeline's cursor stands at animation {@code position}: as in the window (null when that layer has no MoE work). */
    public AnimationCursor cursorAt(double position) {
        return AnimationCursor.locate(content.hardware(), 0, content.trace(), position, content.token());
    }

    /** The picture at animation {@code position} (whole part = MoE layer, fraction = how far the tokens have flowed). */
    public Frame render(double position) {
        animation.positionProperty().set(position);
        AnimationCursor cursor = cursorAt(position);
        timeline.setCursor(cursor);
        if (cursor != null) {
            double span = cursor.toCycle() - cursor.fromCycle();
            zoomAxis.set(cursor.fromCycle() - 0.06 * span, cursor.toCycle() + 0.06 * span);
        }
        zoom.setCursor(cursor);
        path.highlight(animation.layer());
        WritableImage shot = root.snapshot(params, image);
        int[] argb = new int[width * height];
        shot.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return new Frame(width, height, argb);
    }

    /** The colours the frames draw flat and must keep exactly: every expert's. */
    public int[] flatColours() {
        int[] c = new int[content.trace().numExperts()];
        for (int e = 0; e < c.length; e++) c[e] = ExpertColors.argb(e);
        return c;
    }

    /** The box of expert {@code e} in the flow view, in frame pixels (after a {@link #render}). */
    public Bounds expertBox(int e) { return toFrame(flow.localToScene(flow.expertBounds(e))); }

    /** The zoomed timeline's area in frame pixels (after a {@link #render}). */
    public Bounds zoomArea() { return toFrame(zoom.localToScene(zoom.getLayoutBounds())); }

    /** The x of the zoomed timeline cursor's line in frame pixels after the last {@link #render}, NaN when none is drawn. */
    public double zoomCursorX() {
        double x = zoom.cursorX();
        return Double.isNaN(x) ? x : zoom.localToScene(x, 0).getX() * scale;
    }

    /** The whole-inference timeline's area in frame pixels (after a {@link #render}); empty below {@link #MIN_HEIGHT_FOR_OVERVIEW}. */
    public Bounds timelineArea() { return toFrame(timeline.localToScene(timeline.getLayoutBounds())); }

    /** The x of the timeline cursor's line in frame pixels after the last {@link #render}, NaN when none is drawn. */
    public double cursorX() {
        double x = timeline.cursorX();
        return Double.isNaN(x) ? x : timeline.localToScene(x, 0).getX() * scale;
    }

    private Bounds toFrame(Bounds b) {
        return new javafx.geometry.BoundingBox(b.getMinX() * scale, b.getMinY() * scale, b.getWidth() * scale, b.getHeight() * scale);
    }
}
