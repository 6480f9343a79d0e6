package org.m3vit.app.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.DirectRunner;
import org.m3vit.app.service.FileImageSource;
import org.m3vit.app.service.ModelLoader;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.StartupTimes;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.image.ImageFit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start's preload without a screen: the view model's first model and first output come from it, nothing is run twice. */
class StartPreloadTest {

    @TempDir
    Path tmp;

    @Test
    void theFirstModelAndItsFirstOutputComeFromThePreloadWithoutASecondInference() throws Exception {
        Path room = org.m3vit.app.fixture.FixtureImages.writeRoom(tmp);
        java.awt.image.BufferedImage labels = new java.awt.image.BufferedImage(48, 32, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) labels.getRaster().setSample(x, y, 0, FixtureModel.classAt(y, x, 0));
        javax.imageio.ImageIO.write(labels, "png", tmp.resolve("room-class.png").toFile());
        FixtureModel model = new FixtureModel(true);
        List<String> asked = new ArrayList<>();
        ModelLoader real = dir -> {
            asked.add(String.valueOf(dir));
            return new FixtureModel(true);
        };
        ResultCache cache = new ResultCache(16);
        StartPreload preload = StartPreload.start(null, room, ImageFit.LETTERBOX, dir -> model, new FileImageSource(), cache);
        ExplorerViewModel vm = new ExplorerViewModel(preload.loader(real), new FileImageSource(), new DirectRunner(), cache,
                System::nanoTime);
        vm.setStartImage(room);
        vm.openModel(null);

        assertThat(vm.modelProperty().get()).isSameAs(model);
        assertThat(vm.currentResultProperty().get()).isNotNull();
        assertThat(vm.currentResultProperty().get().output().task().name()).isEqualTo("semseg");
        assertThat(model.inferCalls.get()).as("the preload's pass is the one shown").isEqualTo(1);
        assertThat(vm.currentResultProperty().get().metrics()).as("with its metrics line, computed off the FX thread")
                .startsWith("This image: pixel accuracy 100.0%");
        assertThat(asked).isEmpty();

        vm.openModel("m3vit-synth"); // another source: the real loader, the preloaded model is not handed out twice
        assertThat(asked).containsExactly("m3vit-synth");
        vm.openModel(null);
        assertThat(asked).containsExactly("m3vit-synth", "null");
    }

    @Test
    void aPreloadThatFailsIsReportedAsTheViewModelsOwnFailure() throws Exception {
        ModelLoader broken = dir -> { throw new IOException("weights.safetensors: truncated"); };
        StartPreload preload = StartPreload.start("some/dir", null, ImageFit.LETTERBOX, broken, new FileImageSource(), new ResultCache(4));
        ModelLoader loader = preload.loader(dir -> new FixtureModel(true));
        assertThatThrownBy(() -> loader.open("some/dir")).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThat(loader.open("some/dir")).as("asked again: the real loader").isInstanceOf(FixtureModel.class);
    }

    @Test
    void aModelTheWindowNeverTookIsClosed() throws Exception {
        FixtureModel model = new FixtureModel(true);
        StartPreload preload = StartPreload.start(null, null, ImageFit.LETTERBOX, dir -> model, new FileImageSource(), new ResultCache(4));
        preload.discard();
        long end = System.nanoTime() + 10_000_000_000L;
        while (!model.closed && System.nanoTime() < end) Thread.sleep(5);
        assertThat(model.closed).isTrue();
    }

    @Test
    void theStartLineIsParsedBack() {
        StartupTimes.mark(StartupTimes.MAIN);
        StartupTimes.Report r = StartupTimes.parse(StartupTimes.line());
        assertThat(r).isNotNull();
        assertThat(r.marks()).containsKey(StartupTimes.MAIN);
        assertThat(r.jvmStartEpochMs()).isPositive();
        StartupTimes.Report hand = StartupTimes.parse(
                "m3vit: start, ms after the JVM started (at 1000 ms): main 180, toolkit 650, output 2400");
        assertThat(hand.jvmStartEpochMs()).isEqualTo(1000);
        assertThat(hand.marks()).containsExactly(java.util.Map.entry("main", 180L), java.util.Map.entry("toolkit", 650L),
                java.util.Map.entry("output", 2400L));
        assertThat(StartupTimes.parse("m3vit: task switch to depth: 12.0 ms")).isNull();
    }
}
