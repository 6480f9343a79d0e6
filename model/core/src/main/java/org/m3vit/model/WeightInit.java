package org.m3vit.model;

import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightLayout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic random weights after the published init scheme: truncated normal (std 0.02,
 * cut at 2 std) for linear weights, expert weights, gates, cls token and position embedding;
 * zero biases; LayerNorm and BatchNorm weight 1, bias 0, running mean 0 and variance 1;
 * convolutions PyTorch's default uniform(±1/sqrt(fan_in)) for weight and bias. Each tensor
 * draws from its own stream seeded by (seed, name), so the values do not depend on order.
 */
public final class WeightInit {

    private WeightInit() { }

    /** Every tensor of {@code config}, initialised from {@code seed}. */
    public static Map<String, Tensor> random(ModelConfig config, long seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, long[]> layout = WeightLayout.expected(config);
        for (Map.Entry<String, long[]> e : layout.entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            float[] data = new float[Math.toIntExact(count(shape))];
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode() * 0xC2B2AE3D27D4EB4FL);
            boolean conv = name.contains("conv_") || name.contains("patch_embed.proj");
            boolean norm = name.contains("norm") || name.contains("syncbn");
            if (conv) {
                long[] weightShape = layout.get(name.substring(0, name.lastIndexOf('.')) + ".weight");
                long fanIn = count(weightShape) / weightShape[0];
                double bound = 1.0 / Math.sqrt(fanIn);
                for (int i = 0; i < data.length; i++) data[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            } else if (norm) {
                float v = name.endsWith(".weight") || name.endsWith(".running_var") ? 1f : 0f;
                java.util.Arrays.fill(data, v);
            } else if (name.endsWith(".bias")) {
                java.util.Arrays.fill(data, 0f);
            } else {
                for (int i = 0; i < data.length; i++) data[i] = (float) truncatedNormal(rng, 0.02);
            }
            out.put(name, new Tensor(shape, data));
        }
        return out;
    }

    private static double truncatedNormal(SplittableRandom rng, double std) {
        while (true) {
            double v = rng.nextGaussian();
            if (Math.abs(v) <= 2.0) return v * std;
        }
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }
}
