package org.m3vit.model.checkpoint;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's unpickler restricted to what a PyTorch checkpoint needs. Globals go through
 * {@link PickleGlobals} (honoured, refused or inert), never through the library's default
 * table; {@code BUILD} never calls {@code __setstate__} by reflection; dicts keep their key
 * order (the task order of a checkpoint's decoders is the task-id order of its gates); a
 * persistent id {@code ('storage', type, key, location, numel)} becomes a lazy {@link StorageRef}.
 */
final class TorchUnpickler extends Unpickler {

    private final List<String> opaqueGlobals = new ArrayList<>();

    /** Globals that became inert placeholders, in order of first appearance. */
    List<String> opaqueGlobals() { return opaqueGlobals; }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(name instanceof String n) || !(module instanceof String m)) throw new PickleException("STACK_GLOBAL without module and name strings");
                stack.add(resolve(m, n));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                List<Object> args = stack.pop_all_since_marker();
                stack.add(resolve(module, name).construct(args.toArray()));
            }
            case Opcodes.BUILD -> stack.pop(); // instance state (e.g. a state_dict's _metadata): not needed, never applied by reflection
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) map.put(items.get(i), items.get(i + 1));
                stack.add(map);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (stack.peek() instanceof Map<?, ?> target) {
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> map = (Map<Object, Object>) target;
                    for (int i = 0; i + 1 < items.size(); i += 2) map.put(items.get(i), items.get(i + 1));
                }
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private IObjectConstructor resolve(String module, String name) {
        IObjectConstructor c = PickleGlobals.resolve(module, name);
        String qualified = module + "." + name;
        if (!PickleGlobals.isHonoured(qualified) && !opaqueGlobals.contains(qualified)) opaqueGlobals.add(qualified);
        return c;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
            throw new PickleException("unexpected persistent id " + describe(pid) + "; expected ('storage', type, key, location, numel)");
        }
        if (!(t[1] instanceof PickleGlobals.StorageClass type)) throw new PickleException("persistent id names " + describe(t[1]) + " instead of a torch storage class");
        if (!(t[4] instanceof Number numel)) throw new PickleException("persistent id has a non-integer element count " + describe(t[4]));
        return new StorageRef(String.valueOf(t[2]), type.dtype(), type.name(), String.valueOf(t[3]), numel.longValue());
    }

    private static String describe(Object o) {
        return o instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(o);
    }
}
