package dev.herald.voice.core.profile;

import java.util.List;

/** A profile (or the result of a patch) failed validation; carries every field error. */
public final class InvalidProfileException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidProfileException(List<FieldError> errors) {
        super("invalid profile: " + errors.stream().map(e -> e.field() + " " + e.reason().wire()).toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
