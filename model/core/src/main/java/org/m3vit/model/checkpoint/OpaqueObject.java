package org.m3vit.model.checkpoint;

import java.util.List;

/**
 * The inert stand-in for an object whose Python class the importer does not honour (for example
 * a numpy scalar in {@code best_result}): it only remembers the class name and the plain
 * arguments it was built from. Nothing named by the pickle is ever looked up or run.
 */
public record OpaqueObject(String pythonClass, List<Object> args) {

    @Override
    public String toString() { return "<" + pythonClass + " object>"; }

    /** Identity, as for a Python object without {@code __eq__}: comparing by content could walk a hostile structure. */
    @Override
    public boolean equals(Object o) { return this == o; }

    @Override
    public int hashCode() { return System.identityHashCode(this); }
}
