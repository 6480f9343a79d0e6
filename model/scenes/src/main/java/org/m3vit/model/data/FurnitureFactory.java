package org.m3vit.model.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds furniture from boxes, cylinders and ellipsoids, with random proportions, styles and
 * materials: tables, chairs, beds, sofas, cabinets, bookshelves, lamps and plants. Each piece
 * stands on y = 0, is centred on x = 0 and z = 0, and its front faces +z.
 */
final class FurnitureFactory {

    private FurnitureFactory() { }

    /** Dining table, desk or coffee table: a top on legs, a pedestal or side panels. */
    static Piece table(SceneRandom rnd, boolean coffee) {
        Material top = Materials.random(rnd);
        Material legs = rnd.chance(0.5) ? top : Materials.random(rnd);
        double h = coffee ? rnd.uniform(0.35, 0.5) : rnd.uniform(0.7, 0.78);
        double th = rnd.uniform(0.025, 0.06);
        List<Primitive> p = new ArrayList<>();
        int style = rnd.nextInt(coffee ? 2 : 3);
        if (style == 1 && rnd.chance(0.6)) {
            double r = coffee ? rnd.uniform(0.3, 0.5) : rnd.uniform(0.4, 0.65);
            p.add(Primitive.cylinder(0, 0, r, h - th, h, top));
            p.add(Primitive.cylinder(0, 0, rnd.uniform(0.03, 0.07), 0.02, h - th, legs));
            p.add(Primitive.cylinder(0, 0, r * rnd.uniform(0.4, 0.7), 0, 0.03, legs));
            return new Piece(SceneClass.TABLE, p, 2 * r, 2 * r, h);
        }
        double w = coffee ? rnd.uniform(0.7, 1.3) : rnd.uniform(0.9, 2.0);
        double d = coffee ? rnd.uniform(0.45, 0.7) : rnd.uniform(0.6, 1.0);
        p.add(Primitive.box(-w / 2, h - th, -d / 2, w / 2, h, d / 2, top));
        if (style == 2) {
            double pt = rnd.uniform(0.025, 0.05);
            p.add(Primitive.box(-w / 2 + 0.01, 0, -d / 2 + 0.02, -w / 2 + 0.01 + pt, h - th, d / 2 - 0.02, legs));
            p.add(Primitive.box(w / 2 - 0.01 - pt, 0, -d / 2 + 0.02, w / 2 - 0.01, h - th, d / 2 - 0.02, legs));
            if (rnd.chance(0.5)) p.add(Primitive.box(-w / 2 + 0.02, h * 0.3, -d / 2 + 0.03, w / 2 - 0.02, h - th, -d / 2 + 0.05, legs));
        } else {
            legs(p, rnd, w, d, h - th, rnd.uniform(0.03, 0.06), legs);
            if (rnd.chance(0.4)) {
                double a = rnd.uniform(0.06, 0.12);
                p.add(Primitive.box(-w / 2 + 0.05, h - th - a, -d / 2 + 0.05, w / 2 - 0.05, h - th, d / 2 - 0.05, legs));
            }
            if (coffee && rnd.chance(0.5)) p.add(Primitive.box(-w / 2 + 0.05, 0.1, -d / 2 + 0.05, w / 2 - 0.05, 0.13, d / 2 - 0.05, top));
        }
        return new Piece(SceneClass.TABLE, p, w, d, h);
    }

    /** Four legs (boxes or cylinders) inset at the corners of a w x d rectangle, from 0 to height h. */
    private static void legs(List<Primitive> p, SceneRandom rnd, double w, double d, double h, double s, Material m) {
        boolean round = rnd.chance(0.5);
        double inset = rnd.uniform(0.02, 0.08);
        for (int i = 0; i < 4; i++) {
            double x = (i & 1) == 0 ? -w / 2 + inset + s / 2 : w / 2 - inset - s / 2;
            double z = (i & 2) == 0 ? -d / 2 + inset + s / 2 : d / 2 - inset - s / 2;
            p.add(round ? Primitive.cylinder(x, z, s / 2, 0, h, m) : Primitive.box(x - s / 2, 0, z - s / 2, x + s / 2, h, z + s / 2, m));
        }
    }

