package org.m3vit.model.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python set or frozenset from a pickle, kept as a plain list with identity equality: nothing in
 * a checkpoint needs set semantics, and hashing nested values by content could recurse or spin.
 */
final class PickleSet {

    final boolean frozen;
    final List<Object> items = new ArrayList<>();

    PickleSet(boolean frozen) {
        this.frozen = frozen;
    }

    @Override
    public String toString() { return (frozen ? "a frozenset of " : "a set of ") + items.size() + " items"; }
}
