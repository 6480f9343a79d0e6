package org.m3vit.model.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a seed into a {@link Scene}: a room of random size and materials; a door, windows, pictures
 * and sometimes a wall shelf on its walls; furniture chosen by a random room kind (bedroom, living
 * room, dining room, office, or a mix) and placed against walls, in the middle, around tables or on
 * top of other furniture without overlaps; ceiling lights and lamps as point lights; and a camera
 * at eye height standing in free floor space, usually turned towards a piece of furniture.
 * Pure function of the seed.
 */
public final class SceneGenerator {

    /** Room kinds that decide which furniture is likely. */
    enum RoomKind { BEDROOM, LIVING, DINING, OFFICE, MIXED }

    private static final double MARGIN = 0.05;
    private static final int MAX_LIGHTS = 3;

    private final SceneRandom rnd;
    private final Room room;
    private final List<SceneObject> objects = new ArrayList<>();
    private final List<double[]> lightSpots = new ArrayList<>();
    private final List<Integer> lightOwners = new ArrayList<>();
    private final List<double[]> lightColours = new ArrayList<>();
    /** Occupied floor rectangles {x0, z0, x1, z1, object index or -1}. */
    private final List<double[]> floor = new ArrayList<>();
    /** Used wall spans per wall: {s0, s1, y0, y1}. */
    private final List<List<double[]>> wallSpans = new ArrayList<>();
    /** Indices of objects with a free top surface (tables, cabinets, low shelves). */
    private final List<Integer> tops = new ArrayList<>();

    private SceneGenerator(long seed) {
        this.rnd = new SceneRandom(seed ^ 0x5CE7E5EEDL);
        double w = rnd.uniform(3.0, 6.5), d = rnd.uniform(3.0, 6.5), h = rnd.uniform(2.4, 3.2);
        Material wall = Materials.random(rnd);
        Material[] walls = new Material[4];
        for (int k = 0; k < 4; k++) walls[k] = rnd.chance(0.8) ? wall : Materials.random(rnd);
        this.room = new Room(w, h, d, Materials.random(rnd), Materials.random(rnd), walls);
        for (int k = 0; k < 4; k++) wallSpans.add(new ArrayList<>());
    }

    /** The scene of {@code seed}. */
    public static Scene generate(long seed) {
        return new SceneGenerator(seed).build();
    }

    private Scene build() {
        addDoors();
        addWindows();
        double k = rnd.nextDouble();
        RoomKind kind = k < 0.25 ? RoomKind.BEDROOM : k < 0.5 ? RoomKind.LIVING : k < 0.65 ? RoomKind.DINING
                : k < 0.8 ? RoomKind.OFFICE : RoomKind.MIXED;
        addFurniture(kind);
        addPictures();
        addCeilingLights();
        addWindowLight();
        double a = rnd.uniform(0.08, 0.3);
        double[] tint = Materials.hsvToLinear(rnd.uniform(0.05, 0.65), rnd.uniform(0, 0.25), 1);
        List<Light> lights = new ArrayList<>();
        for (int i = 0; i < lightSpots.size(); i++) {
            double[] p = lightSpots.get(i), c = lightColours.get(i);
            lights.add(new Light(p[0], p[1], p[2], c[0], c[1], c[2], lightOwners.get(i)));
        }
        return new Scene(room, objects, lights, new double[] {a * tint[0], a * tint[1], a * tint[2]}, camera());
    }

    // ---------------------------------------------------------------- walls

