package org.m3vit.model.nn;

/** How a pass runs its MoE layers. */
public enum MoeExecution {
    /** Tokens grouped by expert, only the selected experts run: the model's inference path. */
    SPARSE,
    /** {@link DenseMoeOracle}: all experts on all tokens, then masked. For tests and benchmarks only. */
    DENSE_ORACLE
}
