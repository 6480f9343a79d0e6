package org.m3vit.app.teach;

import javafx.scene.image.WritableImage;

/** Takes the slide set's pictures of a window, one view at a time; called off the FX thread, it does its FX work through {@code FxThread}. */
public interface SlideCamera {

    /**
     * One view's picture.
     *
     * @param file    the file name it gets, e.g. "01-input.png"
     * @param title   a short title
     * @param caption what it shows, with the numbers
     * @param picture the picture at the slide scale
     */
    record Shot(String file, String title, String caption, WritableImage picture) { }

    /** The heading of the slide set (image, task, model). */
    String heading() throws Exception;

    /** How many views there are. */
    int count() throws Exception;

    /** The picture of view {@code i} at {@code scale} screen pixels per layout pixel. */
    Shot take(int i, int scale) throws Exception;
}
