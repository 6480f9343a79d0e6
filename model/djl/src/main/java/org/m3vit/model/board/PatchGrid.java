package org.m3vit.model.board;

import org.m3vit.model.ModelConfig;

/**
 * Where each patch's pixels lie in a 3 x H x W image: for patch n (row-major over the grid) the
 * indices of its 3 * p * p values in the order (channel, row, column) of the patch-embedding
 * weight (D, 3, p, p), so that a patch token is bias + sum over i of weight[d][i] * image[index[n][i]].
 */
final class PatchGrid {

    private PatchGrid() { }

    /** The index table of {@code config}'s image and patch size. */
    static int[][] indices(ModelConfig config) {
        int p = config.patchSize(), h = config.imageHeight(), w = config.imageWidth();
        int[][] out = new int[config.numPatches()][3 * p * p];
        for (int n = 0; n < out.length; n++) {
            int top = (n / config.gridWidth()) * p, left = (n % config.gridWidth()) * p;
            int i = 0;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < p; y++) {
                    for (int x = 0; x < p; x++) out[n][i++] = (c * h + top + y) * w + left + x;
                }
            }
        }
        return out;
    }
}
