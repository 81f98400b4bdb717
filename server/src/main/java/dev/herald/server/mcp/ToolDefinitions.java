package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tools as {@code tools/list} shows them, read from {@code mcp/tools/<name>.json} (title,
 * description, annotations, input and output schema). A schema there may point into Herald's
 * OpenAPI document ({@code "$ref": "#/components/schemas/Campaign"}, or deeper); each target is
 * copied into that schema's own {@code $defs}, with whatever it references in turn, and the
 * reference rewritten. So a tool answers in exactly the shapes the REST API documents, written
 * once, and every schema stands alone as MCP requires.
 */
final class ToolDefinitions {
    private static final String COMPONENTS = "#/components/";
    private static final String SCHEMAS = "/components/schemas/";

    private final JsonNode openApi;
    private final ObjectMapper json;

    ToolDefinitions(JsonNode openApi, ObjectMapper json) {
        this.openApi = openApi;
        this.json = json;
    }

    /** The definition of tool {@code name}, its schemas self-contained. */
    ObjectNode load(String name) {
        ObjectNode tool = read("mcp/tools/" + name + ".json");
        if (!name.equals(tool.path("name").asText())) {
            throw new IllegalStateException("mcp/tools/" + name + ".json names the tool '" + tool.path("name").asText() + "'");
        }
        for (String schema : new String[] {"inputSchema", "outputSchema"}) {
            if (!tool.path(schema).isObject()) {
                throw new IllegalStateException("mcp/tools/" + name + ".json has no " + schema);
            }
            tool.set(schema, standalone((ObjectNode) tool.get(schema)));
        }
        return tool;
    }

    private ObjectNode read(String resource) {
        try (InputStream in = ToolDefinitions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            JsonNode node = json.readTree(in);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(resource + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** {@code schema} with every reference into the OpenAPI document resolved into its own {@code $defs}. */
    private ObjectNode standalone(ObjectNode schema) {
        Map<String, JsonNode> defs = new LinkedHashMap<>();
        rewrite(schema, defs);
        if (!defs.isEmpty()) {
            ObjectNode holder = schema.putObject("$defs");
            defs.forEach(holder::set);
        }
        return schema;
    }

    private void rewrite(JsonNode node, Map<String, JsonNode> defs) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENTS)) {
                String pointer = ref.asText().substring(1);
                String name = defName(pointer);
                if (!defs.containsKey(name)) {
                    JsonNode target = openApi.at(pointer);
                    if (target.isMissingNode()) {
                        throw new IllegalStateException("the OpenAPI document has no " + pointer);
                    }
                    // Claimed before descending, so a schema that refers to itself ends the walk.
                    defs.put(name, null);
                    JsonNode copy = target.deepCopy();
                    rewrite(copy, defs);
                    defs.put(name, copy);
                }
                object.put("$ref", "#/$defs/" + name);
            }
            object.fields().forEachRemaining(e -> rewrite(e.getValue(), defs));
        } else if (node.isArray()) {
            node.forEach(child -> rewrite(child, defs));
        }
    }

    /** {@code /components/schemas/CreateCampaign/properties/retry} becomes {@code CreateCampaign.retry}. */
    static String defName(String pointer) {
        String rest = pointer.startsWith(SCHEMAS) ? pointer.substring(SCHEMAS.length())
                : pointer.substring("/components/".length());
        return rest.replace("/properties/", ".").replace('/', '.').replace("~1", "_").replace("~0", "_");
    }
}