    /** Chair (seat, legs, backrest) or, sometimes, a stool or an armchair. */
    static Piece chair(SceneRandom rnd) {
        Material seat = Materials.random(rnd);
        Material frame = rnd.chance(0.5) ? seat : Materials.random(rnd);
        double w = rnd.uniform(0.4, 0.52), d = rnd.uniform(0.4, 0.52), sh = rnd.uniform(0.42, 0.48);
        double st = rnd.uniform(0.03, 0.08);
        List<Primitive> p = new ArrayList<>();
        double u = rnd.nextDouble();
        if (u < 0.12) {
            double r = rnd.uniform(0.16, 0.22);
            double hs = rnd.uniform(0.45, 0.75);
            p.add(Primitive.cylinder(0, 0, r, hs - st, hs, seat));
            legs(p, rnd, 2 * r * 0.9, 2 * r * 0.9, hs - st, 0.03, frame);
            return new Piece(SceneClass.CHAIR, p, 2 * r, 2 * r, hs);
        }
        if (u < 0.3) {
            // upholstered armchair
            w = rnd.uniform(0.7, 0.9);
            d = rnd.uniform(0.7, 0.85);
            double arm = rnd.uniform(0.1, 0.16), hb = rnd.uniform(0.8, 1.0), ha = rnd.uniform(0.55, 0.65);
            p.add(Primitive.box(-w / 2 + arm, 0.1, -d / 2 + 0.15, w / 2 - arm, sh, d / 2, seat));
            p.add(Primitive.box(-w / 2, 0.1, -d / 2, w / 2, hb, -d / 2 + 0.17, seat));
            p.add(Primitive.box(-w / 2, 0.1, -d / 2, -w / 2 + arm, ha, d / 2, seat));
            p.add(Primitive.box(w / 2 - arm, 0.1, -d / 2, w / 2, ha, d / 2, seat));
            legs(p, rnd, w, d, 0.1, 0.05, frame);
            return new Piece(SceneClass.CHAIR, p, w, d, hb);
        }
        p.add(Primitive.box(-w / 2, sh - st, -d / 2, w / 2, sh, d / 2, seat));
        legs(p, rnd, w, d, sh - st, rnd.uniform(0.025, 0.045), frame);
        double hb = rnd.uniform(0.75, 1.0);
        double bt = rnd.uniform(0.02, 0.05);
        if (rnd.chance(0.6)) {
            p.add(Primitive.box(-w / 2, sh, -d / 2, w / 2, hb, -d / 2 + bt, rnd.chance(0.5) ? seat : frame));
        } else {
            double s = 0.035;
            p.add(Primitive.box(-w / 2, sh, -d / 2, -w / 2 + s, hb, -d / 2 + s, frame));
            p.add(Primitive.box(w / 2 - s, sh, -d / 2, w / 2, hb, -d / 2 + s, frame));
            int rails = rnd.between(1, 3);
            for (int i = 0; i < rails; i++) {
                double y = hb - 0.02 - i * 0.12;
                p.add(Primitive.box(-w / 2 + s, y - 0.07, -d / 2, w / 2 - s, y, -d / 2 + bt, frame));
            }
        }
        return new Piece(SceneClass.CHAIR, p, w, d, hb);
    }

