package org.m3vit.model.data;

import java.util.List;

/**
 * Casts the rays of one image through one scene: primary rays from the camera (nearest hit among
 * the room box and the objects' primitives), shadow rays to each point light, and the shading.
 * Objects are culled per ray by {@link ConeCulling} lists (screen tiles for camera rays, cube-map
 * cells around each light for shadow rays), then by a bounding cone per object and light, then by
 * the bounding boxes of their {@link PartTree}. Not thread-safe: one instance per image.
 */
final class RayCaster {

    private static final double SHADOW_OFFSET = 1e-3;
    private static final double T_MIN = 1e-9;

    private final Room room;
    private final SceneObject[] objects;
    private final Light[] lights;
    private final double ambR, ambG, ambB;
    final double camX, camY, camZ;
    private final double[] right, down, forward;

    /** Cube-map cells per face side around each light. */
    private static final int LIGHT_CELLS = 8;
    private static final double[][] CUBE = ConeCulling.cubeCells(LIGHT_CELLS);

    /** Candidate objects per screen tile, and the tiling. */
    private int[][] tiles;
    private int tileSize, tilesX;
    /** Angle of one pixel at the image centre, radians (1 / focal length in pixels). */
    private double pixelAngle;
    /** Candidate shadow casters per light and cube-map cell. */
    private final int[][][] lightCells;
    /** Light cones per light and object (index light * objects + object). */
    private final double[] lightAxis;
    private final double[] lightCos;
    private final double[] lightNear;

    // state of the last primary hit
    double hitT;
    int hitId;
    SceneClass hitClass;
    Material hitMaterial;
    double hnx, hny, hnz;
    double hpx, hpy, hpz;
    private double tlx, tly, tlz;
    private int faceAxis;
    private final double[] n = new double[3];
    private final double[] albedo = new double[3];
    private final int[] stack = new int[128];
    private int treePart;
    private final int[] lastOccluder;

    RayCaster(Scene scene) {
        this.room = scene.room();
        List<SceneObject> list = scene.objects();
        this.objects = list.toArray(new SceneObject[0]);
        this.lights = scene.lights().toArray(new Light[0]);
        this.ambR = scene.ambient()[0];
        this.ambG = scene.ambient()[1];
        this.ambB = scene.ambient()[2];
        Camera cam = scene.camera();
        camX = cam.x(); camY = cam.y(); camZ = cam.z();
        double[][] axes = cam.axes();
        right = axes[0]; down = axes[1]; forward = axes[2];
        int no = objects.length;
        lightAxis = new double[3 * no * lights.length];
        lightCos = new double[no * lights.length];
        lightNear = new double[no * lights.length];
        lastOccluder = new int[lights.length];
        java.util.Arrays.fill(lastOccluder, -1);
        lightCells = new int[lights.length][][];
        for (int l = 0; l < lights.length; l++) {
            Light li = lights[l];
            lightCells[l] = ConeCulling.lists(li.x(), li.y(), li.z(), objects, true, CUBE[0], CUBE[1]);
            for (int i = 0; i < no; i++) {
                int k = l * no + i;
                lightCos[k] = cone(li.x(), li.y(), li.z(), objects[i], lightAxis, 3 * k);
                SceneObject o = objects[i];
                double dx = o.sx - li.x(), dy = o.sy - li.y(), dz = o.sz - li.z();
                lightNear[k] = Math.sqrt(dx * dx + dy * dy + dz * dz) - o.radius;
            }
        }
    }

