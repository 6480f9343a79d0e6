package org.m3vit.hw.sim;

import java.util.Arrays;

/** How the MoE layers are executed on the accelerator. */
public enum Schedule {
    /** Token order; all E experts of a layer loaded on chip first (on-chip memory grows with E). */
    NAIVE_RESIDENT("naive-resident"),
    /** Token order; each token fetches its k experts' weights from DDR (traffic grows with tokens x k). */
    NAIVE_REFETCH("naive-refetch"),
    /** Expert order over per-expert token queues, ping-pong weight buffers, empty experts never loaded (M3ViT / Edge-MoE). */
    REORDERED("reordered");

    private final String cliName;

    Schedule(String cliName) { this.cliName = cliName; }

    /** The name used on the command line and in JSON. */
    public String cliName() { return cliName; }

    /** The schedule called {@code name}; throws naming the known schedules otherwise. */
    public static Schedule fromName(String name) {
        for (Schedule s : values()) if (s.cliName.equals(name)) return s;
        throw new IllegalArgumentException("unknown schedule '" + name + "'; known schedules: "
                + Arrays.stream(values()).map(Schedule::cliName).toList());
    }
}
