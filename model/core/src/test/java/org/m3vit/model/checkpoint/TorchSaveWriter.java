package org.m3vit.model.checkpoint;

import org.m3vit.model.io.StoredZip;
import org.m3vit.model.io.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipOutputStream;

/**
 * Writes files in torch.save's zip format for tests: {@code <prefix>/data.pkl} (pickle protocol 2,
 * tensors as {@code torch._utils._rebuild_tensor_v2} of a persistent storage id),
 * {@code <prefix>/data/<key>} raw little-endian storages, {@code <prefix>/version}.
 * Values: Map (dict; {@link Ordered} for collections.OrderedDict), String, Number, Boolean,
 * null, List (tuple), {@link PyTensor}, {@link PyCall}.
 */
final class TorchSaveWriter {

    /** A tensor view into a storage of its own. */
    record PyTensor(TorchDtype dtype, byte[] storage, long numel, long offset, long[] shape, long[] stride, boolean parameter) {

        /** A contiguous float32 tensor with exactly {@code t}'s values. */
        static PyTensor of(Tensor t) {
            ByteBuffer b = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : t.data()) b.putFloat(v);
            return new PyTensor(TorchDtype.FLOAT32, b.array(), t.size(), 0, t.shape(), rowMajor(t.shape()), false);
        }
    }

    /** A call of a Python global with plain arguments (what REDUCE does). */
    record PyCall(String module, String name, List<Object> args) { }

    /** A collections.OrderedDict. */
    static final class Ordered extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
    }

    private final PickleOut pickle = new PickleOut();
    private final List<byte[]> storages = new ArrayList<>();

    static long[] rowMajor(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Writes {@code root} as {@code file} with the zip folder {@code prefix}. */
    static void save(Object root, Path file, String prefix) throws IOException {
        save(root, file, prefix, null);
    }

    /** As {@link #save(Object, Path, String)}, plus a {@code byteorder} record when {@code byteOrder} is not null. */
    static void save(Object root, Path file, String prefix, String byteOrder) throws IOException {
        TorchSaveWriter w = new TorchSaveWriter();
        w.value(root);
        byte[] pkl = w.pickle.stop();
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            StoredZip.entry(zip, prefix + "/data.pkl", pkl);
            for (int i = 0; i < w.storages.size(); i++) StoredZip.entry(zip, prefix + "/data/" + i, w.storages.get(i));
            StoredZip.entry(zip, prefix + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            if (byteOrder != null) StoredZip.entry(zip, prefix + "/byteorder", byteOrder.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Writes an archive whose data.pkl is exactly {@code pickle} (no storages). */
    static void saveRawPickle(byte[] pickle, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            StoredZip.entry(zip, "archive/data.pkl", pickle);
            StoredZip.entry(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void value(Object v) {
        if (v == null) pickle.none();
        else if (v instanceof String s) pickle.string(s);
        else if (v instanceof Boolean b) pickle.bool(b);
        else if (v instanceof Double || v instanceof Float) pickle.real(((Number) v).doubleValue());
        else if (v instanceof Number n) pickle.integer(n.longValue());
        else if (v instanceof PyTensor t) tensor(t);
        else if (v instanceof PyCall c) {
            pickle.global(c.module(), c.name());
            tuple(c.args());
            pickle.reduce();
        } else if (v instanceof Ordered m) {
            pickle.global("collections", "OrderedDict").mark().tuple().reduce();
            items(m);
            pickle.emptyDict().mark().string("_metadata").emptyDict().setItems().build(); // like a real state_dict's _metadata
        } else if (v instanceof Map<?, ?> m) {
            pickle.emptyDict();
            items(m);
        } else if (v instanceof List<?> l) tuple(l);
        else throw new IllegalArgumentException("cannot pickle " + v.getClass());
    }

    private void items(Map<?, ?> m) {
        if (m.isEmpty()) return;
        pickle.mark();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            value(e.getKey());
            value(e.getValue());
        }
        pickle.setItems();
    }

    private void tuple(List<?> items) {
        pickle.mark();
        for (Object o : items) value(o);
        pickle.tuple();
    }

    private void tensor(PyTensor t) {
        if (t.parameter()) pickle.global("torch._utils", "_rebuild_parameter").mark();
        pickle.global("torch._utils", "_rebuild_tensor_v2");
        pickle.mark();
        pickle.mark().string("storage").global("torch", t.dtype().storageClass()).string(String.valueOf(storages.size()))
                .string("cpu").integer(t.numel()).tuple().persistentId();
        storages.add(t.storage());
        pickle.integer(t.offset());
        tuple(boxed(t.shape()));
        tuple(boxed(t.stride()));
        pickle.bool(false);
        emptyOrderedDict();
        pickle.tuple().reduce();
        if (t.parameter()) {
            pickle.bool(true);
            emptyOrderedDict();
            pickle.tuple().reduce();
        }
    }

    private void emptyOrderedDict() {
        pickle.global("collections", "OrderedDict").mark().tuple().reduce();
    }

    private static List<Object> boxed(long[] a) {
        List<Object> l = new ArrayList<>();
        for (long x : a) l.add(x);
        return l;
    }
}
