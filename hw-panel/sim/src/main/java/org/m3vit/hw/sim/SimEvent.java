package org.m3vit.hw.sim;

/**
 * One interval on one lane of the timeline: a weight load, an activation transfer or a
 * computation, with its cycles, bytes moved over DDR, MACs done and what it belongs to.
 *
 * @param index            position in {@link SimResult#events()}
 * @param lane             the resource it occupied
 * @param startCycle       first cycle (fractional when DDR bandwidth was shared)
 * @param endCycle         cycle after the last one
 * @param inference        index of the inference in the simulated sequence
 * @param task             that inference's task
 * @param layer            e.g. "embed", "block 3", "head semseg"
 * @param op               e.g. "q", "qk^T h1", "fc1", "expert fc2", "gate load"
 * @param expert           expert id, or -1
 * @param tokens           token rows processed (or pixels, for head convolutions)
 * @param weightBytes      weight bytes moved over DDR by this event
 * @param activationBytes  activation bytes moved over DDR by this event
 * @param macs             multiply-accumulates done by this event
 * @param buffer           on-chip buffer loaded or read, or ""
 * @param waitsFor         indices of the weight-load events this computation needed
 */
public record SimEvent(
        int index,
        Lane lane,
        double startCycle,
        double endCycle,
        int inference,
        String task,
        String layer,
        String op,
        int expert,
        int tokens,
        long weightBytes,
        long activationBytes,
        long macs,
        String buffer,
        int[] waitsFor) {

    /** Cycles from start to end. */
    public double durationCycles() { return endCycle - startCycle; }

    /** Bytes moved over DDR (weights + activations). */
    public long ddrBytes() { return weightBytes + activationBytes; }

    /** A one-line label: layer, op, expert and token count. */
    public String label() {
        StringBuilder sb = new StringBuilder(layer).append(' ').append(op);
        if (expert >= 0) sb.append(" e").append(expert);
        if (tokens > 0) sb.append(" (").append(tokens).append(" tok)");
        return sb.toString();
    }
}
