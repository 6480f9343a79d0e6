package org.m3vit.model.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the things mounted on walls: doors, windows, pictures and wall shelves. Local frame: x
 * along the wall (centred on 0), y the height above the floor, z from the wall surface (0) into
 * the room. They are thin, so they cast no shadows.
 */
final class WallItemFactory {

    private WallItemFactory() { }

    /** Door leaf with raised panels, a casing around it and a handle. */
    static Piece door(SceneRandom rnd, double w, double h) {
        Material leaf = Materials.random(rnd);
        Material casing = rnd.chance(0.5) ? leaf : Materials.random(rnd);
        Material handle = Materials.random(rnd);
        double c = rnd.uniform(0.05, 0.09), ct = rnd.uniform(0.015, 0.03), lt = rnd.uniform(0.01, 0.03);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.box(-w / 2, 0, 0, w / 2, h, lt, leaf));
        p.add(Primitive.box(-w / 2 - c, 0, 0, -w / 2, h + c, ct, casing));
        p.add(Primitive.box(w / 2, 0, 0, w / 2 + c, h + c, ct, casing));
        p.add(Primitive.box(-w / 2, h, 0, w / 2, h + c, ct, casing));
        int panels = rnd.nextInt(4);
        if (panels > 0) {
            double pitch = (h - 0.2) / panels;
            for (int i = 0; i < panels; i++) {
                double y0 = 0.12 + i * pitch;
                p.add(Primitive.box(-w / 2 + 0.1, y0, lt, w / 2 - 0.1, y0 + pitch - 0.1, lt + 0.01, leaf));
            }
        }
        double hx = (rnd.chance(0.5) ? 1 : -1) * (w / 2 - 0.08);
        if (rnd.chance(0.5)) {
            p.add(Primitive.sphere(hx, 1.0, lt + 0.05, 0.03, handle));
        } else {
            p.add(Primitive.box(hx - 0.06, 0.99, lt + 0.03, hx + 0.06, 1.01, lt + 0.05, handle));
            p.add(Primitive.box(hx - 0.01, 0.99, lt, hx + 0.01, 1.01, lt + 0.03, handle));
        }
        return new Piece(SceneClass.DOOR, p, w + 2 * c, lt + 0.08, h + c);
    }

    /**
     * Window from height y0 to y1: glowing glass (the bright outside), a frame, mullions and a sill.
     */
    static Piece window(SceneRandom rnd, double w, double y0, double y1) {
        Material frame = Materials.random(rnd);
        Material glass = Materials.glowing(rnd, 2.0);
        double f = rnd.uniform(0.04, 0.08), ft = rnd.uniform(0.03, 0.07);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.box(-w / 2, y0, 0, w / 2, y1, 0.005, glass));
        p.add(Primitive.box(-w / 2 - f, y0 - f, 0, -w / 2, y1 + f, ft, frame));
        p.add(Primitive.box(w / 2, y0 - f, 0, w / 2 + f, y1 + f, ft, frame));
        p.add(Primitive.box(-w / 2, y1, 0, w / 2, y1 + f, ft, frame));
        p.add(Primitive.box(-w / 2, y0 - f, 0, w / 2, y0, ft, frame));
        int vertical = rnd.nextInt(Math.max(1, (int) (w / 0.5)));
        double bar = rnd.uniform(0.02, 0.045);
        for (int i = 1; i <= vertical; i++) {
            double x = -w / 2 + i * w / (vertical + 1);
            p.add(Primitive.box(x - bar / 2, y0, 0, x + bar / 2, y1, ft * 0.7, frame));
        }
        if (rnd.chance(0.5)) {
            double y = y0 + (y1 - y0) * rnd.uniform(0.5, 0.7);
            p.add(Primitive.box(-w / 2, y - bar / 2, 0, w / 2, y + bar / 2, ft * 0.7, frame));
        }
        if (rnd.chance(0.6)) {
            Material sill = rnd.chance(0.5) ? frame : Materials.random(rnd);
            p.add(Primitive.box(-w / 2 - f - 0.04, y0 - f - 0.04, 0, w / 2 + f + 0.04, y0 - f, rnd.uniform(0.1, 0.2), sill));
        }
        return new Piece(SceneClass.WINDOW, p, w + 2 * f + 0.08, 0.2, y1 + f);
    }

    /** Framed picture centred at height yc: a frame and a canvas with a random abstract texture. */
    static Piece picture(SceneRandom rnd, double w, double h, double yc) {
        Material frame = Materials.random(rnd);
        Material art = Materials.random(rnd);
        double f = rnd.chance(0.2) ? 0 : rnd.uniform(0.015, 0.06), t = rnd.uniform(0.015, 0.04);
        List<Primitive> p = new ArrayList<>();
        double y0 = yc - h / 2, y1 = yc + h / 2;
        if (f > 0) {
            p.add(Primitive.box(-w / 2, y0, 0, -w / 2 + f, y1, t, frame));
            p.add(Primitive.box(w / 2 - f, y0, 0, w / 2, y1, t, frame));
            p.add(Primitive.box(-w / 2 + f, y0, 0, w / 2 - f, y0 + f, t, frame));
            p.add(Primitive.box(-w / 2 + f, y1 - f, 0, w / 2 - f, y1, t, frame));
        }
        p.add(Primitive.box(-w / 2 + f, y0 + f, 0, w / 2 - f, y1 - f, t * rnd.uniform(0.4, 0.9), art));
        if (rnd.chance(0.5)) {
            Material blob = Materials.random(rnd);
            double r = Math.min(w, h) * rnd.uniform(0.15, 0.3);
            p.add(Primitive.ellipsoid(rnd.uniform(-w / 4, w / 4), yc + rnd.uniform(-h / 6, h / 6), t * 0.4, r, r * rnd.uniform(0.5, 1.5), 0.004 + t * 0.4, blob));
        }
        return new Piece(SceneClass.PICTURE, p, w, t, y1);
    }

    /** Shelf boards fixed on the wall from height y0, with books on them. */
    static Piece wallShelf(SceneRandom rnd, double w, double y0) {
        Material wood = Materials.random(rnd);
        double d = rnd.uniform(0.18, 0.3), t = rnd.uniform(0.02, 0.04);
        int boards = rnd.between(1, 3);
        double pitch = rnd.uniform(0.3, 0.4);
        List<Primitive> p = new ArrayList<>();
        for (int b = 0; b < boards; b++) {
            double y = y0 + b * pitch;
            p.add(Primitive.box(-w / 2, y, 0, w / 2, y + t, d, wood));
            if (rnd.chance(0.7)) FurnitureFactory.books(p, rnd, -w / 2 + 0.02, w / 2 - 0.02, y + t, pitch - t - 0.05, 0.0, d - 0.01);
        }
        if (rnd.chance(0.5)) {
            p.add(Primitive.box(-w / 2, y0 - 0.05, 0, -w / 2 + t, y0 + (boards - 1) * pitch + t, d, wood));
            p.add(Primitive.box(w / 2 - t, y0 - 0.05, 0, w / 2, y0 + (boards - 1) * pitch + t, d, wood));
        }
        return new Piece(SceneClass.SHELF, p, w, d, y0 + (boards - 1) * pitch + 0.4);
    }
}
