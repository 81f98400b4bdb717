package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Enumerates every single-field change of a JSON document: each leaf replaced by a different
 * value of the same kind (string + "~", integer + 1, boolean negated, null to a string, empty
 * container filled), and each object member removed. Paths read like {@code chain[0].content_hash}.
 */
final class FieldWalker {
    enum Kind { CHANGE, REMOVE }

    record Mutation(String path, Kind kind, Consumer<ObjectNode> apply) {
        ObjectNode applyTo(ObjectNode original) {
            ObjectNode copy = original.deepCopy();
            apply.accept(copy);
            return copy;
        }

        @Override
        public String toString() {
            return kind + " " + path;
        }
    }

    private FieldWalker() {}

    static List<Mutation> mutations(ObjectNode root) {
        List<Mutation> out = new ArrayList<>();
        walk(root, "", new ArrayList<>(), out);
        return out;
    }

    /** Steps from the root: String for object members, Integer for array indexes. */
    private static void walk(JsonNode node, String path, List<Object> steps, List<Mutation> out) {
        if (node.isObject()) {
            if (node.isEmpty() && !steps.isEmpty()) {
                out.add(change(path, steps, n -> ((ObjectNode) n).put("x", "x")));
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String childPath = path.isEmpty() ? name : path + "." + name;
                List<Object> childSteps = append(steps, name);
                out.add(new Mutation(childPath, Kind.REMOVE, root -> ((ObjectNode) locate(root, steps)).remove(name)));
                walk(node.get(name), childPath, childSteps, out);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.add(change(path, steps, n -> ((ArrayNode) n).add("x")));
            }
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", append(steps, i), out);
            }
        } else {
            out.add(new Mutation(path, Kind.CHANGE, root -> replace(root, steps, changed(node))));
        }
    }

    private static Mutation change(String path, List<Object> steps, Consumer<JsonNode> edit) {
        return new Mutation(path, Kind.CHANGE, root -> edit.accept(locate(root, steps)));
    }

    private static JsonNode changed(JsonNode leaf) {
        if (leaf.isTextual()) {
            return TextNode.valueOf(leaf.textValue() + "~");
        }
        if (leaf.isIntegralNumber()) {
            return BigIntegerNode.valueOf(leaf.bigIntegerValue().add(BigInteger.ONE));
        }
        if (leaf.isBoolean()) {
            return BooleanNode.valueOf(!leaf.booleanValue());
        }
        if (leaf.isNull()) {
            return TextNode.valueOf("x");
        }
        throw new IllegalArgumentException("unexpected leaf " + leaf);
    }

    private static void replace(ObjectNode root, List<Object> steps, JsonNode value) {
        JsonNode parent = locate(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).set(name, value);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
    }

    private static JsonNode locate(JsonNode root, List<Object> steps) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof String name ? node.get(name) : node.get((Integer) step);
        }
        return node;
    }

    private static List<Object> append(List<Object> steps, Object step) {
        List<Object> copy = new ArrayList<>(steps);
        copy.add(step);
        return copy;
    }
}
