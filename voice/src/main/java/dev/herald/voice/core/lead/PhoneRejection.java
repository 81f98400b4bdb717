package dev.herald.voice.core.lead;

/** Why {@link PhoneNumbers#parse} refused a number. A closed set; the wire names are stable. */
public enum PhoneRejection {
    EMPTY("empty"),
    /** International form is required: a national number ("(415) 555-0100", "020 7946 0958") is ambiguous. */
    MISSING_PLUS("missing_plus"),
    INVALID_CHARACTER("invalid_character"),
    /** Country codes never start with 0. */
    INVALID_COUNTRY_CODE("invalid_country_code"),
    TOO_SHORT("too_short"),
    TOO_LONG("too_long"),
    /** A national trunk prefix was kept after the country code ("+44 (0)20...", "+44 020..."). */
    TRUNK_PREFIX("trunk_prefix"),
    /** +1 numbers must follow the North American plan: area code and exchange start with 2-9. */
    INVALID_NANP("invalid_nanp");

    private final String wire;

    PhoneRejection(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
