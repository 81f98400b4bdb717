package dev.herald.voice.core.lead;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lead fields an import can fill, each with the column names (aliases) that map onto it.
 * Headers are matched after {@link #normalize}: lower case, runs of anything but letters and digits
 * turned into one underscore ("Phone Number" and "phone-number" both become {@code phone_number}).
 * Columns that match nothing become custom fields.
 */
public enum LeadField {
    NAME("name", "full_name", "contact_name", "contact"),
    FIRST_NAME("first_name", "firstname", "given_name"),
    LAST_NAME("last_name", "lastname", "surname", "family_name"),
    PHONE("phone", "phone_number", "phonenumber", "mobile", "mobile_phone", "cell", "cell_phone",
            "telephone", "tel", "number", "e164"),
    EMAIL("email", "email_address", "e_mail", "mail"),
    COMPANY("company", "company_name", "organization", "organisation", "account", "account_name"),
    TIME_ZONE("time_zone", "timezone", "tz", "iana_time_zone"),
    CONSENT("consent", "call_consent", "consent_to_call", "consented"),
    DO_NOT_CALL("do_not_call", "dnc", "donotcall", "opted_out"),
    STATUS("status", "lead_status", "stage"),
    OWNER("owner", "owner_email", "assigned_to", "lead_owner"),
    /** JSON only: an object of extra fields. */
    CUSTOM_FIELDS("custom_fields", "custom");

    private static final Map<String, LeadField> BY_ALIAS = new HashMap<>();

    static {
        for (LeadField field : values()) {
            for (String alias : field.aliases) {
                BY_ALIAS.put(alias, field);
            }
        }
    }

    private final List<String> aliases;

    LeadField(String... aliases) {
        this.aliases = List.of(aliases);
    }

    /** The field's name on the wire and in row errors. */
    public String wire() {
        return aliases.getFirst();
    }

    public List<String> aliases() {
        return aliases;
    }

    public static Optional<LeadField> forHeader(String header) {
        return Optional.ofNullable(BY_ALIAS.get(normalize(header)));
    }

    /** Lower case, trimmed, each run of characters other than letters and digits made one underscore. */
    public static String normalize(String header) {
        String lower = header.strip().toLowerCase(Locale.ROOT);
        String snake = lower.replaceAll("[^\\p{L}\\p{N}]+", "_");
        return snake.replaceAll("^_+|_+$", "");
    }
}
