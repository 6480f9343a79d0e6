package org.m3vit.model.guard;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.stream.Collectors;

/**
 * A JSON reading failure in plain words: where (line, column, the key path) and what is wrong,
 * without the parser's internals or Java class names.
 */
public final class JsonErrors {

    private JsonErrors() { }

    /** One line describing {@code e}, e.g. "line 3, column 18, at tasks[0].channels: expected a whole number, got \"x\"". */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException s) {
                String m = s.getOriginalMessage() == null ? "" : s.getOriginalMessage().replaceAll("\\s*\\(from `[^`]*`\\)", "");
                return "too large or too deeply nested: " + plain(m);
            }
        }
        if (e instanceof StreamReadException r && r.getOriginalMessage() != null && r.getOriginalMessage().contains("out of range")
                && r.getProcessor() != null) {
            String name = currentName(r.getProcessor());
            String field = name == null ? "" : "at " + name + ": ";
            return location(r.getLocation()) + field + "the number is out of range";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof NullPointerException n) {
            return where(v) + "the value " + Names.quote(String.valueOf(n.getMessage())) + " is missing";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return where(v) + plain(v.getCause().getMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : " (known keys: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
            return where(u) + "unknown key " + Names.quote(u.getPropertyName()) + known;
        }
        if (e instanceof InvalidFormatException f) {
            return where(f) + "expected " + typeWord(f.getTargetType()) + ", got " + value(f.getValue());
        }
        if (e instanceof MismatchedInputException m) {
            String what = m.getTargetType() == null ? "a different kind of value" : typeWord(m.getTargetType());
            String msg = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
            if (msg.contains("Missing required creator property") || msg.contains("Null value for creator property")) {
                return where(m) + "a value is missing";
            }
            if (msg.contains("No content") || msg.contains("end-of-input")) return "the file is empty or ends early";
            return where(m) + "expected " + what;
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            return where(m) + plain(iae.getMessage());
        }
        if (e instanceof JsonProcessingException p) {
            String msg = p.getOriginalMessage() == null ? "" : p.getOriginalMessage();
            int nl = msg.indexOf('\n');
            if (nl >= 0) msg = msg.substring(0, nl);
            String at = p instanceof JsonMappingException m ? where(m) : location(p.getLocation());
            if (msg.contains("Unexpected end-of-input")) return at + "the JSON ends early (truncated file?)";
            if (msg.contains("out of range")) return at + "the number is out of range";
            return at + "not valid JSON: " + plain(withoutInternals(msg));
        }
        return plain(e.getMessage());
    }

    /** The parser's message without its code points, source descriptions and feature names. */
    private static String withoutInternals(String msg) {
        return msg.replaceAll("\\s*\\(code \\d+\\)", "")
                .replaceAll("\\s*\\(for \\w+ starting at \\[Source:.*?\\]\\)", "")
                .replaceAll("\\s*(at )?\\[Source:.*?\\]", "")
                .replaceAll("`[A-Za-z]+\\.[A-Z_a-z.()]+`", "a parser setting");
    }

    private static String currentName(JsonParser p) {
        try {
            return p.currentName();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "").collect(Collectors.joining());
        if (path.startsWith(".")) path = path.substring(1);
        String loc = location(e.getLocation());
        return path.isEmpty() ? loc : loc + "at " + path + ": ";
    }

    private static String location(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : "line " + l.getLineNr() + ", column " + l.getColumnNr() + ", ";
    }

    private static String typeWord(Class<?> t) {
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "a whole number";
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (t == String.class) return "a string";
        if (t.isEnum()) {
            StringBuilder b = new StringBuilder("one of ");
            Object[] c = t.getEnumConstants();
            for (int i = 0; i < c.length; i++) b.append(i == 0 ? "" : ", ").append(c[i]);
            return b.toString();
        }
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) return "a list";
        return "an object";
    }

    private static String value(Object v) {
        return v instanceof String s ? "\"" + OneLine.of(s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"" : OneLine.of(String.valueOf(v));
    }

    private static String plain(String m) {
        return m == null ? "invalid value" : OneLine.of(m);
    }
}
