package org.m3vit.model.checkpoint;

import org.m3vit.model.guard.Names;

import java.util.List;
import java.util.Map;

/**
 * Describes an unpickled value for a message in a few words, without walking into it: no
 * recursion, no identity hashes, no unbounded text, whatever the pickle built.
 */
final class PickleText {

    private PickleText() { }

    /** "None", "True", "42", "'text'", "a dict of 3 entries", "a tuple of 2 items", "a tensor (3, 4)" ... */
    static String describe(Object o) {
        if (o == null) return "None";
        if (o instanceof Boolean b) return b ? "True" : "False";
        if (o instanceof java.math.BigInteger big && big.bitLength() > 128) return "an integer of " + big.bitLength() + " bits";
        if (o instanceof Number n) {
            String s = n.toString();
            return s.length() > 40 ? "an integer of " + s.length() + " digits" : s;
        }
        if (o instanceof String s) return Names.quote(s);
        if (o instanceof Map<?, ?> m) return "a dict of " + m.size() + " entries";
        if (o instanceof Object[] a) return "a tuple of " + a.length + " items";
        if (o instanceof List<?> l) return "a list of " + l.size() + " items";
        if (o instanceof byte[] b) return b.length + " bytes";
        if (o instanceof PickleSet s) return s.toString();
        if (o instanceof OpaqueObject op) return op.toString();
        if (o instanceof TensorRef t) return "a tensor " + t.shapeText();
        if (o instanceof StorageRef s) return "a storage of " + s.numel() + " elements";
        if (o instanceof PickleGlobals.StorageClass c) return "the class torch." + c.name();
        if (o instanceof net.razorvine.pickle.IObjectConstructor) return "a Python class or function";
        return o.getClass() == Object.class ? "a stray MARK" : "an unexpected value";
    }
}
