package org.m3vit.model.checkpoint;

/** Structural bounds of a checkpoint's pickle and zip records: sizes, nesting, operation counts. */
final class PickleLimits {

    /** Largest {@code data.pkl} read (a real checkpoint's is a few hundred kB, optimizer state included). */
    static final int PICKLE_BYTES = 64 << 20;
    /** Pickle opcodes executed at most. */
    static final int OPERATIONS = 5_000_000;
    /** Containers nested at most (a checkpoint nests about 6 deep). */
    static final int DEPTH = 200;
    /** Digits of a decimal integer (Python's own limit for int from text is 4300). */
    static final int DIGITS = 4300;
    /** Dimensions of one tensor. */
    static final int DIMENSIONS = 16;
    /** Elements a tuple used as a dict key or set item may hold, counted through its nested tuples. */
    static final int KEY_ELEMENTS = 10_000;
    /** Characters of a storage key. */
    static final int KEY_LENGTH = 256;

    private PickleLimits() { }
}
