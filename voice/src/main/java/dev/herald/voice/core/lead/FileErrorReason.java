package dev.herald.voice.core.lead;

/** Why a whole import was refused, before any row was kept. A closed set. */
public enum FileErrorReason {
    EMPTY("empty"),
    TOO_LARGE("too_large"),
    INVALID_ENCODING("invalid_encoding"),
    TOO_MANY_ROWS("too_many_rows"),
    /** CSV: a quoted field is never closed, so every later row would be swallowed. */
    UNTERMINATED_QUOTE("unterminated_quote"),
    /** CSV: no column maps to the phone field. */
    MISSING_PHONE_COLUMN("missing_phone_column"),
    /** CSV: two columns map to the same lead field (or the same custom field). */
    DUPLICATE_COLUMN("duplicate_column"),
    MALFORMED_JSON("malformed_json"),
    NOT_AN_ARRAY("not_an_array");

    private final String wire;

    FileErrorReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
