package dev.herald.platform.domain;

import java.util.List;

/** The input was read but its content is not acceptable; names every invalid field at once. */
public final class Invalid extends DomainException {
    private final List<FieldError> errors;

    public Invalid(List<FieldError> errors) {
        super(summary(errors), null);
        this.errors = List.copyOf(errors);
    }

    public Invalid(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one field error");
        }
        FieldError first = errors.getFirst();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return first.field() + ": " + first.reason() + more;
    }
}