    /**
     * Prepares camera rays for an image: splits it into square tiles of {@code tile} pixels and
     * lists, per tile, the objects whose bounding cone meets the tile's cone of rays.
     */
    void prepareCamera(int width, int height, double focal, int tile) {
        pixelAngle = 1 / focal;
        tileSize = tile;
        tilesX = (width + tile - 1) / tile;
        int tilesY = (height + tile - 1) / tile;
        double[] axes = new double[3 * tilesX * tilesY], cos = new double[tilesX * tilesY];
        double cx = width / 2.0, cy = height / 2.0;
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                int c = ty * tilesX + tx;
                double x0 = tx * tile, x1 = Math.min(width, x0 + tile), y0 = ty * tile, y1 = Math.min(height, y0 + tile);
                double[] centre = ray((x0 + x1) / 2, (y0 + y1) / 2, cx, cy, focal);
                System.arraycopy(centre, 0, axes, 3 * c, 3);
                double min = 1;
                for (int k = 0; k < 4; k++) {
                    double[] d = ray((k & 1) == 0 ? x0 : x1, (k >> 1) == 0 ? y0 : y1, cx, cy, focal);
                    min = Math.min(min, centre[0] * d[0] + centre[1] * d[1] + centre[2] * d[2]);
                }
                cos[c] = min - 1e-9;
            }
        }
        tiles = ConeCulling.lists(camX, camY, camZ, objects, false, axes, cos);
    }

    /** Tile of pixel (x, y), after {@link #prepareCamera}. */
    int tileOf(int x, int y) {
        return (y / tileSize) * tilesX + x / tileSize;
    }

    /** Unit world direction through image point (px, py) in pixel units. */
    private double[] ray(double px, double py, double cx, double cy, double focal) {
        double u = (px - cx) / focal, v = (py - cy) / focal;
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) d[i] = forward[i] + u * right[i] + v * down[i];
        double l = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        d[0] /= l; d[1] /= l; d[2] /= l;
        return d;
    }

    double[] right() { return right; }

    double[] down() { return down; }

    double[] forward() { return forward; }

    /** Cone from a viewpoint around an object's bounding sphere; returns cos(half angle), or -2 if inside. */
    private static double cone(double x, double y, double z, SceneObject o, double[] axis, int at) {
        double dx = o.sx - x, dy = o.sy - y, dz = o.sz - z;
        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double r = o.radius * 1.0001 + 1e-6;
        if (d <= r) return -2;
        axis[at] = dx / d; axis[at + 1] = dy / d; axis[at + 2] = dz / d;
        double s = r / d;
        return Math.sqrt(1 - s * s);
    }

    /**
     * Nearest surface along the camera ray camera + t d (d need not be unit length); fills the hit
     * state (world normal facing the ray, class, material, texture point). {@code tile} is the
     * screen tile the ray passes through ({@link #tileOf}).
     */
    void trace(double dx, double dy, double dz, int tile) {
        double ox = camX, oy = camY, oz = camZ;
        // the room: exit point of the box, seen from inside
        double best = Double.POSITIVE_INFINITY;
        int face = -1;
        if (dx > 0) { double t = (room.width() - ox) / dx; if (t < best) { best = t; face = 1; } }
        else if (dx < 0) { double t = -ox / dx; if (t < best) { best = t; face = 3; } }
        if (dy > 0) { double t = (room.height() - oy) / dy; if (t < best) { best = t; face = 5; } }
        else if (dy < 0) { double t = -oy / dy; if (t < best) { best = t; face = 4; } }
        if (dz > 0) { double t = (room.depth() - oz) / dz; if (t < best) { best = t; face = 2; } }
        else if (dz < 0) { double t = -oz / dz; if (t < best) { best = t; face = 0; } }
        int bestObj = -1, bestPart = -1;
        double bnx = 0, bny = 0, bnz = 0;
        double blx = 0, bly = 0, blz = 0;
        for (int i : tiles[tile]) {
            SceneObject o = objects[i];
            double wx = ox - o.px, wz = oz - o.pz;
            double lox = wx * o.cos - wz * o.sin, loy = oy - o.py, loz = wx * o.sin + wz * o.cos;
            double ldx = dx * o.cos - dz * o.sin, ldy = dy, ldz = dx * o.sin + dz * o.cos;
            double idx = 1 / nonZero(ldx), idy = 1 / nonZero(ldy), idz = 1 / nonZero(ldz);
            double t = nearest(o.tree, lox, loy, loz, ldx, ldy, ldz, idx, idy, idz, T_MIN, best, false);
            if (t < best) {
                best = t;
                bestObj = i;
                bestPart = treePart;
                bnx = n[0]; bny = n[1]; bnz = n[2];
                blx = lox + t * ldx; bly = loy + t * ldy; blz = loz + t * ldz;
            }
        }
        hitT = best;
        hpx = ox + best * dx; hpy = oy + best * dy; hpz = oz + best * dz;
        if (bestObj < 0) {
            hitId = -1 - face;
            tlx = hpx; tly = hpy; tlz = hpz;
            hnx = 0; hny = 0; hnz = 0;
            switch (face) {
                case 0 -> { hnz = 1; hitMaterial = room.walls()[0]; faceAxis = 2; }
                case 1 -> { hnx = -1; hitMaterial = room.walls()[1]; faceAxis = 0; }
                case 2 -> { hnz = -1; hitMaterial = room.walls()[2]; faceAxis = 2; }
                case 3 -> { hnx = 1; hitMaterial = room.walls()[3]; faceAxis = 0; }
                case 4 -> { hny = 1; hitMaterial = room.floor(); faceAxis = 1; }
                default -> { hny = -1; hitMaterial = room.ceiling(); faceAxis = 1; }
            }
            hitClass = face == 4 ? SceneClass.FLOOR : face == 5 ? SceneClass.CEILING : SceneClass.WALL;
        } else {
            SceneObject o = objects[bestObj];
            hitId = (bestObj << 12) | bestPart;
            hitClass = o.sceneClass;
            hitMaterial = o.parts[bestPart].material;
            hnx = bnx * o.cos + bnz * o.sin; hny = bny; hnz = -bnx * o.sin + bnz * o.cos;
            if (hnx * dx + hny * dy + hnz * dz > 0) { hnx = -hnx; hny = -hny; hnz = -hnz; }
            tlx = blx; tly = bly; tlz = blz;
            double ax = Math.abs(bnx), ay = Math.abs(bny), az = Math.abs(bnz);
            faceAxis = ax >= ay && ax >= az ? 0 : ay >= az ? 1 : 2;
        }
    }

    private static double nonZero(double v) {
        return v == 0 ? 1e-300 : v;
    }

    /**
     * Linear-RGB radiance leaving the last hit towards the camera, for the camera ray direction d:
     * albedo x (hemispheric ambient + unshadowed point lights) + Blinn-Phong highlight + emission.
     */
    void shade(double dx, double dy, double dz, double[] out) {
        Material m = hitMaterial;
        double nx = hnx, ny = hny, nz = hnz;
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double vx = -dx / len, vy = -dy / len, vz = -dz / len;
        double facing = Math.max(0.15, nx * vx + ny * vy + nz * vz);
        m.albedo(tlx, tly, tlz, faceAxis, hitT * len * pixelAngle / facing, albedo);
        double hemi = 0.8 + 0.2 * ny;
        double dr = ambR * hemi, dg = ambG * hemi, db = ambB * hemi;
        double sr = 0, sg = 0, sb = 0;
        double px = hpx + nx * SHADOW_OFFSET, py = hpy + ny * SHADOW_OFFSET, pz = hpz + nz * SHADOW_OFFSET;
        for (int l = 0; l < lights.length; l++) {
            Light li = lights[l];
            double lx = li.x() - px, ly = li.y() - py, lz = li.z() - pz;
            double d2 = lx * lx + ly * ly + lz * lz;
            double d = Math.sqrt(d2);
            double cosI = (nx * lx + ny * ly + nz * lz) / d;
            if (cosI <= 0) continue;
            if (shadowed(l, px, py, pz, lx, ly, lz, d)) continue;
            double att = 1 / (1 + d2);
            double k = cosI * att;
            dr += li.r() * k; dg += li.g() * k; db += li.b() * k;
            if (m.specular > 0) {
                double hx = lx / d + vx, hy = ly / d + vy, hz = lz / d + vz;
                double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
                double c = Math.max(0, (nx * hx + ny * hy + nz * hz) / hl);
                for (int s = 0; s < m.shininessSquarings; s++) c *= c;
                double spec = m.specular * c * att;
                sr += li.r() * spec; sg += li.g() * spec; sb += li.b() * spec;
            }
        }
        out[0] = albedo[0] * dr + sr + m.er;
        out[1] = albedo[1] * dg + sg + m.eg;
        out[2] = albedo[2] * db + sb + m.eb;
    }

    /**
     * True if an object blocks the segment from p to light l (direction (lx, ly, lz), length d).
     * The object that blocked this light last time is tried first: neighbouring pixels usually
     * share their occluder.
     */
    private boolean shadowed(int l, double px, double py, double pz, double lx, double ly, double lz, double d) {
        int last = lastOccluder[l];
        if (last >= 0 && blocks(l, last, px, py, pz, lx, ly, lz, d)) return true;
        int owner = lights[l].ownerIndex();
        for (int i : lightCells[l][ConeCulling.cubeCell(-lx, -ly, -lz, LIGHT_CELLS)]) {
            if (i == owner || i == last) continue;
            if (blocks(l, i, px, py, pz, lx, ly, lz, d)) {
                lastOccluder[l] = i;
                return true;
            }
        }
        return false;
    }

    /** True if object i blocks the segment from p to light l. */
    private boolean blocks(int l, int i, double px, double py, double pz, double lx, double ly, double lz, double d) {
        SceneObject o = objects[i];
        int k = l * objects.length + i;
        if (d < lightNear[k]) return false;
        double c = lightCos[k];
        // the direction from the light to the point is -(lx, ly, lz)
        if (c > -1 && -(lightAxis[3 * k] * lx + lightAxis[3 * k + 1] * ly + lightAxis[3 * k + 2] * lz) < c * d) return false;
        double wx = px - o.px, wz = pz - o.pz;
        double lox = wx * o.cos - wz * o.sin, loy = py - o.py, loz = wx * o.sin + wz * o.cos;
        double ldx = lx * o.cos - lz * o.sin, ldy = ly, ldz = lx * o.sin + lz * o.cos;
        double idx = 1 / nonZero(ldx), idy = 1 / nonZero(ldy), idz = 1 / nonZero(ldz);
        return nearest(o.tree, lox, loy, loz, ldx, ldy, ldz, idx, idy, idz, 1e-6, 1 - 1e-6, true) < 1;
    }

    /**
     * Nearest primitive of a part tree hit by a local ray with tMin < t < tMax (or, if {@code any},
     * the first one found); leaves its normal in {@code n} and its index in {@code treePart}.
     */
    private double nearest(PartTree tree, double ox, double oy, double oz, double dx, double dy, double dz,
                           double idx, double idy, double idz, double tMin, double tMax, boolean any) {
        double best = tMax;
        double nx = 0, ny = 0, nz = 0;
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int node = stack[--sp];
            if (!tree.hits(node, ox, oy, oz, idx, idy, idz, best)) continue;
            int cnt = tree.count[node];
            if (cnt == 0) {
                stack[sp++] = tree.right[node];
                stack[sp++] = tree.first[node];
                continue;
            }
            Primitive[] parts = tree.parts;
            for (int p = tree.first[node], e = p + cnt; p < e; p++) {
                double t = parts[p].intersect(ox, oy, oz, dx, dy, dz, idx, idy, idz, tMin, best, n);
                if (t < best) {
                    best = t;
                    treePart = p;
                    if (any) return t;
                    nx = n[0]; ny = n[1]; nz = n[2];
                }
            }
        }
        n[0] = nx; n[1] = ny; n[2] = nz;
        return best < tMax ? best : Double.POSITIVE_INFINITY;
    }
}
