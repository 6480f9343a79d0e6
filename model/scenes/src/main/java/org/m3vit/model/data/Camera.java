package org.m3vit.model.data;

/**
 * A pinhole camera in the room. Its frame is the NYU/OpenCV camera frame: x right, y down,
 * z forward (the viewing direction). Pose: world position, yaw (0 looks along world +z, positive
 * turns towards +x), pitch (positive looks up), roll (about the viewing direction), all radians;
 * {@code horizontalFov} is the full horizontal field of view. Pixels are square and the principal
 * point is the image centre, so the focal length in pixels is (W / 2) / tan(horizontalFov / 2).
 */
public record Camera(double x, double y, double z, double yaw, double pitch, double roll, double horizontalFov) {

    /**
     * The one field of view every rendered scene uses: 58 degrees horizontal, as NYUD-v2's Kinect
     * (about 58 x 45 degrees; 47.5 degrees vertical at 160x128). A fixed camera makes metric depth
     * a function of the image: with a random field of view the same picture could mean several depths.
     */
    public static final double HORIZONTAL_FOV = Math.toRadians(58);

    public Camera {
        if (!(horizontalFov > 0 && horizontalFov < Math.PI)) {
            throw new IllegalArgumentException("horizontal field of view must be in (0, pi), got " + horizontalFov);
        }
    }

    /** The camera axes in world coordinates: {right, down, forward}, each a unit 3-vector. */
    public double[][] axes() {
        double cp = StrictMath.cos(pitch), sp = StrictMath.sin(pitch);
        double[] f = {StrictMath.sin(yaw) * cp, sp, StrictMath.cos(yaw) * cp};
        // right = f x up, up = (0, 1, 0)
        double[] r = {-f[2], 0, f[0]};
        double rl = Math.sqrt(r[0] * r[0] + r[2] * r[2]);
        r[0] /= rl; r[2] /= rl;
        double[] d = cross(f, r);
        double cr = StrictMath.cos(roll), sr = StrictMath.sin(roll);
        double[] right = new double[3], down = new double[3];
        for (int i = 0; i < 3; i++) {
            right[i] = cr * r[i] + sr * d[i];
            down[i] = -sr * r[i] + cr * d[i];
        }
        return new double[][] {right, down, f};
    }

    /** Focal length in pixels for an image {@code width} pixels wide. */
    public double focalPixels(int width) {
        return (width / 2.0) / StrictMath.tan(horizontalFov / 2);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
