package org.m3vit.model.checkpoint;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a Python global named in a checkpoint's pickle becomes in Java. Honoured: the
 * tensor-rebuilding functions of {@code torch._utils}, the storage classes of {@link TorchDtype}
 * and {@code collections.OrderedDict}, registered as constructors through the library's
 * {@link Unpickler#registerConstructor}. Refused: anything from a module that can run code
 * ({@code os.system}, {@code builtins.eval}, {@code subprocess} ...). Everything else becomes an
 * inert {@link OpaqueObject}. No global is ever looked up by reflection or executed.
 */
final class PickleGlobals {

    /** Modules (and their sub-modules) whose globals can run code, touch files or the network. */
    private static final Set<String> CODE_MODULES = Set.of(
            "os", "posix", "nt", "subprocess", "sys", "importlib", "runpy", "shutil", "socket", "pickle", "_pickle",
            "marshal", "ctypes", "code", "codeop", "pty", "commands", "webbrowser", "operator", "functools", "types",
            "inspect", "io", "_io", "tempfile", "multiprocessing", "threading", "_thread", "signal", "platform", "pdb",
            "timeit", "trace", "asyncio", "urllib", "http", "requests", "pathlib", "glob", "zipimport", "pkgutil",
            "copyreg", "copy_reg", "dill", "cloudpickle", "torch.hub", "torch.jit", "torch.package", "torch.serialization");

    /** Builtins that are plain data types (anything else in {@code builtins} is refused). */
    private static final Set<String> DATA_BUILTINS = Set.of(
            "set", "frozenset", "bytearray", "bytes", "complex", "slice", "range", "int", "float", "str", "list",
            "tuple", "dict", "bool", "object");

    static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
    static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    static final String REBUILD_PARAMETER_WITH_STATE = "torch._utils._rebuild_parameter_with_state";
    static final String ORDERED_DICT = "collections.OrderedDict";

    private static final LinkedHashMap<String, IObjectConstructor> HONOURED = new LinkedHashMap<>();

    static {
        honour(REBUILD_TENSOR, PickleGlobals::rebuildTensor);
        honour(REBUILD_PARAMETER, PickleGlobals::rebuildParameter);
        honour(REBUILD_PARAMETER_WITH_STATE, PickleGlobals::rebuildParameter);
        honour(ORDERED_DICT, args -> new LinkedHashMap<Object, Object>());
        for (TorchDtype t : TorchDtype.values()) honour("torch." + t.storageClass(), new StorageClass(t, t.storageClass()));
    }

    private PickleGlobals() { }

    private static void honour(String qualified, IObjectConstructor constructor) {
        HONOURED.put(qualified, constructor);
        int dot = qualified.lastIndexOf('.');
        Unpickler.registerConstructor(qualified.substring(0, dot), qualified.substring(dot + 1), constructor);
    }

    /** True when {@code qualified} (module.name) is one of the honoured globals. */
    static boolean isHonoured(String qualified) { return HONOURED.containsKey(qualified); }

    /** The stand-in for the global {@code module.name}; throws {@link RefusedGlobalException} for code-running globals. */
    static IObjectConstructor resolve(String module, String name) {
        String qualified = module + "." + name;
        IObjectConstructor honoured = HONOURED.get(qualified);
        if (honoured != null) return honoured;
        if (isCodeRunning(module, name)) throw new RefusedGlobalException(qualified);
        if (module.equals("torch") && name.endsWith("Storage")) return new StorageClass(null, name);
        return args -> new OpaqueObject(qualified, plainArgs(args));
    }

    static boolean isCodeRunning(String module, String name) {
        if (module.equals("builtins") || module.equals("__builtin__")) return !DATA_BUILTINS.contains(name);
        String m = module;
        while (true) {
            if (CODE_MODULES.contains(m)) return true;
            int dot = m.lastIndexOf('.');
            if (dot < 0) return false;
            m = m.substring(0, dot);
        }
    }

    private static List<Object> plainArgs(Object[] args) {
        return args == null ? List.of() : new ArrayList<>(Arrays.asList(args));
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException(REBUILD_TENSOR + " called with unexpected arguments (" + describeArgs(args) + ")");
        }
        long offset = asLong(args[1], "storage offset");
        long[] shape = asLongs(args[2], "size");
        long[] stride = asLongs(args[3], "stride");
        if (shape.length != stride.length) {
            throw new PickleException(REBUILD_TENSOR + ": size " + Arrays.toString(shape) + " and stride " + Arrays.toString(stride) + " differ in rank");
        }
        long elements = 1;
        for (long d : shape) {
            if (d < 0) throw new PickleException(REBUILD_TENSOR + ": size " + Arrays.toString(shape) + " has a negative dimension");
            elements = d == 0 || elements <= Long.MAX_VALUE / 2 / d ? elements * d : Long.MAX_VALUE;
        }
        if (elements > Integer.MAX_VALUE) {
            throw new PickleException(REBUILD_TENSOR + ": size " + Arrays.toString(shape) + " has more than " + Integer.MAX_VALUE + " elements");
        }
        return new TensorRef(storage, offset, shape, stride);
    }

    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TensorRef tensor)) {
            throw new PickleException(REBUILD_PARAMETER + " called with unexpected arguments (" + describeArgs(args) + ")");
        }
        return tensor;
    }

    private static String describeArgs(Object[] args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; args != null && i < args.length && i < 6; i++) b.append(i == 0 ? "" : ", ").append(PickleText.describe(args[i]));
        return b.toString();
    }

    private static long asLong(Object o, String what) {
        if (o instanceof Integer || o instanceof Long) return ((Number) o).longValue();
        throw new PickleException(REBUILD_TENSOR + ": " + what + " is not an integer: " + PickleText.describe(o));
    }

    private static long[] asLongs(Object o, String what) {
        if (!(o instanceof Object[] tuple)) throw new PickleException(REBUILD_TENSOR + ": " + what + " is not a tuple: " + PickleText.describe(o));
        if (tuple.length > PickleLimits.DIMENSIONS) {
            throw new PickleException(REBUILD_TENSOR + ": " + what + " has " + tuple.length + " dimensions; at most " + PickleLimits.DIMENSIONS);
        }
        long[] out = new long[tuple.length];
        for (int i = 0; i < tuple.length; i++) out[i] = asLong(tuple[i], what);
        return out;
    }

    /** A storage class named in a persistent id; it cannot be called. {@code dtype} is null when not decoded. */
    record StorageClass(TorchDtype dtype, String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + name + " is only expected inside a storage reference");
        }
    }

    /** Thrown when a pickle names a global that could run code; nothing has been executed. */
    static final class RefusedGlobalException extends PickleException {
        private static final long serialVersionUID = 1L;

        private final String global;

        RefusedGlobalException(String global) {
            super("refused global " + global + ": it can run code when the file is loaded with torch.load "
                    + "(nothing was executed; only tensor data is read)");
            this.global = global;
        }

        String global() { return global; }
    }
}
