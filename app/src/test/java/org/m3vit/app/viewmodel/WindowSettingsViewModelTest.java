package org.m3vit.app.viewmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.fixture.FixtureImages;
import org.m3vit.app.fixture.FixtureModel;
import org.m3vit.app.service.DirectRunner;
import org.m3vit.app.service.ResultCache;
import org.m3vit.app.service.Settings;
import org.m3vit.app.service.SettingsStore;
import org.m3vit.model.image.ImageFit;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's remembered state: loaded into the explorer's view model, kept as properties, written back. */
class WindowSettingsViewModelTest {

    @TempDir
    Path tmp;

    private final FixtureModel model = new FixtureModel(false);

    private ExplorerViewModel explorer() {
        ExplorerViewModel vm = new ExplorerViewModel(dir -> model, FixtureImages.source(), new DirectRunner(), new ResultCache(4), () -> 0L);
        vm.setLog(s -> { });
        return vm;
    }

    @Test
    void aFirstRunHasTheDefaultsAndNoFolder() {
        WindowSettingsViewModel s = new WindowSettingsViewModel(explorer(), new SettingsStore(tmp.resolve("none.json")));
        assertThat(s.windowWidth()).isEqualTo(Settings.defaults().windowWidth());
        assertThat(s.windowHeight()).isEqualTo(Settings.defaults().windowHeight());
        assertThat(s.lastModel()).isNull();
        assertThat(s.lastFolderProperty().get()).isNull();
        assertThat(s.exportFolder()).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void whatASessionChangesComesBackInTheNext() throws Exception {
        SettingsStore store = new SettingsStore(tmp.resolve("settings.json"));
        Path images = Files.createDirectories(tmp.resolve("images"));
        ExplorerViewModel first = explorer();
        WindowSettingsViewModel s = new WindowSettingsViewModel(first, store);
        first.openModel("/models/mine");
        first.recentFiles().setAll(List.of("/a.png", "/b.png"));
        first.imageFitProperty().set(ImageFit.CROP);
        s.rememberFolderOf(images.resolve("scene.png"));
        s.save(1200, 780);

        ExplorerViewModel second = explorer();
        WindowSettingsViewModel again = new WindowSettingsViewModel(second, store);
        assertThat(again.windowWidth()).isEqualTo(1200);
        assertThat(again.windowHeight()).isEqualTo(780);
        assertThat(again.lastModel()).isEqualTo(first.modelSourceProperty().get()).isNotNull();
        assertThat(second.recentFiles()).containsExactly("/a.png", "/b.png");
        assertThat(second.imageFitProperty().get()).isEqualTo(ImageFit.CROP);
        assertThat(again.lastFolderProperty().get()).isEqualTo(images.toAbsolutePath().toString());
        assertThat(again.initialFolder()).isEqualTo(images.toAbsolutePath());
        assertThat(again.exportFolder()).isEqualTo(images.toAbsolutePath());
    }

    @Test
    void aFolderThatIsGoneIsNotWhereDialogsStart() throws Exception {
        SettingsStore store = new SettingsStore(tmp.resolve("settings.json"));
        Path gone = Files.createDirectories(tmp.resolve("gone"));
        WindowSettingsViewModel s = new WindowSettingsViewModel(explorer(), store);
        s.rememberFolder(gone);
        assertThat(s.initialFolder()).isEqualTo(gone.toAbsolutePath());
        Files.delete(gone);
        assertThat(s.initialFolder()).isNotEqualTo(gone.toAbsolutePath());
    }

    @Test
    void aHandEditedFitIsIgnoredAndAnUnknownSizeKeepsTheLoadedOne() throws Exception {
        Path file = tmp.resolve("settings.json");
        new SettingsStore(file).save(new Settings(1000, 650, null, null, List.of(), "sideways"));
        ExplorerViewModel vm = explorer();
        WindowSettingsViewModel s = new WindowSettingsViewModel(vm, new SettingsStore(file));
        assertThat(vm.imageFitProperty().get()).isEqualTo(ImageFit.LETTERBOX);
        s.save(0, 0);
        Settings written = new SettingsStore(file).load();
        assertThat(written.windowWidth()).isEqualTo(1000);
        assertThat(written.windowHeight()).isEqualTo(650);
        assertThat(written.imageFit()).isEqualTo("letterbox");
    }
}
