package org.m3vit.model.data;

import java.util.List;

/**
 * One labelled thing in a scene (a piece of furniture, a door, a picture): primitives in a local
 * frame (y up, +z its front), placed at a world position and turned by a yaw about the vertical.
 * Every pixel it covers gets its class.
 */
public final class SceneObject {

    final SceneClass sceneClass;
    final double px, py, pz, yaw, cos, sin;
    final Primitive[] parts;
    final PartTree tree;
    final boolean castsShadow;
    /** Local bounds of all parts. */
    final double minX, minY, minZ, maxX, maxY, maxZ;
    /** World bounding sphere. */
    final double sx, sy, sz, radius;

    /**
     * @param sceneClass  label of every pixel this object covers
     * @param px          world x of the local origin
     * @param py          world y (height) of the local origin
     * @param pz          world z of the local origin
     * @param yaw         rotation about the vertical in radians: local +z points to world (sin yaw, 0, cos yaw)
     * @param parts       its primitives, in local coordinates
     * @param castsShadow whether it blocks shadow rays (wall-mounted flat things do not)
     */
    public SceneObject(SceneClass sceneClass, double px, double py, double pz, double yaw,
                       List<Primitive> parts, boolean castsShadow) {
        if (parts.isEmpty()) throw new IllegalArgumentException(sceneClass + " object has no primitives");
        this.sceneClass = sceneClass;
        this.px = px; this.py = py; this.pz = pz;
        this.yaw = yaw;
        this.cos = StrictMath.cos(yaw);
        this.sin = StrictMath.sin(yaw);
        this.tree = new PartTree(parts.toArray(new Primitive[0]));
        this.parts = tree.parts;
        this.castsShadow = castsShadow;
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, z0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE, z1 = -Double.MAX_VALUE;
        for (Primitive p : this.parts) {
            x0 = Math.min(x0, p.minX); y0 = Math.min(y0, p.minY); z0 = Math.min(z0, p.minZ);
            x1 = Math.max(x1, p.maxX); y1 = Math.max(y1, p.maxY); z1 = Math.max(z1, p.maxZ);
        }
        minX = x0; minY = y0; minZ = z0; maxX = x1; maxY = y1; maxZ = z1;
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, cz = (z0 + z1) / 2;
        sx = px + cx * cos + cz * sin;
        sy = py + cy;
        sz = pz - cx * sin + cz * cos;
        radius = 0.5 * Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0) + (z1 - z0) * (z1 - z0));
    }

    /** Its class. */
    public SceneClass sceneClass() { return sceneClass; }

    /** World x of its local origin. */
    public double x() { return px; }

    /** World height of its local origin. */
    public double y() { return py; }

    /** World z of its local origin. */
    public double z() { return pz; }

    /** Yaw in radians. */
    public double yaw() { return yaw; }

    /** Number of primitives. */
    public int partCount() { return parts.length; }

    /** Local bounds as {minX, minY, minZ, maxX, maxY, maxZ}. */
    public double[] localBounds() { return new double[] {minX, minY, minZ, maxX, maxY, maxZ}; }

    /** Top of its local bounds as a world height. */
    public double topY() { return py + maxY; }

    /** World footprint (axis-aligned box of the turned local bounds) as {x0, z0, x1, z1}. */
    public double[] footprint() {
        double x0 = Double.MAX_VALUE, z0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, z1 = -Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            double lx = (i & 1) == 0 ? minX : maxX, lz = (i & 2) == 0 ? minZ : maxZ;
            double wx = px + lx * cos + lz * sin, wz = pz - lx * sin + lz * cos;
            x0 = Math.min(x0, wx); x1 = Math.max(x1, wx); z0 = Math.min(z0, wz); z1 = Math.max(z1, wz);
        }
        return new double[] {x0, z0, x1, z1};
    }
}
