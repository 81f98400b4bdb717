package dev.herald.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile variants of one operation's request, derived from its JSON Schema in the OpenAPI
 * document: a plausible base body is synthesized from the schema (or given), then every member
 * down to a few levels gets wrong types, removal, an extra sibling, a megabyte string, a NUL, a
 * lone surrogate, huge and negative numbers; the body as a whole gets deep nesting, duplicate
 * keys, wrong content types, broken encodings and trailing garbage. Values that a JSON writer
 * cannot produce (lone surrogates, {@code 1e400}) are spliced into the text through markers.
 */
final class HostileRequests {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_PATHS = 24;
    private static final String MARK = "\u00a7\u00a7";
    /** Marker text -> JSON text spliced in its place (the marker is written as a JSON string). */
    private static final Map<String, String> SPLICES = Map.of(
            MARK + "surrogate" + MARK, "\"a\\ud800b\"",
            MARK + "lowsurrogate" + MARK, "\"\\udfff\"",
            MARK + "nul" + MARK, "\"a\\u0000b\"",
            MARK + "bigexp" + MARK, "1e400",
            MARK + "bigint" + MARK, "123456789012345678901234567890123456789",
            MARK + "negint" + MARK, "-9223372036854775809");

    private static final java.util.Set<String> UNFORGEABLE = java.util.Set.of("signatures", "ratify");
    private final JsonNode document;

    HostileRequests(JsonNode document) {
        this.document = document;
    }

    /** One hostile body: a label for reports, its content type (null: none) and its bytes. */
    record Body(String label, String contentType, byte[] bytes) {
    }

