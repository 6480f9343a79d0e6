package org.m3vit.app.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.hw.panel.HardwareFields;
import org.m3vit.hw.panel.HardwarePanelModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hardware panel's edits and task sequence survive a restart. */
class HardwarePanelMemoryTest {

    @TempDir
    Path dir;

    @Test
    void anEditedClockAndTheSequenceComeBackAndABrokenFileIsIgnoredWithAMessage() throws Exception {
        HardwarePanelModel before = new HardwarePanelModel(Runnable::run, Runnable::run);
        before.hardwareProperty().set(HardwareFields.with(before.hardwareProperty().get(), "clockMhz", 150.0));
        before.sequence().setAll("depth", "semseg", "depth");
        before.useSequenceProperty().set(true);
        Path file = dir.resolve("sub/hardware-panel.json");
        HardwarePanelMemory.save(before, file);

        HardwarePanelModel after = new HardwarePanelModel(Runnable::run, Runnable::run);
        List<String> log = new ArrayList<>();
        HardwarePanelMemory.restore(after, file, log::add);
        assertThat(log).isEmpty();
        assertThat(after.hardwareProperty().get().clockMhz()).isEqualTo(150.0);
        assertThat(after.hardwareProperty().get().name()).endsWith(" (edited)");
        assertThat(after.hardwareProperty().get().clockSource()).startsWith("edited in the hardware panel");
        assertThat(after.sequence()).containsExactly("depth", "semseg", "depth");
        assertThat(after.useSequenceProperty().get()).isTrue();

        Files.writeString(file, "{ \"hardware\": 3");
        HardwarePanelModel fresh = new HardwarePanelModel(Runnable::run, Runnable::run);
        double clock = fresh.hardwareProperty().get().clockMhz();
        HardwarePanelMemory.restore(fresh, file, log::add);
        assertThat(fresh.hardwareProperty().get().clockMhz()).isEqualTo(clock);
        assertThat(log).singleElement().asString().startsWith("ignoring unreadable " + file + ": ");
    }
}
