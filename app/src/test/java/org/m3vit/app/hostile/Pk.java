package org.m3vit.app.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Raw pickle bytes for hostile tests: opcodes written one by one, so malformed streams are as easy as valid ones. */
final class Pk {

    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    /** A stream starting with PROTO 2. */
    static Pk proto() {
        Pk p = new Pk();
        p.raw(0x80, 2);
        return p;
    }

    Pk raw(int... bytes) {
        for (int x : bytes) b.write(x);
        return this;
    }

    Pk repeat(int times, int... bytes) {
        for (int i = 0; i < times; i++) raw(bytes);
        return this;
    }

    /** BINUNICODE. */
    Pk str(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        raw('X');
        le(u.length, 4);
        b.writeBytes(u);
        return this;
    }

    /** BININT1. */
    Pk small(int v) { return raw('K', v); }

    /** Writes {@code v} as a little-endian integer of {@code width} bytes. */
    Pk le(long v, int width) {
        byte[] x = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        b.write(x, 0, width);
        return this;
    }

    Pk text(String s) {
        b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** The bytes with STOP appended. */
    byte[] stop() {
        raw('.');
        return b.toByteArray();
    }

    /** The bytes as they are (no STOP). */
    byte[] cut() { return b.toByteArray(); }

    /** {'state_dict': {}, 'best_result': x} around whatever the caller pushed as x: a valid checkpoint shell. */
    static Pk shell() {
        return proto().raw('}').str("state_dict").raw('}').raw('s').str("best_result");
    }

    /** Closes {@link #shell()}: SETITEM, STOP. */
    byte[] closeShell() {
        return raw('s').stop();
    }
}
