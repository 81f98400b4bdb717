package dev.herald.platform.domain;

/** One invalid field: a JSON path such as {@code name} or {@code items[2].amount}, and why. */
public record FieldError(String field, String reason) {
}
