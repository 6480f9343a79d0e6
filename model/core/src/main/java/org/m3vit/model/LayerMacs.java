package org.m3vit.model;

/**
 * MACs of one layer (e.g. "blocks.3.moe", "blocks.0.attn", "decoders.depth") for one
 * single-task pass: executed, with all experts dense, and for all tasks dense.
 */
public record LayerMacs(String layer, long executed, long denseAllExperts, long allTasks) { }
