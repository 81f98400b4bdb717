package dev.herald.voice.core.profile;

import java.util.Objects;

/** One refused field; {@code field} is a path such as {@code objectives[0].questions[2].prompt}. */
public record FieldError(String field, ProfileErrorReason reason, String detail) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
