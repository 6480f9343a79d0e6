package org.m3vit.visualizer.view;

/**
 * Chooses the number of columns for a set of equal-shaped pictures (each with a caption above it)
 * so that every picture is drawn as large as the area allows.
 */
public final class PictureGrid {

    private PictureGrid() { }

    /** A choice: columns and rows, and the size each picture gets (without its caption). */
    public record Layout(int columns, int rows, double pictureWidth, double pictureHeight) { }

    /**
     * The best of {@code columnChoices} for {@code count} pictures of height/width ratio
     * {@code aspect} in a {@code width} x {@code height} area, with {@code caption} pixels above
     * each picture and the given gaps between cells. Ties go to the earlier choice.
     */
    public static Layout best(int count, double width, double height, double aspect, double caption,
                              double hgap, double vgap, int... columnChoices) {
        if (count < 1 || columnChoices.length == 0) throw new IllegalArgumentException("need at least one picture and one column choice");
        Layout best = null;
        for (int columns : columnChoices) {
            int c = Math.max(1, Math.min(columns, count));
            int rows = (count + c - 1) / c;
            double cellWidth = (width - hgap * (c - 1)) / c;
            double cellHeight = (height - vgap * (rows - 1)) / rows - caption;
            double w = Math.max(0, Math.min(cellWidth, cellHeight / aspect));
            if (best == null || w > best.pictureWidth() + 0.5) best = new Layout(c, rows, w, w * aspect);
        }
        return best;
    }
}