    /** Bed: frame, mattress, blanket, pillows, headboard (at the back, -z), maybe a footboard. */
    static Piece bed(SceneRandom rnd) {
        Material frame = Materials.random(rnd);
        Material linen = Materials.random(rnd);
        Material blanket = Materials.random(rnd);
        double w = rnd.chance(0.4) ? rnd.uniform(0.9, 1.2) : rnd.uniform(1.4, 1.9);
        double d = rnd.uniform(1.95, 2.15);
        double fh = rnd.uniform(0.2, 0.35), mh = rnd.uniform(0.15, 0.25);
        double hb = rnd.uniform(0.8, 1.25);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.box(-w / 2, 0.06, -d / 2, w / 2, fh, d / 2, frame));
        legs(p, rnd, w, d, 0.06, 0.06, frame);
        p.add(Primitive.box(-w / 2 + 0.02, fh, -d / 2 + 0.06, w / 2 - 0.02, fh + mh, d / 2 - 0.02, linen));
        double bl = rnd.uniform(0.45, 0.75);
        p.add(Primitive.box(-w / 2, fh + mh * 0.4, d / 2 - d * bl, w / 2, fh + mh + 0.04, d / 2 + 0.01, blanket));
        p.add(Primitive.box(-w / 2, 0, -d / 2 - 0.05, w / 2, hb, -d / 2 + 0.02, frame));
        int pillows = w > 1.3 ? 2 : 1;
        Material pm = rnd.chance(0.5) ? linen : Materials.random(rnd);
        for (int i = 0; i < pillows; i++) {
            double cx = pillows == 1 ? 0 : (i == 0 ? -w / 4 : w / 4);
            p.add(Primitive.ellipsoid(cx, fh + mh + 0.06, -d / 2 + 0.3, Math.min(0.32, w / (2 * pillows) - 0.03), 0.08, 0.2, pm));
        }
        if (rnd.chance(0.35)) p.add(Primitive.box(-w / 2, 0, d / 2 - 0.04, w / 2, fh + mh + rnd.uniform(0.05, 0.3), d / 2 + 0.02, frame));
        return new Piece(SceneClass.BED, p, w, d + 0.07, hb);
    }

    /** Sofa: base, backrest, two arms, seat cushions, sometimes back cushions. */
    static Piece sofa(SceneRandom rnd) {
        Material cover = Materials.random(rnd);
        Material cushions = rnd.chance(0.6) ? cover : Materials.random(rnd);
        Material feet = Materials.random(rnd);
        double w = rnd.uniform(1.4, 2.4), d = rnd.uniform(0.8, 1.0);
        double lh = rnd.uniform(0.04, 0.12), base = rnd.uniform(0.3, 0.38), hb = rnd.uniform(0.75, 0.95);
        double arm = rnd.uniform(0.12, 0.25), ha = rnd.uniform(0.55, 0.68), back = rnd.uniform(0.18, 0.28);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.box(-w / 2, lh, -d / 2, w / 2, base, d / 2, cover));
        p.add(Primitive.box(-w / 2, base, -d / 2, w / 2, hb, -d / 2 + back, cover));
        p.add(Primitive.box(-w / 2, lh, -d / 2, -w / 2 + arm, ha, d / 2, cover));
        p.add(Primitive.box(w / 2 - arm, lh, -d / 2, w / 2, ha, d / 2, cover));
        legs(p, rnd, w, d, lh, 0.05, feet);
        int n = rnd.between(1, 3);
        double inner = w - 2 * arm, cw = inner / n;
        double ch = rnd.uniform(0.08, 0.14);
        for (int i = 0; i < n; i++) {
            double x0 = -w / 2 + arm + i * cw + 0.005;
            p.add(Primitive.box(x0, base, -d / 2 + back, x0 + cw - 0.01, base + ch, d / 2 - 0.01, cushions));
            if (rnd.chance(0.5)) {
                p.add(Primitive.ellipsoid(x0 + cw / 2, base + ch + 0.2, -d / 2 + back + 0.07, cw / 2 - 0.02, 0.18, 0.08, cushions));
            }
        }
        return new Piece(SceneClass.SOFA, p, w, d, hb);
    }

    /** Cabinet, wardrobe or nightstand: a body with door or drawer fronts and handles. */
    static Piece cabinet(SceneRandom rnd, boolean small) {
        Material body = Materials.random(rnd);
        Material fronts = rnd.chance(0.5) ? body : Materials.random(rnd);
        Material handles = Materials.random(rnd);
        double w = small ? rnd.uniform(0.4, 0.6) : rnd.uniform(0.6, 1.8);
        double d = small ? rnd.uniform(0.35, 0.45) : rnd.uniform(0.35, 0.6);
        double h = small ? rnd.uniform(0.45, 0.65) : rnd.chance(0.5) ? rnd.uniform(0.6, 1.0) : rnd.uniform(1.6, 2.1);
        double plinth = rnd.uniform(0.0, 0.1);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.box(-w / 2, plinth, -d / 2, w / 2, h, d / 2 - 0.02, body));
        if (plinth > 0.02) p.add(Primitive.box(-w / 2 + 0.03, 0, -d / 2 + 0.03, w / 2 - 0.03, plinth, d / 2 - 0.05, handles));
        boolean drawers = rnd.chance(0.4);
        int cols = drawers ? 1 : Math.max(1, (int) Math.round(w / rnd.uniform(0.4, 0.6)));
        int rows = drawers ? rnd.between(2, 4) : (h > 1.4 && rnd.chance(0.5) ? 2 : 1);
        double gap = 0.006, fw = w / cols, fhgt = (h - plinth) / rows;
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                double x0 = -w / 2 + c * fw + gap, x1 = x0 + fw - 2 * gap;
                double y0 = plinth + r * fhgt + gap, y1 = y0 + fhgt - 2 * gap;
                p.add(Primitive.box(x0, y0, d / 2 - 0.02, x1, y1, d / 2, fronts));
                double hx = drawers ? (x0 + x1) / 2 : (c % 2 == 0 ? x1 - 0.05 : x0 + 0.05);
                double hy = drawers ? y1 - 0.06 : (rows == 1 ? Math.min(y1 - 0.08, plinth + 0.9) : (r == 0 ? y1 - 0.08 : y0 + 0.08));
                if (rnd.chance(0.5)) p.add(Primitive.sphere(hx, hy, d / 2 + 0.015, 0.015, handles));
                else p.add(Primitive.box(hx - 0.05, hy - 0.008, d / 2, hx + 0.05, hy + 0.008, d / 2 + 0.025, handles));
            }
        }
        return new Piece(SceneClass.CABINET, p, w, d, h);
    }

    /** Open bookshelf: sides, top, bottom, back, boards and books (the books belong to the shelf). */
    static Piece bookshelf(SceneRandom rnd) {
        Material wood = Materials.random(rnd);
        Material backM = rnd.chance(0.5) ? wood : Materials.random(rnd);
        double w = rnd.uniform(0.6, 1.6), d = rnd.uniform(0.25, 0.4), h = rnd.uniform(0.8, 2.1);
        double t = rnd.uniform(0.018, 0.035);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.box(-w / 2, 0, -d / 2, -w / 2 + t, h, d / 2, wood));
        p.add(Primitive.box(w / 2 - t, 0, -d / 2, w / 2, h, d / 2, wood));
        p.add(Primitive.box(-w / 2 + t, 0, -d / 2, w / 2 - t, rnd.uniform(0.03, 0.09), d / 2, wood));
        p.add(Primitive.box(-w / 2 + t, h - t, -d / 2, w / 2 - t, h, d / 2, wood));
        p.add(Primitive.box(-w / 2 + t, 0, -d / 2, w / 2 - t, h, -d / 2 + 0.01, backM));
        int boards = Math.max(1, (int) Math.round(h / rnd.uniform(0.3, 0.42)));
        double pitch = h / boards;
        for (int b = 1; b < boards; b++) {
            double y = b * pitch;
            p.add(Primitive.box(-w / 2 + t, y - t, -d / 2 + 0.01, w / 2 - t, y, d / 2, wood));
        }
        for (int b = 0; b < boards; b++) {
            double y0 = b == 0 ? 0.09 : b * pitch;
            books(p, rnd, -w / 2 + t, w / 2 - t, y0, Math.min(pitch - t - 0.02, 0.32), -d / 2 + 0.01, d / 2 - 0.02);
        }
        return new Piece(SceneClass.SHELF, p, w, d, h);
    }

    /** Rows of books standing on a board from x0 to x1 at height y0, at most maxH tall. */
    static void books(List<Primitive> p, SceneRandom rnd, double x0, double x1, double y0, double maxH, double z0, double z1) {
        if (maxH < 0.08) return;
        double x = x0 + rnd.uniform(0, 0.1);
        int left = 14;
        Material m = Materials.random(rnd);
        while (x < x1 - 0.05 && left-- > 0) {
            if (rnd.chance(0.15)) { x += rnd.uniform(0.05, 0.2); continue; }
            double bw = rnd.uniform(0.02, 0.06), bh = maxH * rnd.uniform(0.6, 1.0);
            if (x + bw > x1) break;
            if (rnd.chance(0.4)) m = Materials.random(rnd);
            double bd = (z1 - z0) * rnd.uniform(0.6, 0.95);
            p.add(Primitive.box(x, y0, z1 - bd, x + bw, y0 + bh, z1 - 0.005, m));
            x += bw + 0.003;
        }
    }

    /** Floor lamp: base, pole and a glowing shade with its light inside. */
    static Piece floorLamp(SceneRandom rnd) {
        Material metal = Materials.random(rnd);
        Material shade = Materials.glowing(rnd, 1.2);
        double h = rnd.uniform(1.35, 1.75), r = rnd.uniform(0.16, 0.3), sh = rnd.uniform(0.25, 0.4);
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.cylinder(0, 0, rnd.uniform(0.12, 0.2), 0, 0.03, metal));
        p.add(Primitive.cylinder(0, 0, 0.015, 0.03, h - sh, metal));
        if (rnd.chance(0.6)) p.add(Primitive.cylinder(0, 0, r, h - sh, h, shade));
        else p.add(Primitive.ellipsoid(0, h - sh / 2, 0, r, sh / 2, r, shade));
        return new Piece(SceneClass.LAMP, p, 2 * r, 2 * r, h, new double[] {0, h - sh / 2, 0});
    }

    /** Table lamp: a small base, a neck and a glowing shade. */
    static Piece tableLamp(SceneRandom rnd) {
        Material base = Materials.random(rnd);
        Material shade = Materials.glowing(rnd, 1.0);
        double r = rnd.uniform(0.08, 0.16), sh = rnd.uniform(0.12, 0.22), neck = rnd.uniform(0.15, 0.35);
        List<Primitive> p = new ArrayList<>();
        if (rnd.chance(0.5)) p.add(Primitive.ellipsoid(0, 0.08, 0, 0.07, 0.08, 0.07, base));
        else p.add(Primitive.cylinder(0, 0, rnd.uniform(0.05, 0.09), 0, 0.04, base));
        p.add(Primitive.cylinder(0, 0, 0.012, 0.04, neck, base));
        p.add(Primitive.cylinder(0, 0, r, neck, neck + sh, shade));
        return new Piece(SceneClass.LAMP, p, 2 * r, 2 * r, neck + sh, new double[] {0, neck + sh / 2, 0});
    }

    /**
     * Ceiling light hanging from height {@code ceiling}: a pendant (cord and shade) or a flush dome.
     * Its base is at y = 0 in the local frame, placed at the ceiling height minus its length.
     */
    static Piece ceilingLamp(SceneRandom rnd, double drop) {
        Material cord = Materials.random(rnd);
        Material shade = Materials.glowing(rnd, 1.5);
        List<Primitive> p = new ArrayList<>();
        double r = rnd.uniform(0.12, 0.35);
        if (drop < 0.15) {
            double ry = rnd.uniform(0.06, 0.12);
            p.add(Primitive.ellipsoid(0, ry, 0, r, ry, r, shade));
            return new Piece(SceneClass.LAMP, p, 2 * r, 2 * r, ry, new double[] {0, -0.05, 0});
        }
        double sh = rnd.uniform(0.12, 0.3);
        if (rnd.chance(0.5)) p.add(Primitive.cylinder(0, 0, r, 0, sh, shade));
        else p.add(Primitive.ellipsoid(0, sh / 2, 0, r, sh / 2, r, shade));
        p.add(Primitive.cylinder(0, 0, 0.008, sh, drop + sh, cord));
        return new Piece(SceneClass.LAMP, p, 2 * r, 2 * r, drop + sh, new double[] {0, -0.06, 0});
    }

    /** Potted plant: a pot and a cluster of leafy blobs (small for table tops, tall for floors). */
    static Piece plant(SceneRandom rnd, boolean small) {
        Material pot = Materials.random(rnd);
        Material leaves = Materials.random(rnd);
        Material leaves2 = rnd.chance(0.5) ? leaves : Materials.random(rnd);
        double k = small ? rnd.uniform(0.35, 0.6) : rnd.uniform(0.8, 1.4);
        double pr = 0.16 * k, ph = 0.3 * k;
        List<Primitive> p = new ArrayList<>();
        p.add(Primitive.cylinder(0, 0, pr, 0, ph, pot));
        double top = ph + (small ? 0.15 : rnd.uniform(0.4, 1.1)) * k;
        if (!small || rnd.chance(0.5)) p.add(Primitive.cylinder(0, 0, 0.015 * k + 0.005, ph, top, leaves2));
        int blobs = rnd.between(4, 9);
        double spread = rnd.uniform(0.15, 0.3) * k;
        double maxR = pr;
        for (int i = 0; i < blobs; i++) {
            double a = i * 2.39996 + rnd.uniform(-0.3, 0.3);
            double rr = spread * Math.sqrt(rnd.nextDouble());
            double x = rr * StrictMath.cos(a), z = rr * StrictMath.sin(a);
            double y = ph + (top - ph) * rnd.uniform(0.3, 1.0) + 0.05 * k;
            double s = rnd.uniform(0.08, 0.16) * k;
            p.add(Primitive.ellipsoid(x, y, z, s, s * rnd.uniform(0.5, 1.3), s, i % 2 == 0 ? leaves : leaves2));
            maxR = Math.max(maxR, Math.max(Math.abs(x), Math.abs(z)) + s);
        }
        double h = 0;
        for (Primitive q : p) h = Math.max(h, q.maxY);
        return new Piece(SceneClass.PLANT, p, 2 * maxR, 2 * maxR, h);
    }
}
