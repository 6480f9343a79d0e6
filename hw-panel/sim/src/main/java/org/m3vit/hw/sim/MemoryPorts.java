package org.m3vit.hw.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The ports DDR streams go through, each with its capacity in bytes per cycle. Idealised: one
 * weight port and one activation port (the four activation masters together), as wide as the
 * kernel's masters. As built: every m_axi bundle's read and write channel on its PS port.
 */
final class MemoryPorts {

    private final List<String> names = new ArrayList<>();
    private final List<Double> caps = new ArrayList<>();
    private final AsBuiltDesign board;
    private final int kernelWidthBits;
    private final int idealWeights;
    private final int idealActivations;

    MemoryPorts(HardwareConfig hw) {
        board = hw.asBuilt();
        kernelWidthBits = hw.axiWidthBits();
        if (board == null) {
            idealWeights = add("weights", hw.weightPortBytesPerCycle());
            idealActivations = add("activations", hw.activationPortBytesPerCycle());
        } else {
            idealWeights = -1;
            idealActivations = -1;
            for (String b : BoardBundles.ALL) {
                double rate = board.bundleBytesPerCycle(b, kernelWidthBits);
                add(b + " read", rate);
                add(b + " write", rate);
            }
        }
    }

    private int add(String name, double cap) {
        names.add(name);
        caps.add(cap);
        return names.size() - 1;
    }

    /** The idealised weight port. */
    int idealWeights() { return idealWeights; }

    /** The idealised activation port (all activation masters together). */
    int idealActivations() { return idealActivations; }

    /** The read (or write) channel of {@code bundle} as built. */
    int channel(String bundle, boolean write) {
        int i = names.indexOf(bundle + (write ? " write" : " read"));
        if (i < 0) throw new IllegalArgumentException("no port for bundle '" + bundle + "'");
        return i;
    }

    /** Bytes per cycle port {@code i} moves at most. */
    double cap(int i) { return caps.get(i); }

    /** Number of ports. */
    int size() { return names.size(); }

    /** Capacities, indexed by port. */
    double[] caps() {
        double[] c = new double[caps.size()];
        for (int i = 0; i < c.length; i++) c[i] = caps.get(i);
        return c;
    }
}
