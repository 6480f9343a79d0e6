package org.m3vit.model.data;

/**
 * Random materials for domain randomisation. Every surface of every class draws from the same
 * distribution (natural tones, neutrals, pastels and saturated colours, with any of the
 * {@link Pattern}s), so a colour or texture never tells which class a pixel is.
 */
public final class Materials {

    private Materials() { }

    /** A random opaque material. */
    public static Material random(SceneRandom rnd) {
        double[] c1 = randomColour(rnd);
        double[] c2;
        if (rnd.chance(0.7)) {
            double k = rnd.uniform(0.45, 1.5);
            c2 = new double[] {clamp(c1[0] * k * rnd.uniform(0.85, 1.15)), clamp(c1[1] * k * rnd.uniform(0.85, 1.15)),
                    clamp(c1[2] * k * rnd.uniform(0.85, 1.15))};
        } else {
            c2 = randomColour(rnd);
        }
        double u = rnd.nextDouble();
        Pattern p;
        double scale;
        if (u < 0.30) { p = Pattern.SOLID; scale = 1; }
        else if (u < 0.50) { p = Pattern.NOISE; scale = rnd.uniform(0.05, 0.5); }
        else if (u < 0.66) { p = Pattern.WOOD; scale = rnd.uniform(0.03, 0.12); }
        else if (u < 0.78) { p = Pattern.STRIPES; scale = rnd.uniform(0.06, 0.4); }
        else if (u < 0.88) { p = Pattern.CHECKER; scale = rnd.uniform(0.1, 0.6); }
        else { p = Pattern.GRID; scale = rnd.uniform(0.1, 0.6); }
        double specular = rnd.chance(0.5) ? rnd.uniform(0.05, 0.6) : 0;
        int shininess = rnd.between(2, 6);
        return new Material(p, c1, c2, scale, rnd.nextInt(3), specular, shininess, new double[3], rnd.nextLong());
    }

    /** A light-emitting material of random tint and strength (window glass, lamp shades). */
    public static Material glowing(SceneRandom rnd, double strength) {
        double[] tint = rnd.chance(0.5)
                ? hsvToLinear(rnd.uniform(0.05, 0.65), rnd.uniform(0, 0.35), 1)
                : hsvToLinear(rnd.nextDouble(), rnd.uniform(0, 0.7), 1);
        double s = strength * rnd.uniform(0.6, 1.4);
        double[] e = {tint[0] * s, tint[1] * s, tint[2] * s};
        double[] c = randomColour(rnd);
        Pattern p = rnd.chance(0.5) ? Pattern.NOISE : Pattern.SOLID;
        return new Material(p, c, scaled(c, rnd.uniform(0.5, 1.2)), rnd.uniform(0.1, 0.6), rnd.nextInt(3), 0, 1, e, rnd.nextLong());
    }

    /** A random colour in linear RGB. */
    static double[] randomColour(SceneRandom rnd) {
        double u = rnd.nextDouble();
        if (u < 0.2) return hsvToLinear(rnd.uniform(0.04, 0.12), rnd.uniform(0.3, 0.75), rnd.uniform(0.2, 0.85)); // woods
        if (u < 0.4) return hsvToLinear(rnd.nextDouble(), rnd.uniform(0, 0.1), rnd.uniform(0.12, 0.97)); // neutrals
        if (u < 0.6) return hsvToLinear(rnd.nextDouble(), rnd.uniform(0.1, 0.35), rnd.uniform(0.6, 0.97)); // pastels
        return hsvToLinear(rnd.nextDouble(), rnd.uniform(0.2, 0.9), rnd.uniform(0.15, 0.95));
    }

    /** HSV (each in [0, 1]) to linear RGB. */
    static double[] hsvToLinear(double h, double s, double v) {
        double hh = (h - Math.floor(h)) * 6;
        int sector = (int) hh;
        double f = hh - sector;
        double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        double[] c = switch (sector) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
        for (int i = 0; i < 3; i++) c[i] = StrictMath.pow(c[i], 2.2);
        return c;
    }

    private static double[] scaled(double[] c, double k) {
        return new double[] {clamp(c[0] * k), clamp(c[1] * k), clamp(c[2] * k)};
    }

    private static double clamp(double v) {
        return Math.min(1, Math.max(0, v));
    }
}
