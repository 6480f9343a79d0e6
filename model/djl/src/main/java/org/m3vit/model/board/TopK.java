package org.m3vit.model.board;

import java.util.Arrays;

/**
 * The k largest scores, best first, as the board's top_k (src/moe.cpp) finds them: the experts
 * in id order, each inserted into a sorted list of k slots where its score is strictly larger
 * than the slot's, the rest shifting down; so on ties the lower expert id ranks first.
 */
final class TopK {

    private TopK() { }

    /** Indices of the k largest of {@code scores}, slots starting empty (minus infinity). */
    static int[] of(double[] scores, int k) { return of(scores, k, Double.NEGATIVE_INFINITY); }

    /**
     * Indices of the k largest of {@code scores} with the slots starting at {@code floor} and
     * expert 0; the board starts them at -512, so a score of exactly -512 is never inserted.
     */
    static int[] of(double[] scores, int k, double floor) {
        int[] ids = new int[k];
        double[] best = new double[k];
        Arrays.fill(best, floor);
        for (int e = 0; e < scores.length; e++) {
            for (int j = 0; j < k; j++) {
                if (scores[e] > best[j]) {
                    System.arraycopy(best, j, best, j + 1, k - j - 1);
                    System.arraycopy(ids, j, ids, j + 1, k - j - 1);
                    best[j] = scores[e];
                    ids[j] = e;
                    break;
                }
            }
        }
        return ids;
    }
}
