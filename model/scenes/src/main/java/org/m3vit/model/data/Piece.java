package org.m3vit.model.data;

import java.util.List;

/**
 * A built thing before placement: its class, primitives in its local frame (base at y = 0 for
 * furniture, wall surface at z = 0 for wall-mounted things, front towards +z), its footprint
 * width (x) and depth (z), its height, and where a light inside it sits (local), if it glows.
 */
record Piece(SceneClass sceneClass, List<Primitive> parts, double width, double depth, double height, double[] lightAt) {

    Piece(SceneClass sceneClass, List<Primitive> parts, double width, double depth, double height) {
        this(sceneClass, parts, width, depth, height, null);
    }
}
