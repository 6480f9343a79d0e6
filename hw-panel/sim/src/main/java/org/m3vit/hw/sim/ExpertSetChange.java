package org.m3vit.hw.sim;

/** How the set of active experts (at least one token) of one MoE block changed across a task switch. */
public record ExpertSetChange(int block, int[] before, int[] after, int added, int removed) { }
