package org.m3vit.hw.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HardwareJsonTest {

    @Test
    void presetsRoundTripThroughJson() throws Exception {
        for (String name : HardwarePresets.names()) {
            HardwareConfig c = HardwarePresets.get(name);
            assertThat(HardwareJson.parse(HardwareJson.toJson(c))).isEqualTo(c);
        }
    }

    @Test
    void presetFiguresFollowFromTheirStatedSources() {
        HardwareConfig z102 = HardwarePresets.get("edge-moe-zcu102");
        assertThat(z102.onChipBudgetBytes()).isEqualTo(4_202_496L);           // 912 x 36 Kib
        assertThat(z102.linearMacsPerCycle()).isEqualTo(256);
        assertThat(z102.bufferWeights() * z102.weightBytes()).isEqualTo(288 * 1024); // 768 x 192 x 2 B = 288 KiB
        assertThat(z102.ddrBytesPerCycle()).isCloseTo(17.06e9 / 299.97e6, within(1e-9)); // DDR4-2133 x 64 bit at pl_clk0
        assertThat(z102.asBuilt().bundleBytesPerCycle("inout1", z102.axiWidthBits())).isEqualTo(16.0); // 128-bit HPC1 port
        assertThat(HardwarePresets.get("edge-moe-zcu102-ideal").ddrBytesPerCycle()).isCloseTo(21.3e9 / 300e6, within(1e-9));
        HardwareConfig z104 = HardwarePresets.get("m3vit-zcu104");
        assertThat(z104.onChipBudgetBytes() * 8).isEqualTo(312L * 36 * 1024 + 96L * 288 * 1024); // 11 Mb BRAM + 27 Mb URAM
        assertThat(z104.macEnergyPj().source()).contains("Horowitz");
    }

    @Test
    void modelsLargerThanTheBuiltGatingBuffersAreFlagged() {
        HardwareConfig hw = HardwarePresets.get("edge-moe-zcu102");
        assertThat(Simulator.capacityWarnings(SimTestSupport.TINY, hw)).isEmpty(); // 16 experts x 129 tokens, D 192: as built
        assertThat(Simulator.capacityWarnings(SimTestSupport.TINY.withExperts(64, 2), hw))
                .containsExactly("gate buffer built for 16 x 192, the model needs 64 x 192",
                        "expert queues built for 16 experts x 129 tokens, the model needs 64 x 129");
        assertThat(Simulator.capacityWarnings(org.m3vit.model.Presets.get("m3vit-s-nyud"), hw)).hasSize(2);
    }

    @Test
    void aHardwareFileWrittenBeforeTheAsBuiltModelStillReadsAsIdealised() throws Exception {
        HardwareConfig ideal = HardwarePresets.get("edge-moe-zcu102-ideal");
        String json = HardwareJson.toJson(ideal);
        assertThat(json).contains("\"asBuilt\" : null");
        String old = json.replace(",\n  \"asBuilt\" : null", "");
        assertThat(old).doesNotContain("asBuilt");
        HardwareConfig read = HardwareJson.parse(old);
        assertThat(read.modelsTheBoard()).isFalse();
        assertThat(read).isEqualTo(ideal);
        assertThat(HardwarePresets.idealCounterpart(HardwarePresets.get("edge-moe-zcu102"))).isEqualTo(ideal);
        assertThat(HardwarePresets.boardCounterpart(ideal)).isEqualTo(HardwarePresets.get("edge-moe-zcu102"));
    }

    @Test
    void unknownKeysAndBadValuesAreRejected() {
        String json = HardwareJson.toJson(HardwarePresets.get("edge-moe-zcu102"));
        // the missing key is named (Jackson builds the record before it reports the unknown one)
        assertThatThrownBy(() -> HardwareJson.parse(json.replace("\"clockMhz\"", "\"clockMHz\""))).hasMessageContaining("clockMhz");
        assertThatThrownBy(() -> HardwareJson.parse(json.replace("\"macRows\" : 16", "\"macRows\" : 0")))
                .hasMessageContaining("macRows must be >= 1");
    }
}