    /** The request schema of an operation, or null when it takes no JSON body. */
    JsonNode requestSchema(String method, String template) {
        JsonNode schema = document.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT))
                .path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : schema;
    }

    /** A plausible body for {@code schema}: required members filled by type, then the optional ones. */
    JsonNode synthesize(JsonNode schema) {
        return synthesize(schema, "", 0);
    }

    private JsonNode synthesize(JsonNode schemaOrRef, String name, int depth) {
        JsonNode schema = resolve(schemaOrRef);
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
            if (schema.has(combinator)) {
                if (combinator.equals("allOf")) {
                    ObjectNode merged = NODES.objectNode();
                    for (JsonNode part : schema.get("allOf")) {
                        JsonNode v = synthesize(part, name, depth);
                        if (v instanceof ObjectNode o) {
                            merged.setAll(o);
                        }
                    }
                    return merged;
                }
                return synthesize(schema.get(combinator).get(0), name, depth);
            }
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth > MAX_DEPTH) {
                    yield o;
                }
                if (!schema.has("properties") && !schema.path("additionalProperties").isBoolean()) {
                    // A free-form member (metadata, arguments, payload): give the variants leaves to hit.
                    yield o.put("note", "fuzz").put("count", 1).set("nested", NODES.objectNode().put("k", "v"));
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    // Optional proofs and signatures cannot be forged from a schema; a wrong one would
                    // stop every variant at the verifier, so they are left out of the base.
                    if (!required.contains(p.getKey()) && UNFORGEABLE.contains(p.getKey())) {
                        continue;
                    }
                    o.set(p.getKey(), synthesize(p.getValue(), p.getKey(), depth + 1));
                }
                yield o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                if (schema.has("items") && depth <= MAX_DEPTH) {
                    a.add(synthesize(schema.get("items"), name, depth + 1));
                }
                yield a;
            }
            case "integer", "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "boolean" -> NODES.booleanNode(true);
            default -> TextNode.valueOf(sampleString(schema, name));
        };
    }

    private static String sampleString(JsonNode schema, String name) {
        String pattern = schema.path("pattern").asText("");
        if (pattern.startsWith("^sha256:")) {
            return "sha256:" + "ab".repeat(32);
        }
        if (pattern.equals("^[0-9a-f]{64}$")) {
            return "ab".repeat(32);
        }
        if (pattern.startsWith("^[A-Za-z0-9+/]{43}")) {
            return "A".repeat(43) + "=";
        }
        if (pattern.startsWith("^(?:[A-Za-z0-9+/]{4})")) {
            return "AAAA";
        }
        if (pattern.startsWith("^[a-z]{2,5}_")) {
            return "xx_" + "0".repeat(26);
        }
        if (schema.path("format").asText("").equals("date-time")) {
            return "2026-01-01T00:00:00Z";
        }
        if (name.contains("url")) {
            // A name that never resolves: nothing the suite triggers can reach the network.
            return "https://herald.invalid/hook";
        }
        String s = "fuzz-" + name.replaceAll("[^a-z0-9]", "");
        int min = schema.path("minLength").asInt(0);
        return s.length() >= min ? s : s + "x".repeat(min - s.length());
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        if (t.isArray()) {
            for (JsonNode e : t) {
                if (!e.asText().equals("null")) {
                    return e.asText();
                }
            }
        }
        return t.asText();
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s.has("$ref") && hops < 10; hops++) {
            s = document.at(s.get("$ref").asText().substring(1));
        }
        return s;
    }

    /** Every hostile body for {@code base}: member-level mutations first, then whole-body ones. */
    List<Body> bodies(JsonNode base) {
        List<Body> out = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        collect(base, new ArrayList<>(), paths);
        boolean megabyteSent = false;
        for (List<Object> path : paths.subList(0, Math.min(MAX_PATHS, paths.size()))) {
            String where = render(path);
            JsonNode current = at(base, path);
            Map<String, JsonNode> variants = new LinkedHashMap<>();
            variants.put("number", NODES.numberNode(12345));
            variants.put("string", TextNode.valueOf("s"));
            variants.put("boolean", NODES.booleanNode(false));
            variants.put("array", NODES.arrayNode().add(1));
            variants.put("object", NODES.objectNode().put("k", "v"));
            variants.put("null", NODES.nullNode());
            variants.put("nul", TextNode.valueOf(MARK + "nul" + MARK));
            variants.put("surrogate", TextNode.valueOf(MARK + "surrogate" + MARK));
            variants.put("low-surrogate", TextNode.valueOf(MARK + "lowsurrogate" + MARK));
            variants.put("empty", TextNode.valueOf(""));
            variants.put("traversal", TextNode.valueOf("../../etc/passwd"));
            if (current.isNumber() || current.isTextual()) {
                variants.put("huge-exponent", TextNode.valueOf(MARK + "bigexp" + MARK));
                variants.put("huge-integer", TextNode.valueOf(MARK + "bigint" + MARK));
                variants.put("below-long", TextNode.valueOf(MARK + "negint" + MARK));
                variants.put("negative", NODES.numberNode(-1));
                variants.put("fraction", NODES.numberNode(1.5));
                variants.put("long-max", NODES.numberNode(Long.MAX_VALUE));
            }
            if (current.isTextual() && !megabyteSent) {
                variants.put("megabyte-string", TextNode.valueOf("m".repeat(1_000_000)));
                megabyteSent = true;
            } else if (current.isTextual()) {
                variants.put("long-string", TextNode.valueOf("l".repeat(10_000)));
            }
            for (Map.Entry<String, JsonNode> v : variants.entrySet()) {
                out.add(json(where + " as " + v.getKey(), replace(base, path, v.getValue())));
            }
            if (path.getLast() instanceof String) {
                out.add(json(where + " removed", replace(base, path, null)));
                JsonNode withExtra = base.deepCopy();
                JsonNode parent = at(withExtra, path.subList(0, path.size() - 1));
                ((ObjectNode) parent).put("zz_unexpected_member", 1);
                out.add(json(where + " with an extra sibling", withExtra));
            }
        }
        out.addAll(wholeBody(base));
        return out;
    }

    private List<Body> wholeBody(JsonNode base) {
        List<Body> out = new ArrayList<>();
        String text = base.toString();
        out.add(raw("nested 10,000 arrays deep", "[".repeat(10_000) + "]".repeat(10_000)));
        out.add(raw("nested 10,000 objects deep", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        if (base instanceof ObjectNode o && o.size() > 0) {
            String first = o.fieldNames().next();
            out.add(raw("duplicate key " + first, "{\"" + first + "\":" + o.get(first) + "," + text.substring(1)));
            out.add(raw("nested member 10,000 deep", "{\"" + first + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        }
        out.add(raw("empty body", ""));
        out.add(raw("JSON null", "null"));
        out.add(raw("JSON array", "[" + text + "]"));
        out.add(raw("JSON string", "\"" + "x".repeat(10) + "\""));
        out.add(raw("JSON number", "1e400"));
        out.add(raw("trailing garbage", text + " x"));
        out.add(raw("truncated", text.substring(0, Math.max(0, text.length() / 2))));
        out.add(raw("byte order mark", "\uFEFF" + text));
        out.add(raw("surrogate member name", "{\"\\ud800\":1}"));
        out.add(raw("NUL member name", "{\"a\\u0000\":1}"));
        out.add(new Body("invalid UTF-8", "application/json", concat("{\"a\":\"", new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}")));
        out.add(new Body("surrogate as UTF-8 bytes", "application/json",
                concat("{\"a\":\"", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "\"}")));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.add(new Body("content type text/plain", "text/plain", utf8));
        out.add(new Body("content type application/xml", "application/xml", utf8));
        out.add(new Body("no content type", null, utf8));
        out.add(new Body("content type with a bogus charset", "application/json; charset=x-bogus", utf8));
        out.add(new Body("UTF-16 body", "application/json; charset=utf-16", text.getBytes(StandardCharsets.UTF_16)));
        return out;
    }

    private static Body raw(String label, String json) {
        return new Body(label, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Body json(String label, JsonNode body) {
        String text = body.toString();
        for (Map.Entry<String, String> s : SPLICES.entrySet()) {
            text = text.replace("\"" + s.getKey() + "\"", s.getValue());
        }
        return raw(label, text);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }

    /** Paths (member names and indexes) of every node below the root, breadth first by depth. */
    private static void collect(JsonNode node, List<Object> prefix, List<List<Object>> out) {
        if (prefix.size() >= MAX_DEPTH) {
            return;
        }
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                List<Object> p = new ArrayList<>(prefix);
                p.add(name);
                out.add(p);
                collect(o.get(name), p, out);
            });
        } else if (node instanceof ArrayNode a && !a.isEmpty()) {
            List<Object> p = new ArrayList<>(prefix);
            p.add(0);
            out.add(p);
            collect(a.get(0), p, out);
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) {
            n = step instanceof String s ? n.get(s) : n.get((Integer) step);
        }
        return n;
    }

    /** A copy of {@code root} with the node at {@code path} replaced ({@code null} removes a member). */
    private static JsonNode replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        if (parent instanceof ObjectNode o) {
            if (value == null) {
                o.remove((String) last);
            } else {
                o.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode a) {
            a.set((Integer) last, value == null ? NODES.nullNode() : value);
        }
        return copy;
    }

    private static String render(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            if (step instanceof String s) {
                sb.append(sb.isEmpty() ? "" : ".").append(s);
            } else {
                sb.append('[').append(step).append(']');
            }
        }
        return sb.toString();
    }

    /** Hostile values for a path parameter, already percent-encoded where that is the point. */
    static List<String> pathValues() {
        return List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f", "%00", "a%00b", "%ED%A0%80",
                "%ff", "%C0%AE%C0%AE", "x".repeat(2_000), "%E2%80%AE", "a%20b", "%u002e", "~", "'%3B--", "%7B%7D");
    }

    /** Hostile values for a query parameter (percent-encoded). */
    static List<String> queryValues() {
        return List.of("", "%00", "a%00", "%ED%A0%80", "%ff", "..%2F..", "-1", "0", "99999999999999999999999",
                "1e400", "x".repeat(4_000), "%2e%2e", "true", "%5B%5D");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
