package org.m3vit.app.teach;

/**
 * One slide of the slide set: a view of the window as a PNG at the slide scale, with a caption.
 *
 * @param file    the PNG's file name in the slide folder, e.g. "03-routing-patches.png"
 * @param title   a short title, e.g. "Routing: patches"
 * @param caption what the picture shows: model, image, task, MoE layer and the numbers
 * @param png     the encoded picture
 * @param width   its width, pixels
 * @param height  its height, pixels
 * @param scale   picture pixels per screen pixel (2 for the usual 2x slides)
 */
public record Slide(String file, String title, String caption, byte[] png, int width, int height, int scale) { }
