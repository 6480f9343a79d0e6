package org.m3vit.model.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a record from JSON in two steps: the whole document is parsed first (so the parser's size
 * and nesting limits apply to all of it), every key is checked against the record's components
 * (an unknown key is named even when a required one is also missing), then the tree is bound.
 */
public final class RecordJson {

    private RecordJson() { }

    /** {@code json} as a {@code type}; errors are Jackson's, for {@link JsonErrors#describe} to word. */
    public static <R extends Record> R read(ObjectMapper mapper, byte[] json, Class<R> type) throws IOException {
        JsonNode tree = mapper.readTree(json);
        if (tree == null || tree.isMissingNode()) throw new IOException("the file is empty");
        requireKnownKeys(tree, type, "");
        return mapper.treeToValue(tree, type);
    }

    private static void requireKnownKeys(JsonNode node, Class<?> type, String path) throws IOException {
        if (!node.isObject() || !type.isRecord()) return;
        Set<String> known = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) known.add(c.getName());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new UnrecognizedPropertyException(null, "unknown key", null, type, (path.isEmpty() ? "" : path + ".") + key,
                        List.copyOf(known));
            }
        }
        for (RecordComponent c : type.getRecordComponents()) {
            JsonNode child = node.get(c.getName());
            if (child == null) continue;
            String p = (path.isEmpty() ? "" : path + ".") + c.getName();
            if (child.isObject()) requireKnownKeys(child, c.getType(), p);
            if (child.isArray() && elementType(c.getGenericType()) instanceof Class<?> element) {
                for (int i = 0; i < child.size(); i++) requireKnownKeys(child.get(i), element, p + "[" + i + "]");
            }
        }
    }

    private static Type elementType(Type t) {
        return t instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1 ? pt.getActualTypeArguments()[0] : null;
    }
}
