package dev.herald.platform.http;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reading of a JSON object tree with errors that name the field by its JSON path
 * ({@code events[3].captured_at_ns}). Request bodies are read as records through
 * {@link JsonBody}; this is for the few trees that must stay raw (an atom's signed payload).
 * Every failure is a 422 {@link Invalid}; unreadable JSON is a 400 before this class is reached.
 */
public final class JsonFields {
    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Reads the request body of {@code ctx} as a JSON object. */
    public static JsonFields body(Context ctx, JsonBody json) {
        JsonBody.requireJson(ctx);
        return parse(ctx.bodyAsBytes(), json);
    }

    /** Reads {@code body} as a JSON object (a 400 when it is not JSON or not an object). */
    public static JsonFields parse(byte[] body, JsonBody json) {
        JsonNode tree = json.parse(body, JsonNode.class);
        if (!(tree instanceof ObjectNode object)) {
            throw new Problems.BadRequest("request body must be a JSON object");
        }
        return new JsonFields(object, "");
    }

    public static JsonFields of(ObjectNode node, String path) {
        return new JsonFields(node, path);
    }

    public ObjectNode node() {
        return node;
    }

    public String path() {
        return path;
    }

    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public JsonNode raw(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** Fails with 422 on any member not in {@code allowed}. */
    public JsonFields only(java.util.Set<String> allowed) {
        List<FieldError> errors = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!allowed.contains(n)) {
                errors.add(new FieldError(field(n), "unknown field"));
            }
        });
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return this;
    }

    public JsonFields object(String name) {
        JsonFields o = optionalObject(name);
        if (o == null) {
            throw new Invalid(field(name), "is required");
        }
        return o;
    }

    public JsonFields optionalObject(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof ObjectNode o)) {
            throw new Invalid(field(name), "must be an object");
        }
        return new JsonFields(o, field(name));
    }

    public ArrayNode array(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            throw new Invalid(field(name), "is required");
        }
        if (!(v instanceof ArrayNode a)) {
            throw new Invalid(field(name), "must be an array");
        }
        return a;
    }

    public ArrayNode optionalArray(String name) {
        return has(name) ? array(name) : null;
    }

    public String string(String name) {
        String s = optionalString(name);
        if (s == null || s.isBlank()) {
            throw new Invalid(field(name), "is required");
        }
        return s;
    }

    public String optionalString(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Invalid(field(name), "must be a string");
        }
        return v.textValue();
    }

    /** A non-negative JSON integer that fits a long; {@code fallback} when absent (null = required). */
    public long nonNegativeLong(String name, Long fallback) {
        JsonNode v = raw(name);
        if (v == null) {
            if (fallback == null) {
                throw new Invalid(field(name), "is required");
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new Invalid(field(name), "must be a non-negative integer");
        }
        return v.longValue();
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new Invalid(field(name), "must be a boolean");
        }
        return v.booleanValue();
    }

    /**
     * An epoch-nanosecond value: a JSON integer of any size or a string of decimal digits. Floats
     * (even {@code 1.0}) and anything else are refused. Returned in canonical decimal form.
     */
    public String epochNanos(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            throw new Invalid(field(name), "is required");
        }
        BigInteger value;
        if (v.isIntegralNumber()) {
            value = v.bigIntegerValue();
        } else if (v.isTextual() && v.textValue().matches("[0-9]{1,40}")) {
            value = new BigInteger(v.textValue());
        } else {
            throw new Invalid(field(name),
                    "must be epoch nanoseconds as a JSON integer or a string of decimal digits (not a float)");
        }
        if (value.signum() < 0) {
            throw new Invalid(field(name), "must not be negative");
        }
        return value.toString();
    }

    /**
     * Refuses floats anywhere inside {@code value}: everything Herald chains is canonical JSON,
     * whose numbers are integers only. The error names the exact member.
     */
    public static void requireIntegers(JsonNode value, String path) {
        if (value == null) {
            return;
        }
        if (value.isNumber() && !value.isIntegralNumber()) {
            throw new Invalid(path, "must be an integer (floats are not accepted; send a string or scaled integer)");
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> requireIntegers(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                requireIntegers(value.get(i), path + "[" + i + "]");
            }
        }
    }
}
