package org.m3vit.model.data;

import java.util.List;

/**
 * Everything needed to render one image: the room, the objects in it (furniture and wall-mounted
 * things), the point lights, the ambient light (linear RGB) and the camera.
 */
public record Scene(Room room, List<SceneObject> objects, List<Light> lights, double[] ambient, Camera camera) {

    public Scene {
        objects = List.copyOf(objects);
        lights = List.copyOf(lights);
        if (ambient.length != 3) throw new IllegalArgumentException("ambient light needs 3 components, got " + ambient.length);
        ambient = ambient.clone();
    }
}
