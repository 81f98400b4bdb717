package dev.herald.voice.core.lead;

/** Why one imported row (or one of its fields) was refused. A closed set with stable wire names. */
public enum RowErrorReason {
    REQUIRED("required"),
    INVALID_PHONE("invalid_phone"),
    INVALID_EMAIL("invalid_email"),
    INVALID_TIME_ZONE("invalid_time_zone"),
    INVALID_BOOLEAN("invalid_boolean"),
    INVALID_CONSENT("invalid_consent"),
    INVALID_STATUS("invalid_status"),
    TOO_LONG("too_long"),
    TOO_MANY_CUSTOM_FIELDS("too_many_custom_fields"),
    /** The row's phone number already appeared on an earlier row of the same import. */
    DUPLICATE_PHONE("duplicate_phone"),
    /** CSV: the row has a different number of fields than the header. */
    COLUMN_COUNT("column_count"),
    /** CSV: a quote inside an unquoted field, or text after a closing quote. */
    MALFORMED_QUOTE("malformed_quote"),
    /** JSON: the array element is not an object. */
    NOT_AN_OBJECT("not_an_object"),
    /** JSON: a field holds an object or array where a scalar belongs. */
    INVALID_TYPE("invalid_type");

    private final String wire;

    RowErrorReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
