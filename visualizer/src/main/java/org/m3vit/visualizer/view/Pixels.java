package org.m3vit.visualizer.view;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turns ARGB pixel arrays into JavaFX images and back. */
public final class Pixels {

    private Pixels() { }

    /** A {@code width x height} image from row-major 0xAARRGGBB pixels. */
    public static WritableImage toImage(int[] argb, int width, int height) {
        if (argb.length != width * height) {
            throw new IllegalArgumentException(argb.length + " pixels for a " + width + "x" + height + " image");
        }
        WritableImage img = new WritableImage(width, height);
        img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return img;
    }

    /** A JavaFX copy of an AWT image (e.g. one of {@code OutputImages}' pictures). */
    public static WritableImage fromAwt(java.awt.image.BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) px[i] |= 0xFF000000;
        return toImage(px, w, h);
    }

    /** The row-major 0xAARRGGBB pixels of an image. */
    public static int[] argb(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }
}
