package org.m3vit.model.guard;

/** Error text made fit for one terminal line: line breaks and control characters replaced, long text cut. */
public final class OneLine {

    /** Longest message printed, in characters. */
    public static final int MAX = 600;

    private OneLine() { }

    /** {@code text} on one line, at most {@link #MAX} characters (the cut says how much was left out). */
    public static String of(String text) {
        if (text == null) return "";
        int keep = Math.min(text.length(), MAX);
        StringBuilder b = new StringBuilder(keep + 40);
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            b.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > keep) b.append("... (").append(text.length() - keep).append(" more characters)");
        return b.toString();
    }
}
