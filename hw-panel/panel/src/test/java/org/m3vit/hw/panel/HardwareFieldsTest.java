package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.HardwarePresets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareFieldsTest {

    private final HardwareConfig zcu102 = HardwarePresets.get("edge-moe-zcu102-ideal");

    @Test
    void everyListedFieldReadsBackTheConfigsValue() {
        assertEquals(300.0, HardwareFields.value(zcu102, "clockMhz").doubleValue());
        assertEquals(16, HardwareFields.value(zcu102, "macRows").intValue());
        assertEquals(21.3, HardwareFields.value(zcu102, "ddrPeakGBps").doubleValue());
        assertEquals(20.0, HardwareFields.value(zcu102, "dramEnergyPjPerBit").doubleValue());
        for (HardwareFields.Field f : HardwareFields.all()) {
            HardwareConfig same = HardwareFields.with(zcu102, f.name(), HardwareFields.value(zcu102, f.name()));
            assertEquals(HardwareFields.value(zcu102, f.name()).doubleValue(), HardwareFields.value(same, f.name()).doubleValue(), f.name());
        }
    }

    @Test
    void editingChangesOneFieldOnlyAndMarksTheConfig() {
        HardwareConfig c = HardwareFields.with(zcu102, "clockMhz", 150);
        assertEquals(150.0, c.clockMhz());
        assertEquals(zcu102.ddrPeakGBps(), c.ddrPeakGBps());
        assertEquals(zcu102.macCols(), c.macCols());
        assertEquals("edge-moe-zcu102-ideal (edited)", c.name());
        HardwareConfig e = HardwareFields.with(c, "staticPowerW", 2.5);
        assertEquals(2.5, e.staticPowerW().value());
        assertTrue(e.staticPowerW().source().startsWith("edited in the hardware panel (was 1.0 W"), e.staticPowerW().source());
        assertEquals("edge-moe-zcu102-ideal (edited)", e.name());
    }

    @Test
    void invalidValuesAreRefusedWithTheConfigsReason() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> HardwareFields.with(zcu102, "macRows", 0));
        assertTrue(ex.getMessage().contains("macRows must be >= 1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HardwareFields.with(zcu102, "noSuchField", 1));
        // the window's fields have the bounds a hardware file has (they had only the record's own positivity checks)
        RuntimeException big = assertThrows(RuntimeException.class, () -> HardwareFields.with(zcu102, "macRows", 2_000_000_000));
        assertTrue(big.getMessage().contains("macRows is 2000000000; it must be at most 4096"), big.getMessage());
    }
}
