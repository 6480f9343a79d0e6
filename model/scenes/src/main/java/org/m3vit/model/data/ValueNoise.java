package org.m3vit.model.data;

/**
 * Deterministic 3-D value noise on an integer lattice (hash of the corner, trilinear blend with a
 * smoothstep) and its fractal sum; the base of the procedural wood, marble and noise textures.
 */
public final class ValueNoise {

    private ValueNoise() { }

    /** Hash of a lattice point and a salt to [0, 1). */
    static double lattice(int x, int y, int z, long salt) {
        long h = salt ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (z * 0x165667B19E3779F9L);
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        h ^= h >>> 32;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Value noise in [0, 1] at a point, for the given salt. */
    public static double noise(double x, double y, double z, long salt) {
        double fx = Math.floor(x), fy = Math.floor(y), fz = Math.floor(z);
        int ix = (int) fx, iy = (int) fy, iz = (int) fz;
        double tx = smooth(x - fx), ty = smooth(y - fy), tz = smooth(z - fz);
        double c000 = lattice(ix, iy, iz, salt), c100 = lattice(ix + 1, iy, iz, salt);
        double c010 = lattice(ix, iy + 1, iz, salt), c110 = lattice(ix + 1, iy + 1, iz, salt);
        double c001 = lattice(ix, iy, iz + 1, salt), c101 = lattice(ix + 1, iy, iz + 1, salt);
        double c011 = lattice(ix, iy + 1, iz + 1, salt), c111 = lattice(ix + 1, iy + 1, iz + 1, salt);
        double x00 = c000 + (c100 - c000) * tx, x10 = c010 + (c110 - c010) * tx;
        double x01 = c001 + (c101 - c001) * tx, x11 = c011 + (c111 - c011) * tx;
        double y0 = x00 + (x10 - x00) * ty, y1 = x01 + (x11 - x01) * ty;
        return y0 + (y1 - y0) * tz;
    }

    /** Fractal sum of {@code octaves} noise layers (frequency x2, amplitude x0.5), normalised to [0, 1]. */
    public static double fbm(double x, double y, double z, int octaves, long salt) {
        double sum = 0, amp = 1, norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += amp * noise(x, y, z, salt + o);
            norm += amp;
            amp *= 0.5;
            x *= 2.03;
            y *= 2.03;
            z *= 2.03;
        }
        return sum / norm;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
