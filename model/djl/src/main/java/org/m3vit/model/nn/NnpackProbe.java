package org.m3vit.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.m3vit.model.io.StoredZip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;

/**
 * Asks libtorch once per process whether NNPACK initialised on this CPU ({@code torch._nnpack_available()}).
 * A single small image's convolution that oneDNN does not take falls through to libtorch's NNPACK check,
 * which on CPUs NNPACK does not support prints a warning on every call; where NNPACK works, that path is
 * libtorch's plain im2col convolution, the one PyTorch eager runs, and the fastest. DJL has no binding for
 * the call, so it goes through a TorchScript module of one method, written here as its archive (pickled
 * module object, TorchScript source, constants, format version) and compiled by libtorch on load.
 */
public final class NnpackProbe {

    private static final System.Logger LOG = System.getLogger(NnpackProbe.class.getName());
    private static volatile Boolean available;

    private NnpackProbe() { }

    /** True when libtorch's NNPACK initialised here, so its convolution checks print nothing; false if unknown. */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (NnpackProbe.class) {
                if (available == null) available = ask();
                a = available;
            }
        }
        return a;
    }

    private static boolean ask() {
        try {
            return answer();
        } catch (RuntimeException | IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "NNPACK probe failed; assuming NNPACK is unavailable", e);
            return false;
        }
    }

    /** libtorch's answer; throws if the probe module cannot be loaded or run. */
    static boolean answer() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            PtSymbolBlock probe = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive()), false, false);
            try {
                NDList out = probe.forward(new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(1))), false);
                return out.head().getFloat(0) == 1f;
            } finally {
                probe.close();
            }
        }
    }

    /** The TorchScript archive of a module whose forward returns [1.0] if NNPACK is available, else [0.0]. */
    static byte[] archive() throws IOException {
        String code = String.join("\n",
                "class Probe(Module):",
                "  __parameters__ = []",
                "  __buffers__ = []",
                "  training : bool",
                "  def forward(self: __torch__.Probe,",
                "    x: Tensor) -> Tensor:",
                "    if torch._nnpack_available():",
                "      return torch.ones([1])",
                "    return torch.zeros([1])",
                "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StoredZip.entry(zip, "probe/data.pkl", moduleObject());
            StoredZip.entry(zip, "probe/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            StoredZip.entry(zip, "probe/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // protocol 2, empty tuple, stop
            StoredZip.entry(zip, "probe/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /** Pickle (protocol 2) of a {@code __torch__.Probe} object with {@code training = True}. */
    private static byte[] moduleObject() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);                                                        // PROTO 2
        p.writeBytes("c__torch__\nProbe\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL __torch__.Probe
        p.write(')');                                                      // EMPTY_TUPLE
        p.write(0x81);                                                     // NEWOBJ
        p.write('}');                                                      // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');                                                      // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x88);                                                     // NEWTRUE
        p.write('s');                                                      // SETITEM
        p.write('b');                                                      // BUILD
        p.write('.');                                                      // STOP
        return p.toByteArray();
    }
}
