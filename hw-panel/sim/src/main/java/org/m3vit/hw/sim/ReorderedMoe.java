package org.m3vit.hw.sim;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.List;

/**
 * The M³ViT / Edge-MoE dataflow: gating fills one token queue per expert (static arrays
 * E x N of index + score, queue lengths and a metaqueue of non-empty experts); then expert by
 * expert, FC1 and FC2 run once over the expert's whole queue through the ping-pong buffers, so
 * the next expert's FC1 loads while FC2 computes. Experts with an empty queue are never loaded.
 */
final class ReorderedMoe implements MoeDataflow {

    @Override
    public void emit(ProgramBuilder b, int inf, String layer, RoutingTrace trace, LayerRouting routing) {
        int n = routing.numTokens();
        int e = b.model.numExperts();
        int d = b.model.embedDim();
        int dh = b.model.expertHidden();
        int a = b.hw.activationBytes();
        long metadata = (long) e * n * (b.hw.tokenIndexBytes() + a) + 2L * e * b.hw.tokenIndexBytes();
        Op last = b.gating(inf, layer, trace, n, metadata);
        int[] counts = routing.tokensPerExpert();
        for (int x = 0; x < e; x++) {
            if (counts[x] == 0) continue;
            List<Op> fc1 = b.linear(inf, layer, "expert fc1+gelu", x, counts[x], d, dh, a, false);
            fc1.get(0).onChipBits += counts[x] * MoeDataflow.entryBits(b);
            List<Op> fc2 = b.linear(inf, layer, "expert fc2", x, counts[x], dh, d, a, true);
            last = fc2.get(fc2.size() - 1);
        }
        last.releases.add(b.queues);
    }
}
