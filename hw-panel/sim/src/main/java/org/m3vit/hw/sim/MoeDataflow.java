package org.m3vit.hw.sim;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

/** How one MoE layer becomes loads and computations: one implementation per {@link Schedule}. */
interface MoeDataflow {

    /** Emits gating and the experts' work of one MoE layer. */
    void emit(ProgramBuilder b, int inf, String layer, RoutingTrace trace, LayerRouting routing);

    /** The dataflow of {@code schedule}. */
    static MoeDataflow of(Schedule schedule) {
        return switch (schedule) {
            case REORDERED -> new ReorderedMoe();
            case NAIVE_REFETCH -> new NaiveRefetchMoe();
            case NAIVE_RESIDENT -> new NaiveResidentMoe();
        };
    }

    /** Bytes of a token-order routing list: per token its k expert ids and k gate scores. */
    static long tokenOrderMetadataBytes(ProgramBuilder b, int tokens) {
        return (long) tokens * b.model.topK() * (b.hw.tokenIndexBytes() + b.hw.activationBytes());
    }

    /** On-chip bits read to fetch one routing entry (index + score). */
    static long entryBits(ProgramBuilder b) {
        return 8L * (b.hw.tokenIndexBytes() + b.hw.activationBytes());
    }
}
