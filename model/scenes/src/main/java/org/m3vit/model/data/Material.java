package org.m3vit.model.data;

/**
 * The surface of a primitive: a procedural albedo pattern of two linear-RGB colours evaluated at a
 * 3-D point of the object's own frame (so textures move with their object), a Blinn-Phong
 * highlight, and an optional emission (window glass, lamp shades).
 */
public final class Material {

    final Pattern pattern;
    final double r1, g1, b1, r2, g2, b2;
    final double scale;
    final int axis;
    final double specular;
    final int shininessSquarings;
    final double er, eg, eb;
    final long salt;

    /**
     * @param pattern            texture pattern
     * @param c1                 first colour, linear RGB in [0, 1]
     * @param c2                 second colour, linear RGB in [0, 1]
     * @param scale              pattern period in metres (noise: feature size)
     * @param axis               0, 1 or 2: the axis stripes run across and wood rings grow around
     * @param specular           highlight strength in [0, 1]
     * @param shininessSquarings the highlight exponent is 2^this (1..7)
     * @param emission           emitted linear RGB (added unlit), zeros for none
     * @param salt               noise salt, so two noisy materials differ
     */
    public Material(Pattern pattern, double[] c1, double[] c2, double scale, int axis, double specular,
                    int shininessSquarings, double[] emission, long salt) {
        if (scale <= 0) throw new IllegalArgumentException("material scale must be positive, got " + scale);
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("material axis must be 0, 1 or 2, got " + axis);
        this.pattern = pattern;
        this.r1 = c1[0]; this.g1 = c1[1]; this.b1 = c1[2];
        this.r2 = c2[0]; this.g2 = c2[1]; this.b2 = c2[2];
        this.scale = scale;
        this.axis = axis;
        this.specular = specular;
        this.shininessSquarings = shininessSquarings;
        this.er = emission[0]; this.eg = emission[1]; this.eb = emission[2];
        this.salt = salt;
    }

    /** A plain matte material of one linear-RGB colour. */
    public static Material matte(double r, double g, double b) {
        double[] c = {r, g, b};
        return new Material(Pattern.SOLID, c, c, 1, 0, 0, 1, new double[3], 0);
    }

    /** True if the material emits light. */
    public boolean emissive() {
        return er > 0 || eg > 0 || eb > 0;
    }

    /**
     * Writes the albedo (linear RGB) at local point (x, y, z) into {@code out[0..2]};
     * {@code faceAxis} is the dominant axis of the surface normal there (tile lines ignore it) and
     * {@code footprint} the size of the pixel on the surface in metres: patterns finer than the
     * pixel fade to their mean colour instead of aliasing.
     */
    public void albedo(double x, double y, double z, int faceAxis, double footprint, double[] out) {
        double m = 0, mean = 0;
        if (pattern != Pattern.SOLID) {
            double fade = smoothstep(0.2 * scale, 0.6 * scale, footprint);
            if (fade < 1) {
                m = switch (pattern) {
                    case CHECKER -> ((((int) Math.floor(x / scale)) + ((int) Math.floor(y / scale)) + ((int) Math.floor(z / scale))) & 1);
                    case STRIPES -> frac(coord(x, y, z, axis) / scale) < 0.5 ? 0 : 1;
                    case GRID -> grout(x, y, z, faceAxis);
                    case WOOD -> wood(x, y, z);
                    default -> ValueNoise.fbm(x / scale, y / scale, z / scale, 3, salt);
                };
            }
            mean = switch (pattern) {
                case GRID -> 0.19;
                case WOOD -> 1 / 3.0;
                default -> 0.5;
            };
            m += (mean - m) * fade;
        }
        out[0] = r1 + (r2 - r1) * m;
        out[1] = g1 + (g2 - g1) * m;
        out[2] = b1 + (b2 - b1) * m;
    }

    private static double smoothstep(double a, double b, double v) {
        if (v <= a) return 0;
        if (v >= b) return 1;
        double t = (v - a) / (b - a);
        return t * t * (3 - 2 * t);
    }

    private double grout(double x, double y, double z, int faceAxis) {
        for (int a = 0; a < 3; a++) {
            if (a == faceAxis) continue;
            double f = frac(coord(x, y, z, a) / scale);
            if (f < 0.05 || f > 0.95) return 1;
        }
        return 0;
    }

    private double wood(double x, double y, double z) {
        double u = coord(x, y, z, (axis + 1) % 3), v = coord(x, y, z, (axis + 2) % 3), w = coord(x, y, z, axis);
        double r = Math.sqrt(u * u + v * v) / scale;
        double n = ValueNoise.noise(u * 4, v * 4, w * 0.7, salt);
        double ring = frac(r + 1.5 * n);
        return ring * ring;
    }

    private static double coord(double x, double y, double z, int axis) {
        return axis == 0 ? x : axis == 1 ? y : z;
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }
}
