package org.m3vit.visualizer.color;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.SceneClass;
import org.m3vit.visualizer.ClassPalette;

import static org.assertj.core.api.Assertions.assertThat;

class ClassColorsTest {

    @Test
    void sceneLabelsGetSceneColoursOthersGoldenAngle() {
        TaskSpec scene = new TaskSpec("semseg", TaskKind.SEGMENTATION, SceneClass.values().length, SceneClass.labels());
        assertThat(ClassColors.argb(scene)[SceneClass.BED.ordinal()]).isEqualTo(0xFF9370DB);
        int[] other = ClassColors.argb(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 40));
        assertThat(other).hasSize(40);
        assertThat(other[0]).isEqualTo(0xFFF25555);
        assertThat(java.util.Arrays.stream(other).distinct().count()).isEqualTo(40);
    }

    @Test
    void javaFxPaletteShowsTheSameColours() {
        TaskSpec task = TaskSpec.of("parts", TaskKind.SEGMENTATION, 9);
        int[] argb = ClassColors.argb(task);
        ClassPalette palette = ClassPalette.forTask(task);
        for (int k = 0; k < argb.length; k++) {
            Color c = palette.color(k);
            int fx = 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                    | (int) Math.round(c.getBlue() * 255);
            assertThat(fx).as("class " + k).isEqualTo(argb[k]);
        }
    }
}
