package org.m3vit.model.data;

/**
 * The room: the inside of the box [0, width] x [0, height] x [0, depth] (metres, y up), with the
 * materials of its floor, ceiling and four walls (walls in order z = 0, x = width, z = depth, x = 0).
 */
public record Room(double width, double height, double depth, Material floor, Material ceiling, Material[] walls) {

    public Room {
        if (!(width > 0 && height > 0 && depth > 0)) {
            throw new IllegalArgumentException("room size must be positive, got " + width + " x " + height + " x " + depth);
        }
        if (walls.length != 4) throw new IllegalArgumentException("a room has 4 wall materials, got " + walls.length);
        walls = walls.clone();
    }

    /** Inward unit normal (x, z) of wall {@code k}. */
    public static double[] wallNormal(int k) {
        return switch (k) {
            case 0 -> new double[] {0, 1};
            case 1 -> new double[] {-1, 0};
            case 2 -> new double[] {0, -1};
            case 3 -> new double[] {1, 0};
            default -> throw new IllegalArgumentException("wall index must be 0..3, got " + k);
        };
    }

    /** Yaw that turns an object's local +z to the inward normal of wall {@code k}. */
    public static double wallYaw(int k) {
        return switch (k) {
            case 0 -> 0;
            case 1 -> -Math.PI / 2;
            case 2 -> Math.PI;
            case 3 -> Math.PI / 2;
            default -> throw new IllegalArgumentException("wall index must be 0..3, got " + k);
        };
    }

    /** Length of wall {@code k}. */
    public double wallLength(int k) {
        return k % 2 == 0 ? width : depth;
    }

    /**
     * World (x, z) of the point at distance {@code s} along wall {@code k}, measured so that the
     * wall's local +x (object frame turned by {@link #wallYaw}) runs towards growing s.
     */
    public double[] wallPoint(int k, double s) {
        return switch (k) {
            case 0 -> new double[] {s, 0};
            case 1 -> new double[] {width, s};
            case 2 -> new double[] {width - s, depth};
            case 3 -> new double[] {0, depth - s};
            default -> throw new IllegalArgumentException("wall index must be 0..3, got " + k);
        };
    }
}
