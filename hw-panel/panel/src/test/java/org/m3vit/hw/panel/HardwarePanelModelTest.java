package org.m3vit.hw.panel;

import org.junit.jupiter.api.Test;
import org.m3vit.hw.sim.HardwarePresets;
import org.m3vit.hw.sim.Schedule;
import org.m3vit.hw.sim.SimEvent;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.hw.sim.Simulator;
import org.m3vit.hw.sim.Sweep;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.m3vit.hw.panel.PanelFixtures.MODEL;

/** The panel's state without a screen: what is simulated, when, and what is published. */
class HardwarePanelModelTest {

    @Test
    void simulatesTheExplorersTaskOnItsTraceUnderEverySchedule() {
        HardwarePanelModel m = PanelFixtures.directModel();
        SimRuns r = m.runsProperty().get();
        assertNotNull(r, m.statusProperty().get());
        String task = PanelFixtures.taskNames().get(0);
        assertEquals(List.of(task), r.tasks());
        RoutingTrace trace = PanelFixtures.traces().get(task);
        SimResult oracle = Simulator.run(MODEL, List.of(trace), HardwarePresets.get("edge-moe-zcu102"), Schedule.REORDERED, false);
        assertEquals(oracle.totals().cycles(), r.primary().totals().cycles(), 1e-9);
        assertEquals(Schedule.values().length, r.results().size());
    }

    @Test
    void aSequenceWaitsForMissingTracesAndNamesThem() {
        HardwarePanelModel m = PanelFixtures.directModel();
        List<String> tasks = PanelFixtures.taskNames();
        Map<String, RoutingTrace> onlyFirst = new HashMap<>();
        onlyFirst.put(tasks.get(0), PanelFixtures.traces().get(tasks.get(0)));
        m.tracesProperty().set(onlyFirst);
        m.sequence().setAll(tasks.get(0), tasks.get(1), tasks.get(0));
        m.useSequenceProperty().set(true);
        assertNull(m.runsProperty().get());
        assertEquals(List.of(tasks.get(1)), List.copyOf(m.missingTasks()));
        assertTrue(m.statusProperty().get().contains(tasks.get(1)), m.statusProperty().get());
        m.tracesProperty().set(PanelFixtures.traces());
        assertTrue(m.missingTasks().isEmpty());
        SimRuns r = m.runsProperty().get();
        assertEquals(List.of(tasks.get(0), tasks.get(1), tasks.get(0)), r.tasks());
        assertEquals(2, r.primary().taskSwitches().size());
        assertEquals(3, r.primary().inferences().size());
    }

    @Test
    void aResultThatArrivesAfterTheInputsChangedIsDropped() {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        Executor queued = queue::add;
        HardwarePanelModel m = new HardwarePanelModel(queued, Runnable::run);
        m.modelConfigProperty().set(MODEL);
        m.tracesProperty().set(PanelFixtures.traces());
        m.currentTaskProperty().set(PanelFixtures.taskNames().get(0));
        m.hardwareProperty().set(HardwarePresets.get("m3vit-zcu104"));
        int started = m.simulationsStarted();
        assertTrue(started >= 2 && queue.size() == started, "jobs queued: " + queue.size());
        // run every queued job: only the last one (ZCU104, first task) may publish
        while (!queue.isEmpty()) queue.poll().run();
        SimRuns r = m.runsProperty().get();
        assertEquals("m3vit-zcu104", r.primary().hardware().name());
        assertEquals(PanelFixtures.taskNames().get(0), r.tasks().get(0));
        assertTrue(!m.busyProperty().get());
    }

    @Test
    void goingBackToATaskAlreadySimulatedPublishesItsResultsWithoutSimulatingAgain() {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        HardwarePanelModel m = new HardwarePanelModel(queue::add, Runnable::run);
        m.breakdown().activeProperty().set(false); // its tab hidden, as in the window: only the panel's own simulations queue
        List<String> tasks = PanelFixtures.taskNames();
        m.modelConfigProperty().set(MODEL);
        m.tracesProperty().set(PanelFixtures.traces());
        for (String task : List.of(tasks.get(0), tasks.get(1))) {
            m.currentTaskProperty().set(task);
            while (!queue.isEmpty()) queue.poll().run();
        }
        SimRuns second = m.runsProperty().get();
        int started = m.simulationsStarted();
        m.currentTaskProperty().set(tasks.get(0)); // back to the first task: known inputs
        assertTrue(queue.isEmpty(), "nothing queued for inputs simulated before");
        assertEquals(started, m.simulationsStarted());
        assertTrue(!m.busyProperty().get());
        SimRuns back = m.runsProperty().get();
        assertEquals(List.of(tasks.get(0)), back.tasks());
        SimResult oracle = Simulator.run(MODEL, List.of(PanelFixtures.traces().get(tasks.get(0))), HardwarePresets.get("edge-moe-zcu102"),
                Schedule.REORDERED, false);
        assertEquals(oracle.totals().cycles(), back.primary().totals().cycles(), 1e-9);
        assertTrue(back.primary().totals().cycles() != second.primary().totals().cycles(), "the other task's routing gives other cycles");
        // another hardware config, or a trace made anew for the same task (another image), is simulated again
        m.hardwareProperty().set(HardwarePresets.get("m3vit-zcu104"));
        assertEquals(1, queue.size());
        while (!queue.isEmpty()) queue.poll().run();
        Map<String, RoutingTrace> fresh = new HashMap<>(PanelFixtures.traces());
        RoutingTrace t0 = fresh.get(tasks.get(0));
        fresh.put(tasks.get(0), new RoutingTrace(t0.model(), t0.task(), t0.taskIndex(), t0.gridHeight(), t0.gridWidth(), t0.numExperts(), t0.topK(),
                t0.layers(), t0.macs(), t0.intervention()));
        m.tracesProperty().set(fresh);
        assertEquals(1, queue.size(), "a new trace object is a new input, even with equal routing");
    }

