package org.m3vit.hw.sim;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Token-order MoE with every expert of the layer on chip: after gating, all E experts' FC1
 * and FC2 load into one resident region (whose size grows with E, used or not), then tokens
 * run one by one through their k experts, each computation waiting only for its own expert's
 * weights. The region is freed when the layer's last token is done.
 */
final class NaiveResidentMoe implements MoeDataflow {

    @Override
    public void emit(ProgramBuilder b, int inf, String layer, RoutingTrace trace, LayerRouting routing) {
        int n = routing.numTokens();
        int e = b.model.numExperts();
        int d = b.model.embedDim();
        int dh = b.model.expertHidden();
        Op last = b.gating(inf, layer, trace, n, MoeDataflow.tokenOrderMetadataBytes(b, n));
        Object region = new Object();
        List<Op> fc1Loads = new ArrayList<>(e);
        List<Op> fc2Loads = new ArrayList<>(e);
        for (int x = 0; x < e; x++) {
            fc1Loads.add(b.load(inf, layer, "expert fc1 (resident)", x, b.weightBytes(dh, d), b.resident, region));
            fc2Loads.add(b.load(inf, layer, "expert fc2 (resident)", x, b.weightBytes(d, dh), b.resident, region));
        }
        int[][] experts = routing.experts();
        for (int t = 0; t < n; t++) {
            for (int x : experts[t]) {
                Op fc1 = b.linearOnResident(inf, layer, "expert fc1+gelu", x, 1, d, dh, false, List.of(fc1Loads.get(x)));
                fc1.onChipBits += MoeDataflow.entryBits(b);
                last = b.linearOnResident(inf, layer, "expert fc2", x, 1, dh, d, true, List.of(fc2Loads.get(x)));
            }
        }
        for (Op l : fc1Loads) last.deps.add(l);
        for (Op l : fc2Loads) last.deps.add(l);
        last.releases.add(b.queues);
        last.releases.add(b.resident);
    }
}
