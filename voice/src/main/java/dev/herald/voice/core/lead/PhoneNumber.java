package dev.herald.voice.core.lead;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in canonical E.164 form: {@code +} then 8 to 15 digits, the first not 0. Build it
 * from user input with {@link PhoneNumbers#parse}, which applies the full rule set; this record only
 * holds numbers already in canonical form.
 */
public record PhoneNumber(String e164) {
    private static final Pattern CANONICAL = Pattern.compile("\\+[1-9][0-9]{7,14}");

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!CANONICAL.matcher(e164).matches()) {
            throw new IllegalArgumentException("not a canonical E.164 number: " + e164);
        }
    }

    /** The ITU country calling code (1 to 3 digits). */
    public String countryCode() {
        return CountryCodes.of(e164.substring(1));
    }

    /** The national significant number: the digits after the country code. */
    public String nationalNumber() {
        return e164.substring(1 + countryCode().length());
    }

    @Override
    public String toString() {
        return e164;
    }
}
