package org.m3vit.model.checkpoint;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The library's unpickler restricted to what a PyTorch checkpoint needs. Globals go through
 * {@link PickleGlobals} (honoured, refused or inert), never through the library's default
 * table; {@code BUILD} never calls {@code __setstate__} by reflection; dicts keep their key
 * order (the task order of a checkpoint's decoders is the task-id order of its gates); a
 * persistent id {@code ('storage', type, key, location, numel)} becomes a lazy {@link StorageRef}.
 *
 * <p>Hostile input is bounded ({@link PickleLimits}): the size of the pickle, the operations run,
 * the nesting depth of containers, every length-prefixed record against the bytes that remain,
 * decimal integers by their digits. Dict keys and set items that Python cannot hash (lists, dicts,
 * sets) are refused as Python refuses them; sets are kept as {@link PickleSet} and nothing is ever
 * hashed or printed by walking into it, so shared structures cannot make anything spin.
 */
final class TorchUnpickler extends Unpickler {

    private final java.util.LinkedHashSet<String> opaqueGlobals = new java.util.LinkedHashSet<>();
    /** Tuples already found hashable: each is walked once, however often it is used as a key. */
    private final IdentityHashMap<Object, Boolean> hashableTuples = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Integer> depth = new IdentityHashMap<>();
    private int total;
    private int operations;
    private short opcode;

    /** Globals that became inert placeholders, in order of first appearance. */
    List<String> opaqueGlobals() { return List.copyOf(opaqueGlobals); }

    @Override
    public Object loads(byte[] pickle) throws PickleException, IOException {
        if (pickle.length > PickleLimits.PICKLE_BYTES) {
            throw new PickleException("data.pkl has " + pickle.length + " bytes; at most " + PickleLimits.PICKLE_BYTES + " are read");
        }
        total = pickle.length;
        return load(new ByteArrayInputStream(pickle));
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (++operations > PickleLimits.OPERATIONS) {
            throw new PickleException("data.pkl runs more than " + PickleLimits.OPERATIONS + " operations; refused as too large");
        }
        opcode = key;
        try {
            return dispatchBounded(key);
        } catch (IndexOutOfBoundsException | NoSuchElementException | NullPointerException e) {
            throw malformed("finds too few values on the stack");
        } catch (ClassCastException e) {
            throw malformed("finds the wrong kind of value on the stack");
        } catch (NegativeArraySizeException | ArithmeticException | NumberFormatException e) {
            throw malformed("holds an impossible length or number");
        }
    }

    private Object dispatchBounded(short key) throws IOException {
        switch (key) {
            case Opcodes.BINSTRING, Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4 -> requireLength(4);
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> requireLength(8);
            case Opcodes.INT, Opcodes.LONG -> requireShortLine();
            default -> { }
        }
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(name instanceof String n) || !(module instanceof String m)) throw malformed("needs a module and a name string");
                stack.add(resolve(m, n));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                List<Object> args = stack.pop_all_since_marker();
                push(resolve(module, name).construct(args.toArray()), 1 + deepest(args));
            }
            case Opcodes.BUILD -> stack.pop(); // instance state (e.g. a state_dict's _metadata): not needed, never applied by reflection
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                List<Object> items = stack.pop_all_since_marker();
                putAll(map, items);
                push(map, 1 + deepest(items));
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                putAll(targetDict(), Arrays.asList(k, value));
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putAll(targetDict(), items);
            }
            case Opcodes.EMPTY_SET -> stack.add(new PickleSet(false));
            case Opcodes.ADDITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof PickleSet set)) throw malformed("adds items to " + PickleText.describe(stack.peek()) + ", not a set");
                addAll(set, items);
            }
            case Opcodes.FROZENSET -> {
                PickleSet set = new PickleSet(true);
                addAll(set, stack.pop_all_since_marker());
                stack.add(set);
            }
            case Opcodes.APPEND -> {
                Object value = stack.pop();
                targetList().add(value);
                deepen(stack.peek(), Collections.singletonList(value));
            }
            case Opcodes.APPENDS -> {
                List<Object> items = stack.pop_all_since_marker();
                targetList().addAll(items);
                deepen(stack.peek(), items);
            }
            case Opcodes.LIST -> {
                List<Object> items = stack.pop_all_since_marker();
                push(new ArrayList<>(items), 1 + deepest(items));
            }
            case Opcodes.TUPLE -> {
                List<Object> items = stack.pop_all_since_marker();
                push(items.toArray(), 1 + deepest(items));
            }
            case Opcodes.TUPLE1, Opcodes.TUPLE2, Opcodes.TUPLE3 -> {
                super.dispatch(key);
                Object[] t = (Object[]) stack.peek();
                depth.put(t, checkedDepth(1 + deepest(Arrays.asList(t))));
            }
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                int args = depthOf(stack.peek());
                if (!(secondFromTop() instanceof IObjectConstructor)) throw malformed("calls " + PickleText.describe(secondFromTop()) + ", which is not a class");
                super.dispatch(key);
                push(stack.pop(), 1 + args);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private Object secondFromTop() {
        Object top = stack.pop();
        Object second = stack.peek();
        stack.add(top);
        return second;
    }

    private Map<Object, Object> targetDict() {
        if (!(stack.peek() instanceof Map<?, ?> target)) throw malformed("sets items of " + PickleText.describe(stack.peek()) + ", not a dict");
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) target;
        return map;
    }

    private List<Object> targetList() {
        if (!(stack.peek() instanceof List<?> target)) throw malformed("appends to " + PickleText.describe(stack.peek()) + ", not a list");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        return list;
    }

    private void putAll(Map<Object, Object> map, List<Object> items) {
        if (items.size() % 2 != 0) throw malformed("has a key without a value");
        for (int i = 0; i + 1 < items.size(); i += 2) {
            requireHashable(items.get(i), "a dict key");
            map.put(items.get(i), items.get(i + 1));
        }
        deepen(map, items);
    }

    private void addAll(PickleSet set, List<Object> items) {
        for (Object o : items) requireHashable(o, "a set item");
        set.items.addAll(items);
        deepen(set, items);
    }

    /** Refuses what Python's hash() refuses: lists, dicts, sets, and tuples holding one (walked without recursion). */
    private void requireHashable(Object key, String role) {
        if (key instanceof Object[] && hashableTuples.containsKey(key)) return;
        List<Object> todo = new ArrayList<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        todo.add(key);
        int elements = 0;
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            String type = o instanceof List<?> ? "list" : o instanceof Map<?, ?> ? "dict" : o instanceof PickleSet s && !s.frozen ? "set" : null;
            if (type != null) throw new PickleException("data.pkl uses " + role + " of unhashable type '" + type + "' (Python refuses it too)");
            if (o instanceof Object[] tuple && !hashableTuples.containsKey(tuple) && seen.put(tuple, Boolean.TRUE) == null) {
                elements += tuple.length;
                if (elements > PickleLimits.KEY_ELEMENTS) throw new PickleException("data.pkl uses " + role + " of more than " + PickleLimits.KEY_ELEMENTS + " elements");
                Collections.addAll(todo, tuple);
            }
        }
        seen.keySet().forEach(t -> hashableTuples.put(t, Boolean.TRUE));
    }

    private void push(Object value, int d) {
        stack.add(value);
        if (value != null && !(value instanceof String) && !(value instanceof Number)) depth.put(value, checkedDepth(d));
    }

    private void deepen(Object container, List<Object> children) {
        int d = Math.max(depthOf(container), 1 + deepest(children));
        depth.put(container, checkedDepth(d));
    }

    private int deepest(List<Object> items) {
        int d = 0;
        for (Object o : items) d = Math.max(d, depthOf(o));
        return d;
    }

    private int depthOf(Object o) {
        Integer d = o == null ? null : depth.get(o);
        return d == null ? 0 : d;
    }

    private int checkedDepth(int d) {
        if (d > PickleLimits.DEPTH) throw new PickleException("data.pkl nests containers more than " + PickleLimits.DEPTH + " deep");
        return d;
    }

    /** Refuses a record whose little-endian length prefix of {@code width} bytes claims more than the bytes that remain. */
    private void requireLength(int width) throws IOException {
        input.mark(width);
        byte[] b = input.readNBytes(width);
        input.reset();
        if (b.length < width) throw malformed("is cut off (the file ends inside it)");
        long length = 0;
        for (int i = width - 1; i >= 0; i--) length = (length << 8) | (b[i] & 0xFF);
        if (width == 4 && (opcode == Opcodes.BINSTRING || opcode == Opcodes.LONG4)) length = (int) length;
        long remaining = input.available() - width;
        if (length < 0 || length > remaining) {
            throw malformed("claims a record of " + Long.toUnsignedString(length) + " bytes, but only " + remaining + " bytes remain in data.pkl");
        }
    }

    private void requireShortLine() throws IOException {
        input.mark(PickleLimits.DIGITS + 2);
        try {
            for (int i = 0; i <= PickleLimits.DIGITS + 1; i++) {
                int c = input.read();
                if (c == '\n') return;
                if (c < 0) throw malformed("is cut off (the file ends inside it)");
            }
            throw malformed("holds a decimal number of more than " + PickleLimits.DIGITS + " digits");
        } finally {
            input.reset();
        }
    }

    private PickleException malformed(String what) {
        int at = total - available() - 1;
        return new PickleException("data.pkl is malformed: opcode " + opcodeName(opcode) + " near byte " + Math.max(0, at) + " " + what);
    }

    private int available() {
        try {
            return input == null ? 0 : input.available();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String opcodeName(short op) {
        return op >= 0x20 && op < 0x7F ? "'" + (char) op + "'" : String.format("0x%02x", op);
    }

    private IObjectConstructor resolve(String module, String name) {
        IObjectConstructor c = PickleGlobals.resolve(module, name);
        String qualified = module + "." + name;
        if (!PickleGlobals.isHonoured(qualified)) opaqueGlobals.add(qualified);
        return c;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
            throw new PickleException("unexpected persistent id " + PickleText.describe(pid) + "; expected ('storage', type, key, location, numel)");
        }
        if (!(t[1] instanceof PickleGlobals.StorageClass type)) throw new PickleException("persistent id names " + PickleText.describe(t[1]) + " instead of a torch storage class");
        if (!(t[2] instanceof String key) || key.isEmpty() || key.length() > PickleLimits.KEY_LENGTH) {
            throw new PickleException("persistent id has the storage key " + PickleText.describe(t[2]) + "; expected a short string");
        }
        if (!(t[4] instanceof Integer || t[4] instanceof Long) || ((Number) t[4]).longValue() < 0) {
            throw new PickleException("persistent id has the element count " + PickleText.describe(t[4]) + "; expected a whole number >= 0");
        }
        return new StorageRef(key, type.dtype(), type.name(), String.valueOf(t[3] instanceof String s ? s : PickleText.describe(t[3])),
                ((Number) t[4]).longValue());
    }
}
