package org.m3vit.model.data;

/** The procedural texture patterns a {@link Material} can have. */
public enum Pattern {
    /** One flat colour. */
    SOLID,
    /** 3-D checkerboard of two colours. */
    CHECKER,
    /** Parallel bands along one axis. */
    STRIPES,
    /** Tiles: cells of the first colour separated by thin grout lines of the second. */
    GRID,
    /** Wood grain: noisy growth rings around one axis. */
    WOOD,
    /** Fractal value noise blending the two colours. */
    NOISE
}
