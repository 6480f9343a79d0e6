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
 * buffer it loads into is free. After its fill (the m_axi latency) its streams move their bytes:
 * max-min fair shares of their ports and of the DDR ({@link MemoryPorts}), so a stream's end is
 * known only as the set of active streams changes, and the engine advances time from event to
 * event (fill elapsed, computation finished, stream drained, drain elapsed) rather than summing
 * closed-form durations. An op ends when its computation and all its streams are done, plus its drain.
 */
final class EventEngine {

    private static final double EPS = 1e-6;

    private enum Kind { STREAMS_START, COMPUTE_DONE, DRAINED }

    private record Timer(double time, long seq, Op op, Kind kind) { }

    private final HardwareConfig hw;
    private final List<String> taskOfInference;
    private final EnumSet<Lane> busy = EnumSet.noneOf(Lane.class);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingDouble(Timer::time).thenComparingLong(Timer::seq));
    private final List<Stream> active = new ArrayList<>(8);
    private final List<Stream> drained = new ArrayList<>(8);
    private final double[] portCaps;
    private final double[] portLeft;
    private final int[] portUnfrozen;
    private final boolean exclusiveActivationLane;
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

    EventEngine(HardwareConfig hw, List<String> taskOfInference, List<Buffer> buffers, MemoryPorts ports) {
        this.hw = hw;
        this.portCaps = ports.caps();
        this.portLeft = new double[portCaps.length];
        this.portUnfrozen = new int[portCaps.length];
        this.exclusiveActivationLane = !hw.modelsTheBoard();
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
            for (Stream t : active) next = Math.min(next, now + t.remaining / t.rate);
            double dt = next - now;
            drained.clear();
            for (Stream t : active) {
                if (now + t.remaining / t.rate <= next) drained.add(t);
                else t.remaining -= t.rate * dt;
            }
            now = next;
            if (!drained.isEmpty()) {
                active.removeAll(drained);
                for (Stream t : drained) streamFinished(t);
                shareBandwidth();
            }
            while (!timers.isEmpty() && timers.peek().time() <= now + EPS) {
                Timer timer = timers.poll();
                Op op = timer.op();
                switch (timer.kind()) {
                    case COMPUTE_DONE -> {
                        op.computeDone = true;
                        if (op.transferDone) finish(op);
                    }
                    case STREAMS_START -> {
                        for (Stream st : op.streams) {
                            st.remaining = st.bytes;
                            active.add(st);
                        }
                        shareBandwidth();
                    }
                    case DRAINED -> complete(op);
                }
            }
        }
        List<MemoryCurve> curves = new ArrayList<>(memory.length);
        for (StepRecorder r : memory) curves.add(r.toCurve());
        return new Output(events, curves, total.toCurve(), weights.toCurve());
    }

    private boolean canStart(Op op) {
        if (busy.contains(op.lane)) return false;
        if (holdsActivationLane(op) && busy.contains(Lane.ACTIVATION_DDR)) return false;
        for (Op d : op.deps) if (!d.done) return false;
        return op.acquires == null || op.acquires.availableTo(op.acquireOwner);
    }

    private void start(Op op) {
        op.started = true;
        op.start = now;
        busy.add(op.lane);
        Lane transferLane = op.transferLane();
        if (holdsActivationLane(op)) busy.add(Lane.ACTIVATION_DDR);
        if (op.acquires != null) {
            op.acquires.owner = op.acquireOwner;
            op.acquires.bytes += op.acquireBytes;
            changed(op.acquires, op.acquireBytes);
        }
        op.streamsLeft = op.streams.size();
        if (transferLane != null) {
            timers.add(new Timer(now + op.latencyCycles, seq++, op, Kind.STREAMS_START));
        } else {
            op.transferDone = true;
            op.transferEnd = now;
        }
        if (op.isLoad()) {
            op.computeDone = true;
        } else {
            timers.add(new Timer(now + op.latencyCycles + op.computeCycles, seq++, op, Kind.COMPUTE_DONE));
        }
    }

    /** Idealised, the four activation masters are one lane that one operation holds at a time; as built, the ports decide. */
    private boolean holdsActivationLane(Op op) {
        return exclusiveActivationLane && op.transferLane() == Lane.ACTIVATION_DDR;
    }

    private void streamFinished(Stream st) {
        st.remaining = 0;
        Op op = st.op;
        if (--op.streamsLeft > 0) return;
        op.transferDone = true;
        op.transferEnd = now;
        if (holdsActivationLane(op)) busy.remove(Lane.ACTIVATION_DDR);
        if (op.computeDone) finish(op);
    }

    /** Streams and computation are done: the op ends now, or after its pipeline drain. */
    private void finish(Op op) {
        if (op.drainCycles > 0 && !op.drainStarted) {
            op.drainStarted = true;
            timers.add(new Timer(now + op.drainCycles, seq++, op, Kind.DRAINED));
            return;
        }
        complete(op);
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

    /**
     * Max-min fair rates for the active streams (progressive filling): all rates rise together until
     * a stream reaches its own cap, its port is full, or the DDR is; those stop and the rest go on.
     */
    private void shareBandwidth() {
        int n = active.size();
        if (n == 0) return;
        System.arraycopy(portCaps, 0, portLeft, 0, portCaps.length);
        java.util.Arrays.fill(portUnfrozen, 0);
        boolean[] frozen = new boolean[n];
        for (int i = 0; i < n; i++) {
            Stream st = active.get(i);
            st.rate = 0;
            portUnfrozen[st.port]++;
        }
        double ddrLeft = hw.ddrBytesPerCycle();
        int unfrozen = n;
        while (unfrozen > 0) {
            double delta = ddrLeft / unfrozen;
            for (int i = 0; i < n; i++) {
                if (frozen[i]) continue;
                Stream st = active.get(i);
                delta = Math.min(delta, Math.min(st.capBytesPerCycle - st.rate, portLeft[st.port] / portUnfrozen[st.port]));
            }
            delta = Math.max(0, delta);
            for (int i = 0; i < n; i++) {
                if (frozen[i]) continue;
                Stream st = active.get(i);
                st.rate += delta;
                portLeft[st.port] -= delta;
                ddrLeft -= delta;
            }
            boolean ddrFull = ddrLeft <= EPS * hw.ddrBytesPerCycle();
            for (int i = 0; i < n; i++) {
                if (frozen[i]) continue;
                Stream st = active.get(i);
                if (ddrFull || st.capBytesPerCycle - st.rate <= EPS || portLeft[st.port] <= EPS) {
                    frozen[i] = true;
                    portUnfrozen[st.port]--;
                    unfrozen--;
                }
            }
        }
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
