package org.m3vit.model.guard;

import java.util.regex.Pattern;

/**
 * Checks of names read from files (task names, labels, model names) where they are read: a task
 * name becomes part of output file names, so it may only hold letters, digits and {@code _ . + -},
 * never a path separator, {@code ..} or a control character.
 */
public final class Names {

    /** Longest task name. */
    public static final int NAME_LENGTH = 64;
    /** Longest label or model name. */
    public static final int TEXT_LENGTH = 256;

    private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    private Names() { }

    /** Returns {@code name} if it can be part of a file name; otherwise refuses it, naming {@code what}. */
    public static String fileSafe(String what, String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(what + " is empty");
        if (name.length() > NAME_LENGTH) {
            throw new IllegalArgumentException(what + " has " + name.length() + " characters; at most " + NAME_LENGTH + " are allowed");
        }
        if (!FILE_SAFE.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException(what + " " + quote(name) + " may only hold letters, digits and _ . + - "
                    + "(starting with a letter or digit, no '..'), because it becomes part of output file names");
        }
        return name;
    }

    /** Returns {@code text} if it has no control characters and at most {@link #TEXT_LENGTH} characters. */
    public static String plainText(String what, String text) {
        if (text == null) return null;
        if (text.length() > TEXT_LENGTH) {
            throw new IllegalArgumentException(what + " has " + text.length() + " characters; at most " + TEXT_LENGTH + " are allowed");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException(what + " " + quote(text) + " holds a control character (code "
                        + (int) text.charAt(i) + ")");
            }
        }
        return text;
    }

    /** {@code s} in quotes with control characters escaped and cut to 80 characters, safe to print in one line. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (s.length() > 80) b.append("...");
        return b.append('\'').toString();
    }
}
