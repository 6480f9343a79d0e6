package org.m3vit.model.checkpoint;

import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.WeightLayout;
import org.m3vit.model.checkpoint.TorchSaveWriter.PyCall;
import org.m3vit.model.checkpoint.TorchSaveWriter.PyTensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Checkpoints of a tiny M³ViT (D 24, depth 4, E 4, 2 tasks, C 8) written in the exact layout of
 * the published training code, with a mix of storage dtypes, strides and offsets so that every
 * decoding path is exercised. The expected float values are exactly representable in every
 * dtype used, so an import must reproduce them bit for bit.
 */
final class TinyCheckpoints {

    static final ModelConfig CONFIG = new ModelConfig("tiny-test", 32, 48, 8, 24, 4, 2, 96, List.of(1, 3), 4, 2, 48, 8,
            List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 5), TaskSpec.of("depth", TaskKind.DEPTH, 1)), "test");

    static final String TRANSPOSED = "backbone.blocks.0.attn.qkv.weight";
    static final String HALF = "backbone.blocks.0.attn.proj.weight";
    static final String BF16 = "backbone.blocks.2.attn.proj.weight";
    static final String DOUBLE = "backbone.pos_embed";
    static final String LONG = "decoders.semseg.syncbn_fc_0.running_var";
    static final String OFFSET = "backbone.blocks.1.norm2.bias";
    static final String PERMUTED_EXPERT = "backbone.blocks.3.mlp.experts.h4toh.weight";
    static final String PARAMETER = "backbone.cls_token";

    private TinyCheckpoints() { }

    /** Values for every tensor of {@link #CONFIG}: k/64 for small integers k (exact in half, bfloat16, double). */
    static Map<String, Tensor> weights(long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : WeightLayout.expected(CONFIG).entrySet()) {
            long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = e.getKey().equals(LONG) ? r.nextInt(1000) : (r.nextInt(511) - 255) / 64f;
            }
            if (e.getKey().endsWith(".bias") && !e.getKey().equals(OFFSET) && v.length > 0) v[0] = Float.intBitsToFloat(0x3f9e0419); // a float32-only value
            m.put(e.getKey(), new Tensor(e.getValue(), v));
        }
        return m;
    }

    /** One file with all experts, the training code's checkpoint dict under folder {@code prefix}. */
    static void writeSingle(Map<String, Tensor> weights, Path file, String prefix) throws IOException {
        TorchSaveWriter.save(checkpoint(weights, 0, 1), file, prefix);
    }

    /** A directory of {@code world} rank files, experts split along dim 0. */
    static void writeRanks(Map<String, Tensor> weights, Path dir, int world) throws IOException {
        Files.createDirectories(dir);
        for (int rank = 0; rank < world; rank++) {
            TorchSaveWriter.save(checkpoint(weights, rank, world), dir.resolve(rank + ".pth"), "archive");
        }
    }

    /** The checkpoint dict of {@code rank} out of {@code world}. */
    static Map<String, Object> checkpoint(Map<String, Tensor> weights, int rank, int world) {
        TorchSaveWriter.Ordered sd = new TorchSaveWriter.Ordered();
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            String name = e.getKey();
            boolean expert = name.contains(".mlp.experts.");
            if (rank > 0 && !expert) {
                if (name.equals(PARAMETER)) sd.put("module." + name, PyTensor.of(new Tensor(e.getValue().shape(), new float[e.getValue().size()])));
                continue; // rank > 0 holds its expert slice (and, here, one stale copy that must not be used)
            }
            Tensor t = expert ? slice(e.getValue(), rank, world) : e.getValue();
            sd.put("module." + name, encode(name, t));
            if (name.endsWith("syncbn_fc_0.running_var") && rank == 0) {
                sd.put("module." + name.replace("running_var", "num_batches_tracked"), scalarLong(1234));
            }
        }
        if (rank == 0) {
            sd.put("module.tam_model.fc.weight", PyTensor.of(new Tensor(new long[] {3, 2}, new float[6])));
            sd.put("module.decoders.depth.tam_model_aux.bias", PyTensor.of(new Tensor(new long[] {2}, new float[2])));
        }
        Map<String, Object> ck = new LinkedHashMap<>();
        ck.put("epoch", 42);
        ck.put("backbone", "VisionTransformer_moe");
        ck.put("state_dict", sd);
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("mIoU", new PyCall("numpy.core.multiarray", "scalar", List.of("float64", "raw-bytes")));
        ck.put("best_result", Map.of("semseg", metric));
        Map<Object, Object> state = new LinkedHashMap<>();
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("state", state);
        optimizer.put("param_groups", List.of(Map.of("lr", 1e-3)));
        ck.put("optimizer", optimizer);
        return ck;
    }

    static Tensor slice(Tensor t, int rank, int world) {
        long[] shape = t.shape().clone();
        shape[0] /= world;
        int per = t.size() / world;
        return new Tensor(shape, Arrays.copyOfRange(t.data(), rank * per, (rank + 1) * per));
    }

    /** The storage layout chosen for {@code name}: plain float32 unless it is one of the special cases above. */
    static PyTensor encode(String name, Tensor t) {
        long[] shape = t.shape();
        switch (name) {
            case TRANSPOSED -> { // stored as the transpose, read through strides (1, rows)
                int rows = (int) shape[0];
                int cols = (int) shape[1];
                float[] tr = new float[t.size()];
                for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) tr[j * rows + i] = t.data()[i * cols + j];
                return new PyTensor(TorchDtype.FLOAT32, bytes(TorchDtype.FLOAT32, tr), tr.length, 0, shape, new long[] {1, rows}, false);
            }
            case PERMUTED_EXPERT -> { // (e, D, Dh) stored as (e, Dh, D)
                int e = (int) shape[0];
                int a = (int) shape[1];
                int b = (int) shape[2];
                float[] p = new float[t.size()];
                for (int x = 0; x < e; x++) for (int i = 0; i < a; i++) for (int j = 0; j < b; j++) {
                    p[x * a * b + j * a + i] = t.data()[x * a * b + i * b + j];
                }
                return new PyTensor(TorchDtype.FLOAT32, bytes(TorchDtype.FLOAT32, p), p.length, 0, shape, new long[] {(long) a * b, 1, a}, false);
            }
            case OFFSET -> { // 5 leading and 3 trailing elements of other data in the same storage
                float[] padded = new float[t.size() + 8];
                Arrays.fill(padded, 99f);
                System.arraycopy(t.data(), 0, padded, 5, t.size());
                return new PyTensor(TorchDtype.FLOAT32, bytes(TorchDtype.FLOAT32, padded), padded.length, 5, shape, TorchSaveWriter.rowMajor(shape), false);
            }
            case HALF -> { return contiguous(TorchDtype.FLOAT16, t, false); }
            case BF16 -> { return contiguous(TorchDtype.BFLOAT16, t, false); }
            case DOUBLE -> { return contiguous(TorchDtype.FLOAT64, t, false); }
            case LONG -> { return contiguous(TorchDtype.INT64, t, false); }
            case PARAMETER -> { return contiguous(TorchDtype.FLOAT32, t, true); }
            default -> { return PyTensor.of(t); }
        }
    }

    private static PyTensor contiguous(TorchDtype dtype, Tensor t, boolean parameter) {
        return new PyTensor(dtype, bytes(dtype, t.data()), t.size(), 0, t.shape(), TorchSaveWriter.rowMajor(t.shape()), parameter);
    }

    private static PyTensor scalarLong(long v) {
        return new PyTensor(TorchDtype.INT64, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(), 1, 0, new long[0], new long[0], false);
    }

    /** Little-endian bytes of {@code values} in {@code dtype} (values must be exactly representable). */
    static byte[] bytes(TorchDtype dtype, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case FLOAT32 -> b.putFloat(v);
                case FLOAT64 -> b.putDouble(v);
                case INT64 -> b.putLong((long) v);
                case INT32 -> b.putInt((int) v);
                case BFLOAT16 -> b.putShort((short) (Float.floatToIntBits(v) >>> 16));
                case FLOAT16 -> b.putShort(toHalf(v));
            }
        }
        return b.array();
    }

    /** float -> IEEE half for values that are exact in half precision (normal range only). */
    static short toHalf(float v) {
        if (v == 0) return (short) (Float.floatToIntBits(v) >>> 16 & 0x8000);
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mant = (bits >>> 13) & 0x3FF;
        if (exp <= 0 || exp >= 31 || (bits & 0x1FFF) != 0) throw new IllegalArgumentException(v + " is not exact in half precision");
        return (short) (sign | exp << 10 | mant);
    }
}