    @Test
    void theBusyFlagIsClearedWhenTheModelGoesAwayMidSimulation() {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        HardwarePanelModel m = new HardwarePanelModel(queue::add, Runnable::run);
        m.modelConfigProperty().set(MODEL);
        m.tracesProperty().set(PanelFixtures.traces());
        m.currentTaskProperty().set(PanelFixtures.taskNames().get(0));
        assertTrue(m.busyProperty().get());
        m.modelConfigProperty().set(null); // the explorer closes its model while the simulation waits
        while (!queue.isEmpty()) queue.poll().run();
        assertTrue(!m.busyProperty().get(), "was left set: the dropped simulation never published");
        assertEquals("no model loaded", m.statusProperty().get());
    }

    @Test
    void changingTheScheduleSelectsItsResultWithOtherNumbers() {
        HardwarePanelModel m = PanelFixtures.directModel();
        double reordered = m.runsProperty().get().primary().totals().cycles();
        long reorderedPeak = m.runsProperty().get().primary().totals().peakOnChipBytes();
        m.scheduleProperty().set(Schedule.NAIVE_REFETCH);
        SimRuns r = m.runsProperty().get();
        assertEquals(Schedule.NAIVE_REFETCH, r.primary().schedule());
        assertTrue(r.primary().totals().cycles() > 2 * reordered, "naive-refetch re-loads experts per token");
        m.scheduleProperty().set(Schedule.NAIVE_RESIDENT);
        assertTrue(m.runsProperty().get().primary().totals().peakOnChipBytes() > 4 * reorderedPeak, "all 16 experts on chip");
    }

    @Test
    void anInvalidHardwareEditKeepsTheConfigAndSaysWhy() {
        HardwarePanelModel m = PanelFixtures.directModel();
        assertTrue(!m.editHardware("macRows", 0));
        assertEquals("edge-moe-zcu102", m.hardwareProperty().get().name());
        assertTrue(m.statusProperty().get().contains("macRows"), m.statusProperty().get());
        double before = m.runsProperty().get().primary().totals().cycles();
        assertTrue(m.editHardware("clockMhz", 150));
        assertEquals(before, m.runsProperty().get().primary().totals().cycles(), before * 0.2,
                "cycles change only through DDR (same bytes per second, twice the bytes per cycle)");
        assertEquals(150.0, m.runsProperty().get().primary().hardware().clockMhz());
    }

    @Test
    void sweepShowsFlatPeakMemoryForReorderedAndGrowingForResident() {
        HardwarePanelModel m = PanelFixtures.directModel();
        m.requestSweep();
        HardwarePanelModel.SweepData d = m.sweepProperty().get();
        assertNotNull(d);
        List<Sweep.Point> re = d.points().get(Schedule.REORDERED);
        List<Sweep.Point> res = d.points().get(Schedule.NAIVE_RESIDENT);
        assertEquals(HardwarePanelModel.SWEEP_EXPERTS, re.stream().map(Sweep.Point::experts).toList());
        for (Sweep.Point p : re) assertEquals(re.get(0).peakWeightBytes(), p.peakWeightBytes(), "E = " + p.experts());
        for (int i = 1; i < res.size(); i++) assertTrue(res.get(i).peakWeightBytes() > res.get(i - 1).peakWeightBytes());
        // resident weights at E = 128 hold 128 experts: at least 128 x one expert's bytes
        long expert = ((long) MODEL.expertHidden() * MODEL.embedDim() * 2) * 2;
        assertTrue(res.get(res.size() - 1).peakWeightBytes() >= 128 * expert);
    }

    @Test
    void animationCursorSitsInTheLayersMoeWorkOnTheExpertsRunningThere() {
        HardwarePanelModel m = PanelFixtures.directModel();
        RoutingTrace tr = m.runsProperty().get().traces().get(0);
        m.animationPositionProperty().set(1.5);
        AnimationCursor c = m.cursorProperty().get();
        assertNotNull(c);
        assertEquals("block " + tr.layers().get(1).block(), c.layer());
        assertEquals((c.fromCycle() + c.toCycle()) / 2, c.cycle(), 1e-6);
        SimResult r = m.runsProperty().get().primary();
        SimEvent computing = null;
        for (SimEvent e : r.events()) {
            if (e.layer().equals(c.layer()) && e.expert() >= 0 && e.lane() == org.m3vit.hw.sim.Lane.LINEAR && e.startCycle() <= c.cycle()
                    && (computing == null || e.startCycle() > computing.startCycle())) computing = e;
        }
        assertNotNull(computing);
        assertEquals(computing.expert(), c.computing());
        assertTrue(c.loading() >= 0);
        assertEquals(-1, c.token());
        m.selectedTokenProperty().set(5);
        AnimationCursor t = m.cursorProperty().get();
        assertEquals(5, t.token());
        assertEquals(java.util.Arrays.toString(tr.layers().get(1).experts()[5]), java.util.Arrays.toString(t.tokenExperts()));
        assertTrue(t.tokenUses(tr.layers().get(1).experts()[5][0]));
        m.animationPositionProperty().set(-1);
        assertNull(m.cursorProperty().get());
    }
}
