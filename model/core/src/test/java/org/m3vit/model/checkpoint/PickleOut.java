package org.m3vit.model.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A minimal pickle protocol-2 emitter for tests: writes opcodes exactly as CPython's pickler would for our objects. */
final class PickleOut {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleOut() {
        out.write(0x80);
        out.write(2);
    }

    PickleOut op(char opcode) {
        out.write(opcode);
        return this;
    }

    PickleOut mark() { return op('('); }

    PickleOut global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Protocol-0 INST: calls module.name with the items since the last mark. */
    PickleOut inst(String module, String name) {
        op('i');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Protocol-4 STACK_GLOBAL: module and name strings from the stack. */
    PickleOut stackGlobal(String module, String name) {
        string(module).string(name);
        out.write(0x93);
        return this;
    }

    PickleOut string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
        return this;
    }

    PickleOut integer(long v) {
        if (v >= 0 && v < 256) {
            op('K');
            out.write((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        } else {
            out.write(0x8a);
            out.write(8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
        return this;
    }

    PickleOut real(double v) {
        op('G');
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array());
        return this;
    }

    PickleOut bool(boolean v) {
        out.write(v ? 0x88 : 0x89);
        return this;
    }

    PickleOut none() { return op('N'); }

    /** TUPLE from the last mark. */
    PickleOut tuple() { return op('t'); }

    PickleOut reduce() { return op('R'); }

    PickleOut persistentId() { return op('Q'); }

    PickleOut emptyDict() { return op('}'); }

    PickleOut setItems() { return op('u'); }

    PickleOut build() { return op('b'); }

    PickleOut put(int slot) {
        op('q');
        out.write(slot);
        return this;
    }

    PickleOut get(int slot) {
        op('h');
        out.write(slot);
        return this;
    }

    byte[] stop() {
        op('.');
        return out.toByteArray();
    }
}
