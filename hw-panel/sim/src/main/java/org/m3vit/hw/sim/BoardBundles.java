package org.m3vit.hw.sim;

import java.util.List;

/**
 * The kernel's m_axi bundles and which of ViT_compute's arguments each carries
 * (sharc-lab/Edge-MoE src/ViT_compute.cpp lines 102-126, the HLS interface pragmas).
 */
final class BoardBundles {

    /** patch_embed weights, pos_embed, every linear/norm/gate weight and bias (lines 111-126). */
    static final String WEIGHTS = "weights";
    /** tmp1 (LayerNorm output, attention x V output), attn (the score matrix), images (lines 102, 107, 109). */
    static final String INOUT1 = "inout1";
    /** tmp2 (Q, then V), x (the residual stream) (lines 103, 110). */
    static final String INOUT2 = "inout2";
    /** tmp3 (K, the projection, FC2 and MoE output) (line 104). */
    static final String INOUT3 = "inout3";
    /** tmp4, tmp_hidden (FC1 output), attn_softmax_info (lines 105, 106, 108). */
    static final String INOUT4 = "inout4";

    static final List<String> ALL = List.of(WEIGHTS, INOUT1, INOUT2, INOUT3, INOUT4);

    private BoardBundles() { }
}
