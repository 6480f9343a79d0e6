package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.LatencyBreakdown;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.model.RoutingTrace;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.m3vit.hw.panel.PanelFixtures.MODEL;

/** The breakdown comparison without a screen: the panel's run against its counterpart, per operation class. */
class BreakdownViewModelTest {

    @Test
    void theBoardsRunIsComparedWithTheIdealisedOneOnTheSameRouting() {
        HardwarePanelModel m = PanelFixtures.directModel(); // default preset: edge-moe-zcu102, as built
        BreakdownRows rows = m.breakdown().rowsProperty().get();
        assertNotNull(rows, m.breakdown().noteProperty().get());
        assertEquals("edge-moe-zcu102", rows.asBuiltName());
        assertEquals("edge-moe-zcu102-ideal", rows.idealName());
        RoutingTrace trace = PanelFixtures.traces().get(PanelFixtures.taskNames().get(0));
        SimResult ideal = Simulator.run(MODEL, List.of(trace), HardwarePresets.get("edge-moe-zcu102-ideal"), Schedule.REORDERED, false);
        SimResult board = Simulator.run(MODEL, List.of(trace), HardwarePresets.get("edge-moe-zcu102"), Schedule.REORDERED, false);
        assertEquals(board.totals().ms(), rows.asBuiltMs(), 1e-12);
        assertEquals(ideal.totals().ms(), rows.idealMs(), 1e-12);
        Map<String, Double> idealByOp = LatencyBreakdown.msByOpClass(LatencyBreakdown.ofAll(ideal));
        BreakdownRows.Row qk = rows.rows().stream().filter(r -> r.op().equals("qk^T+softmax")).findFirst().orElseThrow();
        assertEquals(idealByOp.get("qk^T+softmax"), qk.idealMs(), 1e-12);
        assertTrue(qk.lostMs() > 0, "K re-streamed over a 128-bit port costs more than over the full 256 bits");
        // the rows of each side sum to its latency
        assertEquals(rows.asBuiltMs(), rows.rows().stream().mapToDouble(BreakdownRows.Row::asBuiltMs).sum(), 1e-9);
        assertEquals(rows.idealMs(), rows.rows().stream().mapToDouble(BreakdownRows.Row::idealMs).sum(), 1e-9);
        // largest as-built time first
        for (int i = 1; i < rows.rows().size(); i++) {
            assertTrue(rows.rows().get(i - 1).asBuiltMs() >= rows.rows().get(i).asBuiltMs(), rows.rows().get(i).op());
        }
    }

    @Test
    void anIdealisedPresetIsComparedWithItsBoardAndAnEditedIdealOneWithNothing() {
        HardwarePanelModel m = PanelFixtures.directModel();
        m.usePreset("m3vit-zcu104-ideal");
        BreakdownRows rows = m.breakdown().rowsProperty().get();
        assertEquals("m3vit-zcu104", rows.asBuiltName());
        assertEquals("m3vit-zcu104-ideal", rows.idealName());
        m.editHardware("clockMhz", 200.0);
        assertNull(m.breakdown().rowsProperty().get());
        assertTrue(m.breakdown().noteProperty().get().contains("no as-built preset"), m.breakdown().noteProperty().get());
    }

    @Test
    void aHiddenComparisonWaitsAndIsComputedForTheLatestRunWhenShown() {
        HardwarePanelModel m = PanelFixtures.directModel();
        m.breakdown().activeProperty().set(false);
        m.usePreset("m3vit-zcu104-ideal");
        m.usePreset("edge-moe-zcu102-ideal");
        assertEquals("edge-moe-zcu102", m.breakdown().rowsProperty().get().asBuiltName(), "the rows shown before it was hidden stay");
        assertTrue(m.breakdown().noteProperty().get().contains("when this tab is shown"), m.breakdown().noteProperty().get());
        m.breakdown().activeProperty().set(true);
        BreakdownRows rows = m.breakdown().rowsProperty().get();
        assertEquals("edge-moe-zcu102", rows.asBuiltName(), "the latest run's counterpart: the board of edge-moe-zcu102-ideal");
        assertEquals("edge-moe-zcu102-ideal", rows.idealName());
        assertEquals(m.runsProperty().get().primary().totals().ms(), rows.idealMs(), 1e-12);
    }
}
