package org.m3vit.model;

import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightLayout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test fixtures: small configs and random weights with unit-scale activations and well separated gate scores. */
public final class TestWeights {

    private TestWeights() { }

    /** 32x48 image, patch 16 (2x3 grid), D 24, depth 4, 3 heads, E 4, top-2, C 8, three tasks. */
    public static ModelConfig small() {
        return small(4, 2, List.of(1, 3));
    }

    public static ModelConfig small(int experts, int k, List<Integer> moeBlocks) {
        return new ModelConfig("test-small", 32, 48, 16, 24, 4, 3, 96, moeBlocks, experts, k, 48, 8,
                List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 5), TaskSpec.of("depth", TaskKind.DEPTH, 1),
                        TaskSpec.of("normals", TaskKind.NORMALS, 3)),
                "test config");
    }

    /** Random weights: linears ~ N(0, 1/fan_in), gates ~ N(0, 1) (clear top-k margins), non-trivial norms and BN statistics. */
    public static Map<String, Tensor> random(ModelConfig config, long seed) {
        Random rng = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : WeightLayout.expected(config).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            int n = 1;
            for (long s : shape) n *= (int) s;
            float[] v = new float[n];
            long fanIn = shape.length >= 2 ? n / shape[0] : 1;
            if (name.contains("experts") && shape.length == 3) fanIn = shape[2];
            for (int i = 0; i < n; i++) {
                double g = rng.nextGaussian();
                double val;
                if (name.endsWith("running_var")) val = 0.5 + rng.nextDouble();
                else if (name.endsWith("running_mean")) val = 0.1 * g;
                else if ((name.contains("norm") || name.contains("syncbn")) && name.endsWith(".weight")) val = 1 + 0.1 * g;
                else if (name.endsWith(".bias")) val = 0.1 * g;
                else if (name.endsWith("w_gate")) val = g;
                else if (name.endsWith("cls_token") || name.endsWith("pos_embed")) val = 0.5 * g;
                else val = g / Math.sqrt(fanIn);
                v[i] = (float) val;
            }
            out.put(name, new Tensor(shape, v));
        }
        return out;
    }

    /** A random normalised-looking image, 3 x H x W. */
    public static float[] image(ModelConfig c, long seed) {
        Random rng = new Random(seed);
        float[] img = new float[3 * c.imageHeight() * c.imageWidth()];
        for (int i = 0; i < img.length; i++) img[i] = (float) rng.nextGaussian();
        return img;
    }
}
