package org.m3vit.model.data;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A bounding-volume hierarchy over one object's primitives (in its local frame): binary, split at
 * the median centroid along the longest axis, leaves of at most {@value #LEAF} primitives. Objects
 * with many parts (a bookcase full of books) then cost a few box tests per ray instead of one per
 * part. Built once per object; read-only afterwards.
 */
final class PartTree {

    static final int LEAF = 4;

    /** The primitives, reordered so that each leaf owns a contiguous range. */
    final Primitive[] parts;
    /** Node bounds, 6 per node: minX, minY, minZ, maxX, maxY, maxZ. */
    final double[] bounds;
    /** Leaf: first part; inner node: left child. */
    final int[] first;
    /** Leaf: number of parts (> 0); inner node: 0 (the right child is {@code right[node]}). */
    final int[] count;
    final int[] right;
    private int nodes;

    PartTree(Primitive[] input) {
        Integer[] order = new Integer[input.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        int capacity = 2 * input.length;
        bounds = new double[6 * capacity];
        first = new int[capacity];
        count = new int[capacity];
        right = new int[capacity];
        build(input, order, 0, input.length);
        parts = new Primitive[input.length];
        for (int i = 0; i < order.length; i++) parts[i] = input[order[i]];
    }

    /** Number of nodes (the root is node 0). */
    int nodeCount() { return nodes; }

    private int build(Primitive[] p, Integer[] order, int start, int end) {
        int node = nodes++;
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] c = b.clone();
        for (int i = start; i < end; i++) {
            Primitive q = p[order[i]];
            b[0] = Math.min(b[0], q.minX); b[1] = Math.min(b[1], q.minY); b[2] = Math.min(b[2], q.minZ);
            b[3] = Math.max(b[3], q.maxX); b[4] = Math.max(b[4], q.maxY); b[5] = Math.max(b[5], q.maxZ);
            for (int a = 0; a < 3; a++) {
                double m = centre(q, a);
                c[a] = Math.min(c[a], m);
                c[a + 3] = Math.max(c[a + 3], m);
            }
        }
        System.arraycopy(b, 0, bounds, 6 * node, 6);
        if (end - start <= LEAF) {
            first[node] = start;
            count[node] = end - start;
            return node;
        }
        int axis = 0;
        for (int a = 1; a < 3; a++) if (c[a + 3] - c[a] > c[axis + 3] - c[axis]) axis = a;
        final int ax = axis;
        Arrays.sort(order, start, end, Comparator.comparingDouble((Integer i) -> centre(p[i], ax)).thenComparingInt(i -> i));
        int mid = (start + end) >>> 1;
        first[node] = build(p, order, start, mid);
        right[node] = build(p, order, mid, end);
        return node;
    }

    private static double centre(Primitive q, int axis) {
        return axis == 0 ? (q.minX + q.maxX) / 2 : axis == 1 ? (q.minY + q.maxY) / 2 : (q.minZ + q.maxZ) / 2;
    }

    /** Slab test of node {@code n} against a local ray (inverse direction given), entry before tMax. */
    boolean hits(int n, double ox, double oy, double oz, double idx, double idy, double idz, double tMax) {
        int k = 6 * n;
        double tx0 = (bounds[k] - ox) * idx, tx1 = (bounds[k + 3] - ox) * idx;
        double ty0 = (bounds[k + 1] - oy) * idy, ty1 = (bounds[k + 4] - oy) * idy;
        double tz0 = (bounds[k + 2] - oz) * idz, tz1 = (bounds[k + 5] - oz) * idz;
        double near = Math.max(Math.min(tx0, tx1), Math.max(Math.min(ty0, ty1), Math.min(tz0, tz1)));
        double far = Math.min(Math.max(tx0, tx1), Math.min(Math.max(ty0, ty1), Math.max(tz0, tz1)));
        return near <= far && far > 0 && near < tMax;
    }
}
