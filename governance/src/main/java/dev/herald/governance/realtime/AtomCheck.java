package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the field errors of one atom batch or interruption body, each with its
 * {@link AtomRejection} code, and throws them together ({@link #throwIfAny}) as a 422, the way
 * {@code FieldCheck} does for record bodies. The readers return null for a member in error, so a
 * caller skips what depends on it and goes on to the next member. Not thread-safe; one per body.
 */
final class AtomCheck {
    /** Errors kept per body: enough to fix a sender, without answering a large body with a larger one. */
    static final int MAX_ERRORS = 100;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,40}");
    private final List<FieldError> errors = new ArrayList<>();

    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void fail(String field, AtomRejection code, String detail) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(field, code.because(detail).wire()));
        }
    }

    boolean ok() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }

    private static JsonNode member(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** A non-blank string member; null (and an error when required) otherwise. */
    String string(ObjectNode node, String path, String name, boolean required) {
        JsonNode v = member(node, name);
        if (v == null || (v.isTextual() && v.textValue().isBlank())) {
            if (required) {
                fail(field(path, name), AtomRejection.MALFORMED, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            fail(field(path, name), AtomRejection.MALFORMED, "must be a string");
            return null;
        }
        return v.textValue();
    }

    /** An optional string member, which may be empty (an absent one is null). */
    String optionalString(ObjectNode node, String path, String name) {
        JsonNode v = member(node, name);
        if (v != null && !v.isTextual()) {
            fail(field(path, name), AtomRejection.MALFORMED, "must be a string");
            return null;
        }
        return v == null ? null : v.textValue();
    }

    ObjectNode object(ObjectNode node, String path, String name, boolean required) {
        JsonNode v = member(node, name);
        if (v == null) {
            if (required) {
                fail(field(path, name), AtomRejection.MALFORMED, "is required");
            }
            return null;
        }
        if (!(v instanceof ObjectNode o)) {
            fail(field(path, name), AtomRejection.MALFORMED, "must be an object");
            return null;
        }
        return o;
    }

    ArrayNode array(ObjectNode node, String path, String name, boolean required) {
        JsonNode v = member(node, name);
        if (v == null) {
            if (required) {
                fail(field(path, name), AtomRejection.MALFORMED, "is required");
            }
            return null;
        }
        if (!(v instanceof ArrayNode a)) {
            fail(field(path, name), AtomRejection.MALFORMED, "must be an array");
            return null;
        }
        return a;
    }

    /** An idempotency key: 1 to 255 visible ASCII characters. */
    String key(ObjectNode node, String path, String name) {
        String key = string(node, path, name, true);
        if (key != null && !KEY.matcher(key).matches()) {
            fail(field(path, name), AtomRejection.INVALID_IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
            return null;
        }
        return key;
    }

    /**
     * Epoch nanoseconds: a JSON integer of any size or a string of decimal digits, never a float
     * (not even {@code 1.0}); returned in canonical decimal form.
     */
    String epochNanos(ObjectNode node, String path, String name) {
        JsonNode v = member(node, name);
        if (v == null) {
            fail(field(path, name), AtomRejection.MALFORMED, "is required");
            return null;
        }
        BigInteger value;
        if (v.isIntegralNumber()) {
            value = v.bigIntegerValue();
        } else if (v.isTextual() && DIGITS.matcher(v.textValue()).matches()) {
            value = new BigInteger(v.textValue());
        } else {
            fail(field(path, name), AtomRejection.INVALID_CAPTURED_AT,
                    "must be epoch nanoseconds as a JSON integer or a string of decimal digits (not a float)");
            return null;
        }
        if (value.signum() < 0) {
            fail(field(path, name), AtomRejection.INVALID_CAPTURED_AT, "must not be negative");
            return null;
        }
        return value.toString();
    }

    /** A non-negative JSON integer that fits a long, when present; {@code required} says whether it must be. */
    void nonNegativeLong(ObjectNode node, String path, String name, boolean required) {
        JsonNode v = member(node, name);
        if (v == null) {
            if (required) {
                fail(field(path, name), AtomRejection.MALFORMED, "is required");
            }
            return;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            fail(field(path, name), AtomRejection.INVALID_NUMBER, "must be a non-negative integer");
        }
    }

    void bool(ObjectNode node, String path, String name) {
        JsonNode v = member(node, name);
        if (v != null && !v.isBoolean()) {
            fail(field(path, name), AtomRejection.MALFORMED, "must be a boolean");
        }
    }

    /** A {@code sha256:<64 lowercase hex>} digest. */
    void digest(ObjectNode node, String path, String name, boolean required) {
        String v = required ? string(node, path, name, true) : optionalString(node, path, name);
        if (v != null && !DIGEST.matcher(v).matches()) {
            fail(field(path, name), AtomRejection.INVALID_DIGEST, "must be 'sha256:' and 64 lowercase hex digits");
        }
    }

    /**
     * Refuses floats anywhere inside {@code value}: everything Herald chains is canonical JSON,
     * whose numbers are integers only. Each error names the exact member.
     */
    void integersOnly(JsonNode value, String path) {
        if (value.isNumber() && !value.isIntegralNumber()) {
            fail(path, AtomRejection.INVALID_NUMBER,
                    "must be an integer (floats are not accepted; send a string or scaled integer)");
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> integersOnly(e.getValue(), field(path, e.getKey())));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                integersOnly(value.get(i), path + "[" + i + "]");
            }
        }
    }
}
