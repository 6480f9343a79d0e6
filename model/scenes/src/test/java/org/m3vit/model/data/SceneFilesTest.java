package org.m3vit.model.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.io.Npy;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SceneFilesTest {

    @Test
    void filesHoldTheRenderedArrays(@TempDir Path dir) throws IOException {
        RenderedScene s = new SceneRenderer().render(5, 24, 32);
        Map<String, String> names = SceneFiles.write(dir, 5, s);
        assertThat(names.values()).containsExactly("scene-5.png", "scene-5-class.png", "scene-5-class-color.png",
                "scene-5-depth.png", "scene-5-depth.npy", "scene-5-normals.npy", "scene-5-normals.png");

        BufferedImage rgb = ImageIO.read(dir.resolve("scene-5.png").toFile());
        BufferedImage cls = ImageIO.read(dir.resolve("scene-5-class.png").toFile());
        BufferedImage depth = ImageIO.read(dir.resolve("scene-5-depth.png").toFile());
        assertThat(depth.getColorModel().getPixelSize()).isEqualTo(16);
        for (int y = 0; y < 24; y += 5) {
            for (int x = 0; x < 32; x += 7) {
                assertThat(rgb.getRGB(x, y)).isEqualTo(s.rgb(x, y));
                assertThat(cls.getRaster().getSample(x, y, 0)).isEqualTo(s.label(x, y));
                assertThat(depth.getRaster().getSample(x, y, 0)).isEqualTo((int) Math.round(s.depth(x, y) * 1000.0));
            }
        }
        Npy.Array d = Npy.read(dir.resolve("scene-5-depth.npy"));
        assertThat(d.shape()).containsExactly(24, 32);
        assertThat(d.data()).containsExactly(s.depth());
        Npy.Array n = Npy.read(dir.resolve("scene-5-normals.npy"));
        assertThat(n.shape()).containsExactly(3, 24, 32);
        assertThat(n.data()).containsExactly(s.normals());
    }

    @Test
    void manifestNamesClassesFilesAndConventions(@TempDir Path dir) throws IOException {
        RenderedScene s = new SceneRenderer().render(9, 12, 16);
        Map<String, String> names = SceneFiles.write(dir, 9, s);
        Path file = dir.resolve("manifest.json");
        SceneFiles.writeManifest(file, SceneFiles.manifest(12, 16, List.of(9L), List.of(names), List.of(s.scene())));
        JsonNode m = new ObjectMapper().readTree(file.toFile());
        assertThat(m.get("rendererVersion").asText()).isEqualTo(SceneRenderer.VERSION);
        assertThat(m.get("intrinsics").get("horizontalFovDegrees").asDouble()).isEqualTo(58.0);
        assertThat(m.get("intrinsics").get("fx").asDouble()).isEqualTo(m.get("intrinsics").get("fy").asDouble());
        assertThat(m.get("classes")).hasSize(SceneClass.values().length);
        assertThat(m.get("classes").get(3).get("name").asText()).isEqualTo("window");
        assertThat(m.get("classes").get(3).get("color").asText()).isEqualTo("#6FB7E8");
        assertThat(m.get("normals").get("frame").asText()).contains("x right, y down, z forward");
        JsonNode scene = m.get("scenes").get(0);
        assertThat(scene.get("seed").asLong()).isEqualTo(9);
        assertThat(scene.get("files").get("depthNpy").asText()).isEqualTo("scene-9-depth.npy");
        assertThat(scene.get("camera").get("focalPixels").asDouble())
                .isCloseTo(s.scene().camera().focalPixels(16), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(scene.get("objects")).hasSize(s.scene().objects().size());
    }
}
