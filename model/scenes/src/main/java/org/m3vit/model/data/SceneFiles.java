package org.m3vit.model.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.io.Npy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rendered scenes to a directory in the formats of docs/scenes.md: per scene an RGB PNG,
 * the class ids as an 8-bit grey PNG and as a colour PNG, depth as a 16-bit millimetre PNG and a
 * float32 metre {@code .npy}, normals as a float32 3 x H x W {@code .npy} and a visual PNG; and a
 * {@code manifest.json} describing them all.
 */
public final class SceneFiles {

    /** Largest depth a 16-bit millimetre PNG can hold. */
    public static final int MAX_DEPTH_MM = 65535;

    private SceneFiles() { }

    /** File name stem of a scene: {@code scene-<seed>}. */
    public static String stem(long seed) {
        return "scene-" + seed;
    }

    /** Writes the seven files of one scene into {@code dir}; returns their names by kind. */
    public static Map<String, String> write(Path dir, long seed, RenderedScene s) throws IOException {
        Files.createDirectories(dir);
        String stem = stem(seed);
        Map<String, String> names = new LinkedHashMap<>();
        names.put("rgb", stem + ".png");
        names.put("class", stem + "-class.png");
        names.put("classColor", stem + "-class-color.png");
        names.put("depthPng", stem + "-depth.png");
        names.put("depthNpy", stem + "-depth.npy");
        names.put("normalsNpy", stem + "-normals.npy");
        names.put("normalsPng", stem + "-normals.png");
        int h = s.height(), w = s.width(), n = h * w;
        png(rgbImage(s.rgb(), h, w), dir.resolve(names.get("rgb")));
        BufferedImage cls = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] cb = ((DataBufferByte) cls.getRaster().getDataBuffer()).getData();
        int[] colours = new int[n];
        SceneClass[] all = SceneClass.values();
        for (int i = 0; i < n; i++) {
            cb[i] = (byte) s.labels()[i];
            colours[i] = all[s.labels()[i]].rgb();
        }
        png(cls, dir.resolve(names.get("class")));
        png(rgbImage(colours, h, w), dir.resolve(names.get("classColor")));
        png(depthImage(s.depth(), h, w), dir.resolve(names.get("depthPng")));
        Npy.write(dir.resolve(names.get("depthNpy")), s.depth(), h, w);
        Npy.write(dir.resolve(names.get("normalsNpy")), s.normals(), 3, h, w);
        int[] nv = new int[n];
        float[] nm = s.normals();
        for (int i = 0; i < n; i++) {
            nv[i] = (toByte(nm[i]) << 16) | (toByte(nm[n + i]) << 8) | toByte(nm[2 * n + i]);
        }
        png(rgbImage(nv, h, w), dir.resolve(names.get("normalsPng")));
        return names;
    }

    /** Depth in metres as a 16-bit grey image of millimetres (rounded, clamped to 0..65535). */
    public static BufferedImage depthImage(float[] depth, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        short[] px = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            long mm = Math.round(depth[i] * 1000.0);
            px[i] = (short) Math.max(0, Math.min(MAX_DEPTH_MM, mm));
        }
        return img;
    }

    /** The manifest of a directory of scenes, as written to {@code manifest.json}. */
    public static Map<String, Object> manifest(int height, int width, List<Long> seeds, List<Map<String, String>> files,
                                               List<Scene> scenes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("renderer", "m3vit synthetic indoor scenes");
        m.put("rendererVersion", SceneRenderer.VERSION);
        m.put("height", height);
        m.put("width", width);
        m.put("count", seeds.size());
        m.put("seeds", seeds);
        List<Map<String, Object>> classes = new ArrayList<>();
        for (SceneClass c : SceneClass.values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", c.ordinal());
            e.put("name", c.label());
            e.put("color", String.format("#%06X", c.rgb()));
            classes.add(e);
        }
        m.put("classes", classes);
        m.put("rgb", "8-bit sRGB PNG");
        m.put("class", "8-bit grey PNG, value = class id; -class-color.png shows the class colours");
        m.put("depth", ordered(
                "meaning", "z-depth: distance along the camera's forward axis, as NYUD depth (not the ray length)",
                "npy", "float32, shape (H, W), metres",
                "png", "16-bit grey, millimetres, rounded, clamped to 65535"));
        m.put("normals", ordered(
                "frame", "camera frame (NYU/OpenCV): x right, y down, z forward",
                "orientation", "unit length, towards the camera (n . ray < 0): a wall straight ahead is (0, 0, -1)",
                "npy", "float32, shape (3, H, W), channel-major",
                "png", "RGB = round((n + 1) / 2 * 255) for x, y, z"));
        m.put("camera", "pinhole, square pixels, principal point at the image centre, focal length in pixels = (W / 2) / tan(horizontalFov / 2)");
        double f = (width / 2.0) / StrictMath.tan(Camera.HORIZONTAL_FOV / 2);
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("horizontalFovDegrees", round(Math.toDegrees(Camera.HORIZONTAL_FOV)));
        k.put("verticalFovDegrees", round(Math.toDegrees(2 * StrictMath.atan((height / 2.0) / f))));
        k.put("fx", round(f));
        k.put("fy", round(f));
        k.put("cx", width / 2.0);
        k.put("cy", height / 2.0);
        k.put("note", "the same for every scene; pixels, origin at the top-left corner of the top-left pixel");
        m.put("intrinsics", k);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seed", seeds.get(i));
            e.put("files", files.get(i));
            e.putAll(describe(scenes.get(i), width));
            items.add(e);
        }
        m.put("scenes", items);
        return m;
    }

    /** Camera, room, objects and light count of a scene, for the manifest. */
    public static Map<String, Object> describe(Scene scene, int width) {
        Map<String, Object> e = new LinkedHashMap<>();
        Camera c = scene.camera();
        Map<String, Object> cam = new LinkedHashMap<>();
        cam.put("position", List.of(round(c.x()), round(c.y()), round(c.z())));
        cam.put("yawDegrees", round(Math.toDegrees(c.yaw())));
        cam.put("pitchDegrees", round(Math.toDegrees(c.pitch())));
        cam.put("rollDegrees", round(Math.toDegrees(c.roll())));
        cam.put("horizontalFovDegrees", round(Math.toDegrees(c.horizontalFov())));
        cam.put("focalPixels", round(c.focalPixels(width)));
        e.put("camera", cam);
        Room r = scene.room();
        e.put("room", List.of(round(r.width()), round(r.height()), round(r.depth())));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("class", o.sceneClass().label());
            d.put("position", List.of(round(o.x()), round(o.y()), round(o.z())));
            d.put("yawDegrees", round(Math.toDegrees(o.yaw())));
            d.put("primitives", o.partCount());
            objects.add(d);
        }
        e.put("objects", objects);
        e.put("lights", scene.lights().size());
        return e;
    }

    /** Writes a manifest map as indented JSON. */
    public static void writeManifest(Path file, Map<String, Object> manifest) throws IOException {
        AtomicFiles.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest));
    }

    /** A map of key/value pairs in the given order (stable JSON output). */
    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1) / 2 * 255)));
    }

    private static BufferedImage rgbImage(int[] rgb, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }

    private static void png(BufferedImage img, Path file) throws IOException {
        AtomicFiles.writePng(file, img);
    }
}
