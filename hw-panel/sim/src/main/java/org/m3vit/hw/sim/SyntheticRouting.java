package org.m3vit.hw.sim;

import org.m3vit.model.LayerRouting;
import org.m3vit.model.MacCount;
import org.m3vit.model.MacCounter;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Routing traces made up for configs without trained weights: every token draws k distinct
 * experts, deterministically per (seed, task, block). Labelled as synthetic in the trace's
 * model name, never presented as a network's routing.
 */
public final class SyntheticRouting {

    /** How tokens pick experts. */
    public enum Kind {
        /** Every expert equally likely. */
        UNIFORM,
        /** Zipf-distributed popularity (exponent {@link #ZIPF_EXPONENT}), a different ranking per task and block. */
        SKEWED,
        /** Each task draws uniformly from its own experts only: expert e belongs to task e mod T. */
        DISJOINT;

        /** The kind called {@code name} (uniform, skewed, disjoint). */
        public static Kind fromName(String name) {
            for (Kind k : values()) if (k.name().equalsIgnoreCase(name)) return k;
            throw new IllegalArgumentException("unknown routing '" + name + "'; known: uniform, skewed, disjoint");
        }
    }

    /** Exponent of the skewed routing's Zipf law: expert of rank r has weight 1 / r^s. */
    public static final double ZIPF_EXPONENT = 1.0;

    private SyntheticRouting() { }

    /** One trace per task name, in order (a repeated task gets the identical trace). */
    public static List<RoutingTrace> sequence(ModelConfig model, List<String> tasks, Kind kind, long seed) {
        List<RoutingTrace> list = new ArrayList<>(tasks.size());
        for (String t : tasks) list.add(trace(model, t, kind, seed));
        return list;
    }

    /** The synthetic trace of {@code task}. */
    public static RoutingTrace trace(ModelConfig model, String task, Kind kind, long seed) {
        int taskIndex = model.taskIndex(task);
        int n = model.numTokens();
        int e = model.numExperts();
        int k = model.topK();
        double[] popularity = new double[e];
        List<LayerRouting> layers = new ArrayList<>();
        for (int block : model.moeBlocks()) {
            SplittableRandom rnd = new SplittableRandom(mix(seed, taskIndex, block));
            Arrays.fill(popularity, 0);
            switch (kind) {
                case UNIFORM -> Arrays.fill(popularity, 1);
                case SKEWED -> {
                    int[] ranking = permutation(e, rnd);
                    for (int r = 0; r < e; r++) popularity[ranking[r]] = 1.0 / Math.pow(r + 1, ZIPF_EXPONENT);
                }
                case DISJOINT -> {
                    int owned = 0;
                    for (int x = taskIndex; x < e; x += model.numTasks()) { popularity[x] = 1; owned++; }
                    if (owned < k) {
                        throw new IllegalArgumentException("disjoint routing needs at least top-k = " + k + " experts per task, but "
                                + e + " experts over " + model.numTasks() + " tasks give task '" + task + "' only " + owned);
                    }
                }
            }
            int[][] experts = new int[n][];
            float[][] weights = new float[n][];
            float[][] probs = new float[n][];
            for (int t = 0; t < n; t++) {
                experts[t] = drawDistinct(popularity, k, rnd);
                probs[t] = softmaxWithWinners(e, experts[t], rnd);
                weights[t] = new float[k];
                for (int j = 0; j < k; j++) weights[t][j] = probs[t][experts[t][j]];
            }
            layers.add(new LayerRouting(block, experts, weights, probs));
        }
        return new RoutingTrace(model.name() + " (synthetic " + kind.name().toLowerCase() + " routing, seed " + seed + ")",
                task, taskIndex, model.gridHeight(), model.gridWidth(), e, k, layers, macs(model, taskIndex, layers));
    }

    private static long mix(long seed, int task, int block) {
        long h = seed * 0x9E3779B97F4A7C15L + task * 0xC2B2AE3D27D4EB4FL + block * 0x165667B19E3779F9L;
        return h ^ (h >>> 29);
    }

    private static int[] permutation(int e, SplittableRandom rnd) {
        int[] p = new int[e];
        for (int i = 0; i < e; i++) p[i] = i;
        for (int i = e - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /** k distinct experts drawn without replacement with probability proportional to popularity. */
    private static int[] drawDistinct(double[] popularity, int k, SplittableRandom rnd) {
        double[] w = popularity.clone();
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (double v : w) sum += v;
            double u = rnd.nextDouble() * sum;
            int pick = -1;
            for (int x = 0; x < w.length; x++) {
                if (w[x] <= 0) continue;
                pick = x;
                u -= w[x];
                if (u < 0) break;
            }
            out[j] = pick;
            w[pick] = 0;
        }
        return out;
    }

    /** A softmax over E logits in which the winners, in draw order, have the k largest probabilities. */
    private static float[] softmaxWithWinners(int e, int[] winners, SplittableRandom rnd) {
        double[] logits = new double[e];
        for (int x = 0; x < e; x++) logits[x] = rnd.nextDouble() * 2 - 1;
        double top = 1.0;
        for (int j = winners.length - 1; j >= 0; j--) {
            top += 0.25 + rnd.nextDouble();
            logits[winners[j]] = top;
        }
        double max = top;
        double sum = 0;
        for (int x = 0; x < e; x++) { logits[x] = Math.exp(logits[x] - max); sum += logits[x]; }
        float[] p = new float[e];
        for (int x = 0; x < e; x++) p[x] = (float) (logits[x] / sum);
        return p;
    }

    /** The network's MAC rows for this routing, as a real pass counts them ({@link MacCounter}): one description of the work. */
    static MacCount macs(ModelConfig m, int taskIndex, List<LayerRouting> layers) {
        List<int[]> counts = new ArrayList<>();
        for (LayerRouting l : layers) counts.add(l.tokensPerExpert());
        return MacCounter.count(m, taskIndex, counts);
    }
}
