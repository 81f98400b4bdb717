package dev.herald.voice.core.lead;

import java.util.Objects;

/**
 * One problem with one row. {@code row} is what a person sees: for CSV the spreadsheet row (the
 * header is row 1, so the first data row is row 2; blank lines count), for JSON the 1-based index in
 * the array. {@code field} is the lead field's wire name ({@code custom_fields.<key>} for a custom
 * field, {@code row} when the whole row is malformed); {@code detail} is a short human explanation
 * (for phones, the {@link PhoneRejection} wire name).
 */
public record RowError(int row, String field, RowErrorReason reason, String detail) {
    public RowError {
        if (row < 1) {
            throw new IllegalArgumentException("row must be >= 1");
        }
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
