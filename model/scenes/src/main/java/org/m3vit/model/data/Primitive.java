package org.m3vit.model.data;

/**
 * One solid in its object's local frame (y up): an axis-aligned box, a vertical capped cylinder or
 * an axis-aligned ellipsoid (a sphere when the radii are equal), with its material.
 */
public final class Primitive {

    /** The three solid kinds. */
    public enum Kind { BOX, CYLINDER, ELLIPSOID }

    final Kind kind;
    /** Kind as a small int for a cheap switch in the ray loop: 0 box, 1 cylinder, 2 ellipsoid. */
    private final int code;
    /** BOX: min corner; CYLINDER: centre x, y0, centre z; ELLIPSOID: centre. */
    final double ax, ay, az;
    /** BOX: max corner; CYLINDER: radius, y1, unused; ELLIPSOID: radii. */
    final double bx, by, bz;
    final Material material;
    final double minX, minY, minZ, maxX, maxY, maxZ;

    private Primitive(Kind kind, double ax, double ay, double az, double bx, double by, double bz, Material material) {
        this.kind = kind;
        this.code = kind.ordinal();
        this.ax = ax; this.ay = ay; this.az = az;
        this.bx = bx; this.by = by; this.bz = bz;
        this.material = material;
        switch (kind) {
            case BOX -> { minX = ax; minY = ay; minZ = az; maxX = bx; maxY = by; maxZ = bz; }
            case CYLINDER -> { minX = ax - bx; maxX = ax + bx; minY = ay; maxY = by; minZ = az - bx; maxZ = az + bx; }
            default -> { minX = ax - bx; maxX = ax + bx; minY = ay - by; maxY = ay + by; minZ = az - bz; maxZ = az + bz; }
        }
        if (!(minX < maxX && minY < maxY && minZ < maxZ)) {
            throw new IllegalArgumentException(kind + " primitive has an empty extent: x " + minX + ".." + maxX
                    + ", y " + minY + ".." + maxY + ", z " + minZ + ".." + maxZ);
        }
    }

    /** Box from corner (x0, y0, z0) to corner (x1, y1, z1). */
    public static Primitive box(double x0, double y0, double z0, double x1, double y1, double z1, Material m) {
        return new Primitive(Kind.BOX, Math.min(x0, x1), Math.min(y0, y1), Math.min(z0, z1),
                Math.max(x0, x1), Math.max(y0, y1), Math.max(z0, z1), m);
    }

    /** Vertical cylinder of radius r around (cx, cz), from height y0 to y1, with flat caps. */
    public static Primitive cylinder(double cx, double cz, double r, double y0, double y1, Material m) {
        return new Primitive(Kind.CYLINDER, cx, Math.min(y0, y1), cz, r, Math.max(y0, y1), 0, m);
    }

    /** Ellipsoid centred at (cx, cy, cz) with radii (rx, ry, rz) along the local axes. */
    public static Primitive ellipsoid(double cx, double cy, double cz, double rx, double ry, double rz, Material m) {
        return new Primitive(Kind.ELLIPSOID, cx, cy, cz, rx, ry, rz, m);
    }

    /** Sphere of radius r centred at (cx, cy, cz). */
    public static Primitive sphere(double cx, double cy, double cz, double r, Material m) {
        return ellipsoid(cx, cy, cz, r, r, r, m);
    }

    /** The kind of solid. */
    public Kind kind() { return kind; }

    /** Its material. */
    public Material material() { return material; }

