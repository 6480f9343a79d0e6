package org.m3vit.model.data;

/**
 * Per-direction candidate lists for rays that start at one viewpoint (the camera or a light): the
 * directions are split into cells, each bounded by a cone, and each cell lists the objects whose
 * bounding-sphere cone meets its cone. A ray then tests only the objects of its cell. Two cone
 * layouts: screen tiles of the camera, and the 6 x N x N cells of a cube map around a light.
 */
final class ConeCulling {

    private ConeCulling() { }

    /**
     * Candidate object indices for each cell (ascending), given the cells' unit axes (3 per cell)
     * and cosines of their half-angles, seen from (x, y, z).
     */
    static int[][] lists(double x, double y, double z, SceneObject[] objects, boolean shadowCastersOnly,
                         double[] cellAxes, double[] cellCos) {
        int cells = cellCos.length, no = objects.length;
        double[] ax = new double[3 * no], cosO = new double[no], sinO = new double[no];
        boolean[] inside = new boolean[no];
        for (int i = 0; i < no; i++) {
            SceneObject o = objects[i];
            double dx = o.sx - x, dy = o.sy - y, dz = o.sz - z;
            double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
            double r = o.radius * 1.0001 + 1e-6;
            if (d <= r) { inside[i] = true; continue; }
            ax[3 * i] = dx / d; ax[3 * i + 1] = dy / d; ax[3 * i + 2] = dz / d;
            sinO[i] = r / d;
            cosO[i] = Math.sqrt(1 - sinO[i] * sinO[i]);
        }
        int[][] out = new int[cells][];
        int[] tmp = new int[no];
        for (int c = 0; c < cells; c++) {
            double cx = cellAxes[3 * c], cy = cellAxes[3 * c + 1], cz = cellAxes[3 * c + 2];
            double cosC = cellCos[c], sinC = Math.sqrt(Math.max(0, 1 - cosC * cosC));
            int k = 0;
            for (int i = 0; i < no; i++) {
                if (shadowCastersOnly && !objects[i].castsShadow) continue;
                if (!inside[i]) {
                    // the cones meet iff angle(axes) <= thetaO + thetaC, i.e. cos(angle) >= cos(thetaO + thetaC),
                    // unless thetaO + thetaC reaches pi (then they always meet)
                    double cosSum = cosO[i] * cosC - sinO[i] * sinC;
                    boolean wide = cosC < 0 || cosSum < -1 + 1e-12;
                    double dot = ax[3 * i] * cx + ax[3 * i + 1] * cy + ax[3 * i + 2] * cz;
                    if (!wide && dot < cosSum - 1e-9) continue;
                }
                tmp[k++] = i;
            }
            out[c] = java.util.Arrays.copyOf(tmp, k);
        }
        return out;
    }

    /** Cube-map cell of direction (vx, vy, vz) for n x n cells per face: face * n * n + row * n + column. */
    static int cubeCell(double vx, double vy, double vz, int n) {
        double ax = Math.abs(vx), ay = Math.abs(vy), az = Math.abs(vz);
        int face;
        double u, v, m;
        if (ax >= ay && ax >= az) { face = vx >= 0 ? 0 : 1; m = ax; u = vy; v = vz; }
        else if (ay >= az) { face = vy >= 0 ? 2 : 3; m = ay; u = vx; v = vz; }
        else { face = vz >= 0 ? 4 : 5; m = az; u = vx; v = vy; }
        double k = 0.5 * n / m;
        int col = (int) (u * k + 0.5 * n), row = (int) (v * k + 0.5 * n);
        if (col >= n) col = n - 1;
        if (row >= n) row = n - 1;
        if (col < 0) col = 0;
        if (row < 0) row = 0;
        return (face * n + row) * n + col;
    }

    /** Axes and half-angle cosines of the 6 x n x n cube-map cells (index as in {@link #cubeCell}). */
    static double[][] cubeCells(int n) {
        int cells = 6 * n * n;
        double[] axes = new double[3 * cells], cos = new double[cells];
        double[] corner = new double[3];
        for (int face = 0; face < 6; face++) {
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    int c = (face * n + row) * n + col;
                    double[] centre = cubeDir(face, (col + 0.5) / n * 2 - 1, (row + 0.5) / n * 2 - 1);
                    System.arraycopy(centre, 0, axes, 3 * c, 3);
                    double min = 1;
                    for (int k = 0; k < 4; k++) {
                        double[] d = cubeDir(face, (col + (k & 1)) / (double) n * 2 - 1, (row + (k >> 1)) / (double) n * 2 - 1);
                        System.arraycopy(d, 0, corner, 0, 3);
                        min = Math.min(min, centre[0] * corner[0] + centre[1] * corner[1] + centre[2] * corner[2]);
                    }
                    cos[c] = min - 1e-9;
                }
            }
        }
        return new double[][] {axes, cos};
    }

    /** Unit direction of face coordinates (u, v) in [-1, 1] on a cube-map face. */
    private static double[] cubeDir(int face, double u, double v) {
        double s = (face & 1) == 0 ? 1 : -1;
        double[] d = switch (face >> 1) {
            case 0 -> new double[] {s, u, v};
            case 1 -> new double[] {u, s, v};
            default -> new double[] {u, v, s};
        };
        double l = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        d[0] /= l; d[1] /= l; d[2] /= l;
        return d;
    }
}
