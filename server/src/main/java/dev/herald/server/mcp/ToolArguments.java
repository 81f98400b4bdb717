package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.InputText;
import dev.herald.platform.http.JsonBody;
import java.util.Map;

/**
 * The arguments of one tool call, read the way a REST body is read ({@link JsonBody}): mapped
 * onto a record, an unknown argument or one of the wrong type is an {@link Invalid} naming it, and
 * no name or string anywhere in them may hold what {@link InputText} refuses (a NUL, an unpaired
 * surrogate). Absent arguments are an empty object.
 */
final class ToolArguments {
    private final ObjectNode tree;
    private final JsonBody json;

    private ToolArguments(ObjectNode tree, JsonBody json) {
        this.tree = tree;
        this.json = json;
    }

    static ToolArguments of(Map<String, Object> arguments, JsonBody json) {
        ObjectNode tree = arguments == null ? json.mapper().createObjectNode()
                : json.mapper().valueToTree(arguments);
        checkText(tree, "");
        return new ToolArguments(tree, json);
    }

    private static void checkText(JsonNode node, String path) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var member = it.next();
                String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                String defect = InputText.defect(member.getKey());
                if (defect != null) {
                    throw new Invalid(InputText.printable(at), "argument name " + defect);
                }
                checkText(member.getValue(), at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isTextual()) {
            String defect = InputText.defect(node.asText());
            if (defect != null) {
                throw new Invalid(path, defect);
            }
        }
    }

    /** The arguments as {@code type} (a record with snake_case members, like a request body). */
    <T> T as(Class<T> type) {
        return json.map(tree, type);
    }

    /** The string argument {@code name}, or null when absent; another JSON type is Invalid. */
    String text(String name) {
        JsonNode v = tree.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Invalid(name, "must be a string");
        }
        return v.asText();
    }

    /** These arguments without {@code name} (an argument the tool reads itself, not its service). */
    ToolArguments without(String name) {
        ObjectNode rest = tree.deepCopy();
        rest.remove(name);
        return new ToolArguments(rest, json);
    }

    /** Herald's JSON mapping (what answers are serialized with). */
    com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return json.mapper();
    }

    /** The arguments as given, for fingerprinting or echoing. */
    ObjectNode tree() {
        return tree.deepCopy();
    }
}
