package org.m3vit.hw.sim;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.List;

/**
 * Token-order MoE without on-chip experts: for every token and each of its k experts, the
 * expert's FC1 and FC2 are fetched from DDR into the ping-pong buffers and run on that one
 * token. Weight traffic grows with tokens x k; the double buffering still overlaps the next
 * fetch with the current computation.
 */
final class NaiveRefetchMoe implements MoeDataflow {

    @Override
    public void emit(ProgramBuilder b, int inf, String layer, RoutingTrace trace, LayerRouting routing) {
        int n = routing.numTokens();
        int d = b.model.embedDim();
        int dh = b.model.expertHidden();
        int a = b.hw.activationBytes();
        Op last = b.gating(inf, layer, trace, n, MoeDataflow.tokenOrderMetadataBytes(b, n));
        int[][] experts = routing.experts();
        for (int t = 0; t < n; t++) {
            for (int x : experts[t]) {
                List<Op> fc1 = b.linear(inf, layer, "expert fc1+gelu", x, 1, d, dh, a, false);
                fc1.get(0).onChipBits += MoeDataflow.entryBits(b);
                List<Op> fc2 = b.linear(inf, layer, "expert fc2", x, 1, dh, d, a, true);
                last = fc2.get(fc2.size() - 1);
            }
        }
        last.releases.add(b.queues);
    }
}