    private void addDoors() {
        int n = rnd.chance(0.2) ? 2 : 1;
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int k = rnd.nextInt(4);
                double w = rnd.uniform(0.75, 1.0), h = rnd.uniform(1.95, Math.min(2.2, room.height() - 0.15));
                Piece door = WallItemFactory.door(rnd, w, h);
                double s = spanPosition(k, door.width());
                if (Double.isNaN(s) || !wallFree(k, s, door.width(), 0, door.height())) continue;
                int index = placeOnWall(door, k, s, 0);
                // keep the swing area in front of the door free of furniture
                double[] c = Room.wallNormal(k), pt = room.wallPoint(k, s);
                double half = door.width() / 2, reach = 0.9;
                double[] t = {c[1], -c[0]};
                double ax = pt[0] + t[0] * half, az = pt[1] + t[1] * half;
                double bx = pt[0] - t[0] * half + c[0] * reach, bz = pt[1] - t[1] * half + c[1] * reach;
                floor.add(new double[] {Math.min(ax, bx), Math.min(az, bz), Math.max(ax, bx), Math.max(az, bz), index});
                break;
            }
        }
    }

    private void addWindows() {
        double u = rnd.nextDouble();
        int n = u < 0.1 ? 0 : u < 0.55 ? 1 : u < 0.9 ? 2 : 3;
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int k = rnd.nextInt(4);
                double y0 = rnd.uniform(0.5, 1.1);
                double y1 = Math.min(room.height() - 0.2, y0 + rnd.uniform(0.9, 1.7));
                double w = rnd.uniform(0.7, 2.2);
                Piece win = WallItemFactory.window(rnd, w, y0, y1);
                double s = spanPosition(k, win.width());
                if (Double.isNaN(s) || !wallFree(k, s, win.width(), y0 - 0.2, y1 + 0.1)) continue;
                placeOnWall(win, k, s, 0);
                break;
            }
        }
    }

    private void addPictures() {
        int n = rnd.between(1, 5);
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int k = rnd.nextInt(4);
                double w = rnd.uniform(0.25, 1.3), h = rnd.uniform(0.2, 0.95);
                double yc = rnd.uniform(1.1, Math.min(2.0, room.height() - h / 2 - 0.2));
                Piece pic = WallItemFactory.picture(rnd, w, h, yc);
                double s = spanPosition(k, w);
                if (Double.isNaN(s) || !wallFree(k, s, w, yc - h / 2, yc + h / 2)) continue;
                placeOnWall(pic, k, s, 0);
                break;
            }
        }
    }

    private void addWallShelf() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int k = rnd.nextInt(4);
            double w = rnd.uniform(0.5, 1.5), y0 = rnd.uniform(1.0, 1.6);
            Piece shelf = WallItemFactory.wallShelf(rnd, w, y0);
            double s = spanPosition(k, w);
            if (Double.isNaN(s) || !wallFree(k, s, w, y0 - 0.1, shelf.height())) continue;
            int index = placeOnWall(shelf, k, s, 0);
            SceneObject o = objects.get(index);
            double[] fp = o.footprint();
            floor.add(new double[] {fp[0], fp[1], fp[2], fp[3], index});
            return;
        }
    }

    /** Random position along wall k for something of width w, or NaN if it does not fit. */
    private double spanPosition(int k, double w) {
        double len = room.wallLength(k);
        if (w + 0.3 > len) return Double.NaN;
        return rnd.uniform(w / 2 + 0.15, len - w / 2 - 0.15);
    }

    private boolean wallFree(int k, double s, double w, double y0, double y1) {
        for (double[] span : wallSpans.get(k)) {
            boolean overlapS = s - w / 2 < span[1] + 0.1 && s + w / 2 > span[0] - 0.1;
            boolean overlapY = y0 < span[3] && y1 > span[2];
            if (overlapS && overlapY) return false;
        }
        return true;
    }

    private int placeOnWall(Piece piece, int k, double s, double y) {
        double[] pt = room.wallPoint(k, s);
        wallSpans.get(k).add(new double[] {s - piece.width() / 2, s + piece.width() / 2, 0, piece.height()});
        objects.add(new SceneObject(piece.sceneClass(), pt[0], y, pt[1], Room.wallYaw(k), piece.parts(), false));
        return objects.size() - 1;
    }

    // ---------------------------------------------------------------- furniture

    private void addFurniture(RoomKind kind) {
        switch (kind) {
            case BEDROOM -> {
                int bed = againstWall(FurnitureFactory.bed(rnd));
                if (bed >= 0) {
                    int stands = rnd.between(0, 2);
                    for (int i = 0; i < stands; i++) beside(bed, FurnitureFactory.cabinet(rnd, true), i == 0 ? 1 : -1);
                }
                repeat(rnd.between(0, 2), () -> againstWall(FurnitureFactory.cabinet(rnd, false)));
                repeat(rnd.between(0, 1), () -> againstWall(FurnitureFactory.bookshelf(rnd)));
                if (rnd.chance(0.4)) desk();
                if (rnd.chance(0.3)) freeStanding(FurnitureFactory.chair(rnd));
                repeat(rnd.between(0, 1), this::floorPlant);
            }
            case LIVING -> {
                int sofa = againstWall(FurnitureFactory.sofa(rnd));
                if (sofa >= 0) inFront(sofa, FurnitureFactory.table(rnd, true), rnd.uniform(0.35, 0.6));
                if (rnd.chance(0.4)) freeStanding(FurnitureFactory.sofa(rnd));
                repeat(rnd.between(0, 2), () -> freeStanding(FurnitureFactory.chair(rnd)));
                repeat(rnd.between(0, 2), () -> againstWall(FurnitureFactory.bookshelf(rnd)));
                repeat(rnd.between(0, 1), () -> againstWall(FurnitureFactory.cabinet(rnd, false)));
                repeat(rnd.between(1, 2), this::floorPlant);
            }
            case DINING -> {
                int table = freeStanding(FurnitureFactory.table(rnd, false));
                if (table >= 0) chairsAround(table);
                repeat(rnd.between(0, 2), () -> againstWall(FurnitureFactory.cabinet(rnd, false)));
                repeat(rnd.between(0, 1), () -> againstWall(FurnitureFactory.bookshelf(rnd)));
                repeat(rnd.between(0, 2), this::floorPlant);
                if (rnd.chance(0.3)) againstWall(FurnitureFactory.sofa(rnd));
            }
            case OFFICE -> {
                repeat(rnd.between(1, 2), this::desk);
                repeat(rnd.between(1, 2), () -> againstWall(FurnitureFactory.bookshelf(rnd)));
                repeat(rnd.between(0, 2), () -> againstWall(FurnitureFactory.cabinet(rnd, false)));
                repeat(rnd.between(0, 1), this::floorPlant);
                if (rnd.chance(0.3)) againstWall(FurnitureFactory.sofa(rnd));
            }
            default -> {
                if (rnd.chance(0.5)) againstWall(FurnitureFactory.bed(rnd));
                if (rnd.chance(0.6)) againstWall(FurnitureFactory.sofa(rnd));
                int table = freeStanding(FurnitureFactory.table(rnd, rnd.chance(0.3)));
                if (table >= 0 && rnd.chance(0.6)) chairsAround(table);
                repeat(rnd.between(0, 2), () -> againstWall(FurnitureFactory.cabinet(rnd, rnd.chance(0.3))));
                repeat(rnd.between(0, 2), () -> againstWall(FurnitureFactory.bookshelf(rnd)));
                repeat(rnd.between(0, 2), this::floorPlant);
            }
        }
        int extras = rnd.between(2, 4);
        for (int i = 0; i < extras; i++) addExtra();
        if (rnd.chance(0.35)) addWallShelf();
        int lamps = rnd.between(1, 2);
        for (int i = 0; i < lamps; i++) {
            if (!tops.isEmpty() && rnd.chance(0.6)) onTop(FurnitureFactory.tableLamp(rnd));
            else cornerOrWall(FurnitureFactory.floorLamp(rnd));
        }
        int smallPlants = rnd.between(0, 2);
        for (int i = 0; i < smallPlants && !tops.isEmpty(); i++) onTop(FurnitureFactory.plant(rnd, true));
    }

    /** One more piece of any kind, so every room kind can hold every class. */
    private void addExtra() {
        switch (rnd.nextInt(7)) {
            case 0 -> freeStanding(FurnitureFactory.chair(rnd));
            case 1 -> againstWall(FurnitureFactory.cabinet(rnd, rnd.chance(0.5)));
            case 2 -> againstWall(FurnitureFactory.bookshelf(rnd));
            case 3 -> floorPlant();
            case 4 -> freeStanding(FurnitureFactory.table(rnd, rnd.chance(0.5)));
            case 5 -> againstWall(rnd.chance(0.6) ? FurnitureFactory.sofa(rnd) : FurnitureFactory.bed(rnd));
            default -> againstWall(FurnitureFactory.chair(rnd));
        }
    }

    private void repeat(int n, Runnable r) {
        for (int i = 0; i < n; i++) r.run();
    }

    private void floorPlant() {
        cornerOrWall(FurnitureFactory.plant(rnd, false));
    }

    private void desk() {
        int desk = againstWall(FurnitureFactory.table(rnd, false));
        if (desk >= 0 && rnd.chance(0.85)) inFront(desk, FurnitureFactory.chair(rnd), -0.25, Math.PI);
    }

    /** Places a piece with its back to a random wall; returns its index or -1. */
    private int againstWall(Piece piece) {
        for (int attempt = 0; attempt < 25; attempt++) {
            int k = rnd.nextInt(4);
            double s = spanPosition(k, piece.width());
            if (Double.isNaN(s)) continue;
            double[] pt = room.wallPoint(k, s), n = Room.wallNormal(k);
            double off = piece.depth() / 2 + 0.02;
            int i = tryPlace(piece, pt[0] + n[0] * off, pt[1] + n[1] * off, Room.wallYaw(k), -1);
            if (i >= 0) return i;
        }
        return -1;
    }

    /** Places a small piece in a corner or along a wall, any orientation. */
    private int cornerOrWall(Piece piece) {
        for (int attempt = 0; attempt < 25; attempt++) {
            double r = Math.max(piece.width(), piece.depth()) / 2 + 0.05;
            double x, z;
            if (rnd.chance(0.5)) {
                x = rnd.chance(0.5) ? r : room.width() - r;
                z = rnd.chance(0.5) ? r : room.depth() - r;
                x += rnd.uniform(0, 0.3) * (x < room.width() / 2 ? 1 : -1);
                z += rnd.uniform(0, 0.3) * (z < room.depth() / 2 ? 1 : -1);
            } else {
                int k = rnd.nextInt(4);
                double s = spanPosition(k, 2 * r);
                if (Double.isNaN(s)) continue;
                double[] pt = room.wallPoint(k, s), n = Room.wallNormal(k);
                x = pt[0] + n[0] * r;
                z = pt[1] + n[1] * r;
            }
            int i = tryPlace(piece, x, z, rnd.uniform(0, 2 * Math.PI), -1);
            if (i >= 0) return i;
        }
        return -1;
    }

    /** Places a piece somewhere on the floor away from the walls, axis-aligned or at any angle. */
    private int freeStanding(Piece piece) {
        for (int attempt = 0; attempt < 25; attempt++) {
            double r = Math.max(piece.width(), piece.depth()) / 2 + 0.3;
            if (2 * r > room.width() || 2 * r > room.depth()) return -1;
            double x = rnd.uniform(r, room.width() - r), z = rnd.uniform(r, room.depth() - r);
            double yaw = rnd.chance(0.5) ? rnd.nextInt(4) * Math.PI / 2 + rnd.uniform(-0.15, 0.15) : rnd.uniform(0, 2 * Math.PI);
            int i = tryPlace(piece, x, z, yaw, -1);
            if (i >= 0) return i;
        }
        return -1;
    }

    /** Places a piece in front of object {@code host} at the given gap, facing the same way. */
    private int inFront(int host, Piece piece, double gap) {
        return inFront(host, piece, gap, 0);
    }

    /** As {@link #inFront(int, Piece, double)}, turned by {@code turn} relative to the host. */
    private int inFront(int host, Piece piece, double gap, double turn) {
        SceneObject h = objects.get(host);
        double front = h.maxZ + gap + piece.depth() / 2;
        double x = h.px + front * h.sin, z = h.pz + front * h.cos;
        return tryPlace(piece, x, z, h.yaw + turn + rnd.uniform(-0.1, 0.1), host);
    }

    /** Places a piece beside object {@code host} (side +1 = its local +x), backs aligned. */
    private int beside(int host, Piece piece, int side) {
        SceneObject h = objects.get(host);
        double lx = side > 0 ? h.maxX + 0.05 + piece.width() / 2 : h.minX - 0.05 - piece.width() / 2;
        double lz = h.minZ + piece.depth() / 2;
        double x = h.px + lx * h.cos + lz * h.sin, z = h.pz - lx * h.sin + lz * h.cos;
        return tryPlace(piece, x, z, h.yaw, -1);
    }

    /** Chairs on the sides of a table, each facing the table centre. */
    private void chairsAround(int table) {
        SceneObject t = objects.get(table);
        double hx = (t.maxX - t.minX) / 2, hz = (t.maxZ - t.minZ) / 2;
        List<double[]> seats = new ArrayList<>();
        int perLong = hx > 0.7 ? 2 : 1;
        for (int i = 0; i < perLong; i++) {
            double x = perLong == 1 ? 0 : (i == 0 ? -hx / 2 : hx / 2);
            seats.add(new double[] {x, hz, Math.PI});
            seats.add(new double[] {x, -hz, 0});
        }
        seats.add(new double[] {hx, 0, -Math.PI / 2});
        seats.add(new double[] {-hx, 0, Math.PI / 2});
        int wanted = rnd.between(1, seats.size());
        for (int i = 0; i < seats.size() && wanted > 0; i++) {
            double[] s = seats.get(rnd.nextInt(seats.size()));
            Piece chair = FurnitureFactory.chair(rnd);
            double out = chair.depth() / 2 + rnd.uniform(-0.05, 0.2);
            double len = Math.hypot(s[0], s[1]);
            double lx = s[0], lz = s[1];
            if (Math.abs(s[0]) == hx && s[1] == 0) lx += Math.signum(s[0]) * out;
            else lz += Math.signum(s[1]) * out;
            double x = t.px + lx * t.cos + lz * t.sin, z = t.pz - lx * t.sin + lz * t.cos;
            double yaw = Math.atan2(t.px - x, t.pz - z) + rnd.uniform(-0.15, 0.15);
            if (len > 0 && tryPlace(chair, x, z, yaw, table) >= 0) wanted--;
        }
    }

    /** Places a small piece on the top of a random table, cabinet or shelf. */
    private int onTop(Piece piece) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int host = tops.get(rnd.nextInt(tops.size()));
            SceneObject h = objects.get(host);
            double fx = (h.maxX - h.minX) / 2 - piece.width() / 2, fz = (h.maxZ - h.minZ) / 2 - piece.depth() / 2;
            if (fx < 0 || fz < 0) continue;
            double lx = (h.minX + h.maxX) / 2 + rnd.uniform(-fx, fx), lz = (h.minZ + h.maxZ) / 2 + rnd.uniform(-fz, fz);
            double x = h.px + lx * h.cos + lz * h.sin, z = h.pz - lx * h.sin + lz * h.cos;
            double y = h.topY();
            if (y + piece.height() > room.height() - 0.1) continue;
            SceneObject o = new SceneObject(piece.sceneClass(), x, y, z, rnd.uniform(0, 2 * Math.PI), piece.parts(), true);
            objects.add(o);
            tops.remove(Integer.valueOf(host));
            addLamp(piece, objects.size() - 1);
            return objects.size() - 1;
        }
        return -1;
    }

    /**
     * Adds the piece at (x, z) turned by yaw if its footprint stays inside the room and clear of
     * everything placed (except {@code ignore}, e.g. the table a chair is pushed under); returns
     * its index or -1.
     */
    private int tryPlace(Piece piece, double x, double z, double yaw, int ignore) {
        SceneObject o = new SceneObject(piece.sceneClass(), x, 0, z, yaw, piece.parts(), true);
        double[] fp = o.footprint();
        if (fp[0] < 0 || fp[1] < 0 || fp[2] > room.width() || fp[3] > room.depth()) return -1;
        if (o.topY() > room.height() - 0.05) return -1;
        for (double[] r : floor) {
            if (ignore >= 0 && r[4] == ignore) continue;
            if (fp[0] < r[2] + MARGIN && fp[2] > r[0] - MARGIN && fp[1] < r[3] + MARGIN && fp[3] > r[1] - MARGIN) return -1;
        }
        objects.add(o);
        int index = objects.size() - 1;
        floor.add(new double[] {fp[0], fp[1], fp[2], fp[3], index});
        SceneClass c = piece.sceneClass();
        boolean flatTop = c == SceneClass.TABLE || c == SceneClass.CABINET || (c == SceneClass.SHELF && o.topY() < 1.3);
        if (flatTop && o.topY() < 1.6) tops.add(index);
        addLamp(piece, index);
        return index;
    }

    /** Registers the light of a glowing piece (lamps), if there is room for one more light. */
    private void addLamp(Piece piece, int index) {
        if (piece.lightAt() == null || lightSpots.size() >= MAX_LIGHTS - 1) return;
        SceneObject o = objects.get(index);
        double[] l = piece.lightAt();
        double x = o.px + l[0] * o.cos + l[2] * o.sin, z = o.pz - l[0] * o.sin + l[2] * o.cos;
        addLight(new double[] {x, o.py + l[1], z}, index, rnd.uniform(0.8, 2.5));
    }

    private void addLight(double[] at, int owner, double power) {
        double[] c = Materials.hsvToLinear(rnd.uniform(0.05, 0.6), rnd.uniform(0, 0.3), 1);
        lightSpots.add(at);
        lightOwners.add(owner);
        lightColours.add(new double[] {c[0] * power, c[1] * power, c[2] * power});
    }

    // ---------------------------------------------------------------- lights and camera

    private void addCeilingLights() {
        int n = rnd.chance(0.7) ? 1 : 2;
        for (int i = 0; i < n && lightSpots.size() < MAX_LIGHTS; i++) {
            double drop = rnd.chance(0.5) ? 0 : rnd.uniform(0.2, Math.max(0.25, room.height() - 2.3));
            Piece lamp = FurnitureFactory.ceilingLamp(rnd, drop);
            double x = rnd.uniform(0.3, 0.7) * room.width(), z = rnd.uniform(0.3, 0.7) * room.depth();
            double y = drop == 0 ? room.height() - lamp.height() / 2 : room.height() - lamp.height();
            SceneObject o = new SceneObject(SceneClass.LAMP, x, y, z, 0, lamp.parts(), true);
            objects.add(o);
            int index = objects.size() - 1;
            double[] l = lamp.lightAt();
            addLight(new double[] {x, y + l[1], z}, index, rnd.uniform(3, 9));
        }
    }

    private void addWindowLight() {
        if (lightSpots.size() >= MAX_LIGHTS) return;
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            if (o.sceneClass() != SceneClass.WINDOW) continue;
            double cx = (o.minX + o.maxX) / 2, cy = (o.minY + o.maxY) / 2, lz = 0.6;
            addLight(new double[] {o.px + cx * o.cos + lz * o.sin, o.py + cy, o.pz - cx * o.sin + lz * o.cos}, i, rnd.uniform(1, 4));
            return;
        }
    }

    /**
     * A camera that usually frames one object from its front side (furniture more often than
     * wall-mounted things), at 1.6 to 5 m, else a view from free floor space roughly towards the
     * middle of the room.
     */
    private Camera camera() {
        double fov = Camera.HORIZONTAL_FOV;
        double y = rnd.chance(0.1) ? rnd.uniform(0.7, 1.0) : rnd.uniform(1.0, 1.75);
        List<SceneObject> furniture = new ArrayList<>(), wallThings = new ArrayList<>();
        for (SceneObject o : objects) {
            if (o.sy > 2.0) continue;
            (o.castsShadow ? furniture : wallThings).add(o);
        }
        double u = rnd.nextDouble();
        List<SceneObject> pool = u < 0.8 ? furniture : u < 0.9 ? wallThings : List.of();
        if (pool.isEmpty() && u < 0.9) pool = furniture.isEmpty() ? wallThings : furniture;
        if (!pool.isEmpty()) {
            SceneObject t = rnd.pick(pool);
            for (int attempt = 0; attempt < 40; attempt++) {
                double dist = rnd.uniform(1.6, 5.0), a = t.yaw + rnd.uniform(-1.1, 1.1);
                double x = t.sx + dist * StrictMath.sin(a), z = t.sz + dist * StrictMath.cos(a);
                if (x < 0.4 || z < 0.4 || x > room.width() - 0.4 || z > room.depth() - 0.4 || !freeFloor(x, z, 0.25)) continue;
                double yaw = StrictMath.atan2(t.sx - x, t.sz - z) + rnd.uniform(-0.3, 0.3);
                double pitch = clamp(StrictMath.atan2(t.sy - y, Math.hypot(t.sx - x, t.sz - z)) + rnd.uniform(-0.12, 0.12), -0.55, 0.2);
                return new Camera(x, y, z, yaw, pitch, rnd.uniform(-0.05, 0.05), fov);
            }
        }
        double x = room.width() / 2, z = room.depth() / 2;
        for (int attempt = 0; attempt < 60; attempt++) {
            double cx = rnd.uniform(0.4, room.width() - 0.4), cz = rnd.uniform(0.4, room.depth() - 0.4);
            if (freeFloor(cx, cz, 0.25)) { x = cx; z = cz; break; }
        }
        double towardsCentre = StrictMath.atan2(room.width() / 2 - x, room.depth() / 2 - z);
        return new Camera(x, y, z, towardsCentre + rnd.uniform(-1.0, 1.0), rnd.uniform(-0.35, 0.1), rnd.uniform(-0.05, 0.05), fov);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private boolean freeFloor(double x, double z, double clearance) {
        for (double[] r : floor) {
            if (r[4] >= 0 && objects.get((int) r[4]).sceneClass() == SceneClass.DOOR) continue;
            if (x > r[0] - clearance && x < r[2] + clearance && z > r[1] - clearance && z < r[3] + clearance) return false;
        }
        return true;
    }
}
