package dev.herald.platform.http;

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

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
