package org.m3vit.model.data;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SceneRendererTest {

    private static final SceneRenderer RENDERER = new SceneRenderer();

    @Test
    void sameSeedGivesIdenticalArraysAndOtherSeedsDiffer() {
        RenderedScene a = RENDERER.render(42, 48, 64);
        RenderedScene b = new SceneRenderer().render(42, 48, 64);
        assertThat(b.rgb()).isEqualTo(a.rgb());
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(b.depth()).isEqualTo(a.depth());
        assertThat(b.normals()).isEqualTo(a.normals());
        RenderedScene c = RENDERER.render(43, 48, 64);
        assertThat(c.rgb()).isNotEqualTo(a.rgb());
        assertThat(c.depth()).isNotEqualTo(a.depth());
        assertThat(c.labels()).isNotEqualTo(a.labels());
    }

    @Test
    void renderingOnOtherThreadsGivesTheSameBytes() throws Exception {
        RenderedScene reference = RENDERER.render(77, 32, 40);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> RENDERER.render(77, 32, 40));
            var b = pool.submit(() -> RENDERER.render(78, 32, 40));
            var c = pool.submit(() -> RENDERER.render(77, 32, 40));
            assertThat(a.get().rgb()).isEqualTo(reference.rgb());
            assertThat(c.get().normals()).isEqualTo(reference.normals());
            assertThat(b.get().rgb()).isNotEqualTo(reference.rgb());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everySceneHasTheSameKnownCamera() {
        for (long seed = 0; seed < 60; seed++) {
            assertThat(SceneGenerator.generate(seed).camera().horizontalFov()).as("seed %d", seed).isEqualTo(Camera.HORIZONTAL_FOV);
        }
        assertThat(Math.toDegrees(Camera.HORIZONTAL_FOV)).isCloseTo(58.0, within(1e-9));
    }

    /** Empty 4 x 3 x 6 m room, camera at (2, 1.5, 3) looking along +z (yaw 0), 90 degree FOV. */
    private static Scene handScene(List<SceneObject> objects) {
        Material m = Material.matte(0.5, 0.5, 0.5);
        Room room = new Room(4, 3, 6, m, m, new Material[] {m, m, m, m});
        Camera cam = new Camera(2, 1.5, 3, 0, 0, 0, Math.PI / 2);
        return new Scene(room, objects, List.of(new Light(2, 2.8, 3, 2, 2, 2, -1)), new double[] {0.2, 0.2, 0.2}, cam);
    }

    @Test
    void wallStraightAheadAtThreeMetres() {
        // 60 x 50 pixels, focal length 25 px; the wall z = 6 is 3 m ahead of the camera
        RenderedScene s = RENDERER.render(handScene(List.of()), 60, 50);
        for (int[] p : new int[][] {{25, 30}, {24, 29}, {30, 20}, {15, 35}}) {
            int x = p[0], y = p[1];
            assertThat(s.label(x, y)).isEqualTo(SceneClass.WALL.ordinal());
            assertThat(s.depth(x, y)).isCloseTo(3.0f, within(1e-5f));
            assertThat(s.normal(0, x, y)).isCloseTo(0f, within(1e-6f));
            assertThat(s.normal(1, x, y)).isCloseTo(0f, within(1e-6f));
            assertThat(s.normal(2, x, y)).isCloseTo(-1f, within(1e-6f));
        }
    }

    @Test
    void floorCeilingAndSideWallMatchHandComputation() {
        RenderedScene s = RENDERER.render(handScene(List.of()), 60, 50);
        double f = 25; // (50 / 2) / tan(45 deg)
        // bottom row: v = 29.5 / 25, the floor is 1.5 m below the camera, z-depth = 1.5 / v
        assertThat(s.label(25, 59)).isEqualTo(SceneClass.FLOOR.ordinal());
        assertThat((double) s.depth(25, 59)).isCloseTo(1.5 / (29.5 / f), within(1e-5));
        assertThat(s.normal(1, 25, 59)).isCloseTo(-1f, within(1e-6f)); // floor normal points up = -y in camera frame
        // top row: the ceiling is 1.5 m above
        assertThat(s.label(25, 0)).isEqualTo(SceneClass.CEILING.ordinal());
        assertThat((double) s.depth(25, 0)).isCloseTo(1.5 / (29.5 / f), within(1e-5));
        assertThat(s.normal(1, 25, 0)).isCloseTo(1f, within(1e-6f));
        // left column: u = -24.5 / 25; looking along +z, image left is world +x, the wall x = 4 is 2 m away
        assertThat(s.label(0, 30)).isEqualTo(SceneClass.WALL.ordinal());
        assertThat((double) s.depth(0, 30)).isCloseTo(2 / (24.5 / f), within(1e-5));
        assertThat(s.normal(0, 0, 30)).isCloseTo(1f, within(1e-6f));
        assertThat(s.normal(2, 0, 30)).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void boxAndSphereMatchAnalyticIntersections() {
        Material m = Material.matte(0.3, 0.6, 0.2);
        // cabinet: front face z = 4, 1 m ahead, spanning x 1.7..2.3 (in view at the image centre)
        SceneObject box = new SceneObject(SceneClass.CABINET, 0, 0, 0, 0, List.of(Primitive.box(1.7, 0, 4, 2.3, 2, 4.5, m)), true);
        // sphere of radius 0.5 at world (1, 1.5, 5): camera frame (1, 0, 2) since camera right is world -x
        SceneObject ball = new SceneObject(SceneClass.PLANT, 1, 1.5, 5, 0.7, List.of(Primitive.sphere(0, 0, 0, 0.5, m)), true);
        RenderedScene s = RENDERER.render(handScene(List.of(box, ball)), 60, 50);
        assertThat(s.label(25, 30)).isEqualTo(SceneClass.CABINET.ordinal());
        assertThat(s.depth(25, 30)).isCloseTo(1.0f, within(1e-5f));
        assertThat(s.normal(2, 25, 30)).isCloseTo(-1f, within(1e-6f));

        // pixel (37, 30): ray (u, v, 1) = (0.5, 0.02, 1) in the camera frame
        double[] d = {12.5 / 25, 0.5 / 25, 1}, c = {1, 0, 2};
        double a = dot(d, d), b = dot(d, c), cc = dot(c, c) - 0.25;
        double t = (b - Math.sqrt(b * b - a * cc)) / a;
        assertThat(s.label(37, 30)).isEqualTo(SceneClass.PLANT.ordinal());
        assertThat((double) s.depth(37, 30)).isCloseTo(t, within(1e-5));
        for (int k = 0; k < 3; k++) {
            assertThat((double) s.normal(k, 37, 30)).isCloseTo((t * d[k] - c[k]) / 0.5, within(1e-5));
        }
    }

    @Test
    void cameraAxesFollowTheOpenCvConvention() {
        double[][] ax = new Camera(0, 0, 0, Math.PI / 2, 0, 0, 1).axes();
        assertThat(ax[2][0]).isCloseTo(1, within(1e-12)); // forward = world +x
        assertThat(ax[0][2]).isCloseTo(1, within(1e-12)); // right = world +z
        assertThat(ax[1][1]).isCloseTo(-1, within(1e-12)); // down = world -y
        double[][] up = new Camera(0, 0, 0, 0, 0.3, 0, 1).axes();
        assertThat(up[2][1]).isCloseTo(Math.sin(0.3), within(1e-12)); // positive pitch looks up
    }

    @Test
    void normalsAreUnitAndFaceTheCameraAndDepthStaysInsideTheRoom() {
        for (long seed = 100; seed < 112; seed++) {
            RenderedScene s = RENDERER.render(seed, 48, 60);
            Room room = s.scene().room();
            double diagonal = Math.sqrt(room.width() * room.width() + room.height() * room.height() + room.depth() * room.depth());
            double focal = s.scene().camera().focalPixels(60);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 60; x++) {
                    double nx = s.normal(0, x, y), ny = s.normal(1, x, y), nz = s.normal(2, x, y);
                    assertThat(nx * nx + ny * ny + nz * nz).as("seed %d pixel %d,%d", seed, x, y).isCloseTo(1, within(1e-5));
                    double u = (x + 0.5 - 30) / focal, v = (y + 0.5 - 24) / focal;
                    assertThat(nx * u + ny * v + nz).as("normal faces the camera").isLessThan(1e-9);
                    assertThat((double) s.depth(x, y)).isGreaterThan(0).isLessThan(diagonal);
                }
            }
        }
    }

    @Test
    void everyClassAppearsOverFiftyScenes() {
        Set<SceneClass> seen = EnumSet.noneOf(SceneClass.class);
        int[] scenesWith = new int[SceneClass.values().length];
        for (long seed = 0; seed < 50; seed++) {
            int[] h = RENDERER.render(seed, 64, 80).classHistogram();
            for (int k = 0; k < h.length; k++) {
                if (h[k] > 0) {
                    seen.add(SceneClass.values()[k]);
                    scenesWith[k]++;
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(SceneClass.values());
        assertThat(scenesWith[SceneClass.WALL.ordinal()]).isEqualTo(50);
        for (int k = 0; k < scenesWith.length; k++) {
            assertThat(scenesWith[k]).as(SceneClass.values()[k].label()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void coloursVaryWithinEachClassAcrossScenes() {
        // domain randomisation: the mean colour of a class must change a lot from scene to scene
        SceneClass[] checked = {SceneClass.FLOOR, SceneClass.WALL, SceneClass.TABLE, SceneClass.CABINET};
        double[][] sum = new double[checked.length][3], sumSq = new double[checked.length][3];
        int[] scenes = new int[checked.length];
        for (long seed = 200; seed < 240; seed++) {
            RenderedScene s = RENDERER.render(seed, 32, 40);
            for (int c = 0; c < checked.length; c++) {
                double[] mean = new double[3];
                int n = 0;
                for (int i = 0; i < s.labels().length; i++) {
                    if (s.labels()[i] != checked[c].ordinal()) continue;
                    int p = s.rgb()[i];
                    mean[0] += ((p >> 16) & 0xFF) / 255.0; mean[1] += ((p >> 8) & 0xFF) / 255.0; mean[2] += (p & 0xFF) / 255.0;
                    n++;
                }
                if (n < 20) continue;
                scenes[c]++;
                for (int k = 0; k < 3; k++) {
                    sum[c][k] += mean[k] / n;
                    sumSq[c][k] += (mean[k] / n) * (mean[k] / n);
                }
            }
        }
        for (int c = 0; c < checked.length; c++) {
            assertThat(scenes[c]).as(checked[c].label()).isGreaterThanOrEqualTo(8);
            for (int k = 0; k < 3; k++) {
                double m = sum[c][k] / scenes[c], sd = Math.sqrt(sumSq[c][k] / scenes[c] - m * m);
                assertThat(sd).as("%s channel %d spread", checked[c].label(), k).isGreaterThan(0.08);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