    /**
     * Nearest entry of the local ray o + t d with {@code tMin < t < tMax} (rays starting inside
     * the solid see nothing of it); writes the outward local normal (unit) into {@code n} and
     * returns t, or {@code Double.POSITIVE_INFINITY} when there is none. {@code id*} are 1 / d.
     */
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz,
                     double idx, double idy, double idz, double tMin, double tMax, double[] n) {
        if (code == 0) return box(ox, oy, oz, idx, idy, idz, tMin, tMax, n);
        if (code == 1) return cylinder(ox, oy, oz, dx, dy, dz, tMin, tMax, n);
        return ellipsoid(ox, oy, oz, dx, dy, dz, tMin, tMax, n);
    }

    private double box(double ox, double oy, double oz, double idx, double idy, double idz,
                       double tMin, double tMax, double[] n) {
        double tx0 = (ax - ox) * idx, tx1 = (bx - ox) * idx;
        double ty0 = (ay - oy) * idy, ty1 = (by - oy) * idy;
        double tz0 = (az - oz) * idz, tz1 = (bz - oz) * idz;
        double nx = Math.min(tx0, tx1), fx = Math.max(tx0, tx1);
        double ny = Math.min(ty0, ty1), fy = Math.max(ty0, ty1);
        double nz = Math.min(tz0, tz1), fz = Math.max(tz0, tz1);
        double near = Math.max(nx, Math.max(ny, nz));
        double far = Math.min(fx, Math.min(fy, fz));
        if (near > far || near <= tMin || near >= tMax) return Double.POSITIVE_INFINITY;
        n[0] = 0; n[1] = 0; n[2] = 0;
        if (near == nx) n[0] = idx > 0 ? -1 : 1;
        else if (near == ny) n[1] = idy > 0 ? -1 : 1;
        else n[2] = idz > 0 ? -1 : 1;
        return near;
    }

    private double cylinder(double ox, double oy, double oz, double dx, double dy, double dz,
                            double tMin, double tMax, double[] n) {
        double r = bx, y0 = ay, y1 = by;
        double px = ox - ax, pz = oz - az;
        double best = Double.POSITIVE_INFINITY;
        double a = dx * dx + dz * dz;
        if (a > 1e-18) {
            double b = px * dx + pz * dz, c = px * px + pz * pz - r * r;
            double disc = b * b - a * c;
            if (disc >= 0) {
                double t = (-b - Math.sqrt(disc)) / a;
                if (t > tMin && t < tMax) {
                    double y = oy + t * dy;
                    if (y >= y0 && y <= y1) {
                        best = t;
                        n[0] = (px + t * dx) / r; n[1] = 0; n[2] = (pz + t * dz) / r;
                    }
                }
            }
        }
        if (dy != 0) {
            double capY = oy > y1 ? y1 : oy < y0 ? y0 : Double.NaN;
            if (capY == capY) {
                double t = (capY - oy) / dy;
                if (t > tMin && t < tMax && t < best) {
                    double qx = px + t * dx, qz = pz + t * dz;
                    if (qx * qx + qz * qz <= r * r) {
                        best = t;
                        n[0] = 0; n[1] = capY == y1 ? 1 : -1; n[2] = 0;
                    }
                }
            }
        }
        return best;
    }

    private double ellipsoid(double ox, double oy, double oz, double dx, double dy, double dz,
                             double tMin, double tMax, double[] n) {
        double px = (ox - ax) / bx, py = (oy - ay) / by, pz = (oz - az) / bz;
        double qx = dx / bx, qy = dy / by, qz = dz / bz;
        double a = qx * qx + qy * qy + qz * qz;
        double b = px * qx + py * qy + pz * qz;
        double c = px * px + py * py + pz * pz - 1;
        double disc = b * b - a * c;
        if (disc < 0 || c < 0) return Double.POSITIVE_INFINITY;
        double t = (-b - Math.sqrt(disc)) / a;
        if (t <= tMin || t >= tMax) return Double.POSITIVE_INFINITY;
        double gx = (px + t * qx) / bx, gy = (py + t * qy) / by, gz = (pz + t * qz) / bz;
        double inv = 1 / Math.sqrt(gx * gx + gy * gy + gz * gz);
        n[0] = gx * inv; n[1] = gy * inv; n[2] = gz * inv;
        return t;
    }
}
