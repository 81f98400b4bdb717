package dev.herald.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects field errors for one request body and throws them together, so a client sees every
 * problem at once. Usage: {@code new FieldCheck().name("name", body.name()).throwIfAny();}
 */
public final class FieldCheck {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private final List<FieldError> errors = new ArrayList<>();

    public FieldCheck fail(String field, String reason) {
        errors.add(new FieldError(field, reason));
        return this;
    }

    public FieldCheck required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            fail(field, "is required");
        }
        return this;
    }

    /** A resource name: 1 to 100 characters, letters, digits, '.', '_' or '-', starting alphanumeric. */
    public FieldCheck name(String field, String value) {
        if (value == null || value.isBlank()) {
            return fail(field, "is required");
        }
        if (!NAME.matcher(value).matches()) {
            fail(field, "must be 1 to 100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return this;
    }

    /** A count or an amount, when present: never negative (Jackson has refused what is not an integer). */
    public FieldCheck nonNegative(String field, Long value) {
        if (value != null && value < 0) {
            fail(field, "must be a non-negative integer");
        }
        return this;
    }

    /** An idempotency key: 1 to 255 visible ASCII characters, the rule of the {@code Idempotency-Key} header. */
    public FieldCheck key(String field, String value) {
        if (value == null || value.isBlank()) {
            return fail(field, "is required");
        }
        if (!KEY.matcher(value).matches()) {
            fail(field, "must be 1 to 255 visible ASCII characters");
        }
        return this;
    }

    /**
     * No float anywhere inside {@code value} (absent is fine): what Herald chains is canonical JSON,
     * whose numbers are integers only. Each float is named by its own path.
     */
    public FieldCheck integersOnly(String field, JsonNode value) {
        if (value == null) {
            return this;
        }
        if (value.isNumber() && !value.isIntegralNumber()) {
            fail(field, "must be an integer (floats are not accepted; send a string or scaled integer)");
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> integersOnly(field.isEmpty() ? e.getKey() : field + "." + e.getKey(),
                    e.getValue()));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                integersOnly(field + "[" + i + "]", value.get(i));
            }
        }
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
