package org.m3vit.model.guard;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random mutations of a valid file for bounded fuzz tests: flipped bits, overwritten bytes (often
 * with 0x00, 0xFF or 0x7F, the values that make lengths absurd), cuts, duplicated and deleted runs.
 * Deterministic for a seed.
 */
public final class Mutations {

    private final SplittableRandom random;

    public Mutations(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One to four mutations of {@code valid}; bytes before {@code protectedPrefix} are never touched (e.g. a magic number). */
    public byte[] mutate(byte[] valid, int protectedPrefix) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && b.length > protectedPrefix + 1; i++) {
            int at = protectedPrefix + random.nextInt(b.length - protectedPrefix);
            switch (random.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) new int[] {0x00, 0xFF, 0x7F, 0x80}[random.nextInt(4)];
                case 2 -> {
                    for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = (byte) 0xFF;
                }
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> {
                    int len = Math.min(1 + random.nextInt(64), b.length - at);
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at + len);
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
                default -> {
                    int len = Math.min(1 + random.nextInt(64), b.length - at);
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
            }
        }
        return b;
    }

    /** A text mutation: a character replaced by one that matters to a parser, or a number replaced by an extreme one. */
    public String mutate(String valid) {
        StringBuilder s = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        String[] tokens = {"{", "}", "[", "]", ",", ":", "\"", "\\", "-", "1e400", "99999999999", "-1", "0", "null", "NaN", "\u0000", "[[[[[[[["};
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            String t = tokens[random.nextInt(tokens.length)];
            if (random.nextBoolean()) s.replace(at, at + 1, t);
            else s.insert(at, t);
        }
        return s.toString();
    }
}
