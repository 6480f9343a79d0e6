package org.m3vit.hw.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The discrete-event engine. Weight loads and computations issue in program order from two
 * queues; an op starts when its lanes are free, the ops it depends on have ended and the
 * buffer it loads into is free. Transfers share the DDR bandwidth (max-min fair, each capped by
 * its AXI ports), so a transfer's end is known only as the set of active transfers changes:
 * the engine advances time from event to event (latency elapsed, compute finished, transfer
 * drained) rather than summing closed-form durations.
 */
final class EventEngine {

    private static final double EPS = 1e-6;

    private record Timer(double time, long seq, Op op, boolean computeDone) { }

    private final HardwareConfig hw;
    private final List<String> taskOfInference;
    private final EnumSet<Lane> busy = EnumSet.noneOf(Lane.class);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingDouble(Timer::time).thenComparingLong(Timer::seq));
    private final List<Op> active = new ArrayList<>(2);
    private final List<Op> drained = new ArrayList<>(2);
    private final List<SimEvent> events = new ArrayList<>();
    private final StepRecorder[] memory;
    private final StepRecorder total = new StepRecorder("total on-chip", false);
    private final StepRecorder weights = new StepRecorder("weights on-chip", true);
    private long totalBytes;
    private long weightBytes;
    private double now;
    private long seq;

    /** What one run produced. */
    record Output(List<SimEvent> events, List<MemoryCurve> buffers, MemoryCurve total, MemoryCurve weights) { }

    EventEngine(HardwareConfig hw, List<String> taskOfInference, List<Buffer> buffers) {
        this.hw = hw;
        this.taskOfInference = taskOfInference;
        this.memory = new StepRecorder[buffers.size()];
        for (Buffer b : buffers) memory[b.index] = new StepRecorder(b.name, b.holdsWeights);
    }

    Output run(List<Op> loads, List<Op> computes) {
        int li = 0;
        int ci = 0;
        while (true) {
            boolean progress = true;
            while (progress) {
                progress = false;
                if (li < loads.size() && canStart(loads.get(li))) { start(loads.get(li++)); progress = true; }
                if (ci < computes.size() && canStart(computes.get(ci))) { start(computes.get(ci++)); progress = true; }
            }
            if (timers.isEmpty() && active.isEmpty()) {
                if (li < loads.size() || ci < computes.size()) {
                    Op stuck = li < loads.size() ? loads.get(li) : computes.get(ci);
                    throw new IllegalStateException("simulation deadlock at cycle " + now + ": '" + stuck.layer + " " + stuck.name
                            + "' can never start (buffer " + (stuck.acquires == null ? "-" : stuck.acquires.name) + ")");
                }
                break;
            }
            double next = timers.isEmpty() ? Double.POSITIVE_INFINITY : timers.peek().time();
            for (Op t : active) next = Math.min(next, now + t.remainingBytes / t.rate);
            double dt = next - now;
            drained.clear();
            for (Op t : active) {
                if (now + t.remainingBytes / t.rate <= next) drained.add(t);
                else t.remainingBytes -= t.rate * dt;
            }
            now = next;
            if (!drained.isEmpty()) {
                active.removeAll(drained);
                for (Op t : drained) transferFinished(t);
                shareBandwidth();
            }
            while (!timers.isEmpty() && timers.peek().time() <= now + EPS) {
                Timer timer = timers.poll();
                if (timer.computeDone()) {
                    timer.op().computeDone = true;
                    if (timer.op().transferDone) complete(timer.op());
                } else {
                    timer.op().remainingBytes = timer.op().transferBytes;
                    active.add(timer.op());
                    shareBandwidth();
                }
            }
        }
        List<MemoryCurve> curves = new ArrayList<>(memory.length);
        for (StepRecorder r : memory) curves.add(r.toCurve());
        return new Output(events, curves, total.toCurve(), weights.toCurve());
    }

    private boolean canStart(Op op) {
        if (busy.contains(op.lane)) return false;
        if (op.transferLane() == Lane.ACTIVATION_DDR && busy.contains(Lane.ACTIVATION_DDR)) return false;
        for (Op d : op.deps) if (!d.done) return false;
        return op.acquires == null || op.acquires.availableTo(op.acquireOwner);
    }

    private void start(Op op) {
        op.started = true;
        op.start = now;
        busy.add(op.lane);
        Lane transferLane = op.transferLane();
        if (transferLane != null) busy.add(transferLane);
        if (op.acquires != null) {
            op.acquires.owner = op.acquireOwner;
            op.acquires.bytes += op.acquireBytes;
            changed(op.acquires, op.acquireBytes);
        }
        if (transferLane != null) {
            timers.add(new Timer(now + op.latencyCycles, seq++, op, false));
        } else {
            op.transferDone = true;
            op.transferEnd = now;
        }
        if (op.isLoad()) {
            op.computeDone = true;
        } else {
            timers.add(new Timer(now + op.latencyCycles + op.computeCycles, seq++, op, true));
        }
    }

    private void transferFinished(Op op) {
        op.transferDone = true;
        op.transferEnd = now;
        op.remainingBytes = 0;
        if (!op.isLoad()) busy.remove(Lane.ACTIVATION_DDR);
        if (op.computeDone) complete(op);
    }

    private void complete(Op op) {
        op.done = true;
        op.end = now;
        busy.remove(op.lane);
        for (Buffer b : op.releases) {
            long freed = b.bytes;
            b.owner = null;
            b.bytes = 0;
            changed(b, -freed);
        }
        String task = taskOfInference.get(op.inference);
        String buffer = op.acquires != null ? op.acquires.name : "";
        if (op.isLoad()) {
            op.eventIndex = events.size();
            events.add(new SimEvent(events.size(), Lane.WEIGHT_DDR, op.start, op.end, op.inference, task, op.layer, op.name,
                    op.expert, op.tokens, op.transferBytes, 0, 0, buffer, new int[0]));
            return;
        }
        int[] waits = new int[op.weightDeps.size()];
        for (int i = 0; i < waits.length; i++) waits[i] = op.weightDeps.get(i).eventIndex;
        String readBuffer = op.weightDeps.isEmpty() || op.weightDeps.get(0).acquires == null
                ? buffer : op.weightDeps.get(0).acquires.name;
        op.eventIndex = events.size();
        events.add(new SimEvent(events.size(), op.lane, op.start, op.end, op.inference, task, op.layer, op.name,
                op.expert, op.tokens, 0, 0, op.macs, readBuffer, waits));
        if (op.transferBytes > 0) {
            events.add(new SimEvent(events.size(), Lane.ACTIVATION_DDR, op.start, op.transferEnd, op.inference, task,
                    op.layer, op.name, op.expert, op.tokens, op.streamedWeightBytes,
                    op.transferBytes - op.streamedWeightBytes, 0, "", new int[0]));
        }
    }

    private void changed(Buffer b, long delta) {
        memory[b.index].record(now, b.bytes);
        totalBytes += delta;
        total.record(now, totalBytes);
        if (b.holdsWeights) {
            weightBytes += delta;
            weights.record(now, weightBytes);
        }
    }

    /** Max-min fair split of the DDR bandwidth among active transfers, each capped by its ports. */
    private void shareBandwidth() {
        if (active.isEmpty()) return;
        Op[] sorted = active.toArray(new Op[0]);
        Arrays.sort(sorted, Comparator.comparingDouble(this::portCap));
        double left = hw.ddrBytesPerCycle();
        for (int i = 0; i < sorted.length; i++) {
            double share = left / (sorted.length - i);
            sorted[i].rate = Math.min(portCap(sorted[i]), share);
            left -= sorted[i].rate;
        }
    }

    private double portCap(Op op) {
        return op.isLoad() ? hw.weightPortBytesPerCycle() : hw.activationPortBytesPerCycle();
    }

    /** Records a buffer's occupancy after each change. */
    private static final class StepRecorder {
        private final String name;
        private final boolean holdsWeights;
        private double[] cycles = new double[64];
        private long[] bytes = new long[64];
        private int n;

        StepRecorder(String name, boolean holdsWeights) {
            this.name = name;
            this.holdsWeights = holdsWeights;
            record(0, 0);
        }

        void record(double time, long value) {
            if (n == cycles.length) {
                cycles = Arrays.copyOf(cycles, n * 2);
                bytes = Arrays.copyOf(bytes, n * 2);
            }
            cycles[n] = time;
            bytes[n] = value;
            n++;
        }

        MemoryCurve toCurve() {
            return new MemoryCurve(name, holdsWeights, Arrays.copyOf(cycles, n), Arrays.copyOf(bytes, n));
        }
    }
}
