package org.m3vit.model;

/** What a task head predicts, which decides its loss, post-processing and display. */
public enum TaskKind {
    /** Per-pixel class logits; argmax gives the class (semseg, human parts). */
    SEGMENTATION,
    /** One channel of metric depth in metres, raw regression. */
    DEPTH,
    /** Three channels, L2-normalised per pixel to a camera-frame unit normal. */
    NORMALS,
    /** One channel passed through a sigmoid (edge, saliency). */
    PROBABILITY
}
