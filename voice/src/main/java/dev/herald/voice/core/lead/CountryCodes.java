package dev.herald.voice.core.lead;

import java.util.Set;

/**
 * Splits an international number into its ITU-T E.164 country code. Country codes are prefix-free:
 * 1 and 7 are the only one-digit codes, the two-digit codes are listed below, and every other
 * code has three digits. That is enough to find the national number without a numbering plan per
 * country.
 */
final class CountryCodes {
    private static final Set<String> TWO_DIGIT = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
            "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
            "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    /** Countries whose international format keeps the leading 0 of the national number. */
    private static final Set<String> KEEPS_LEADING_ZERO = Set.of("39", "378", "379");

    private CountryCodes() {}

    /** The country code at the start of {@code digits} (the number without its {@code +}). */
    static String of(String digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return digits.substring(0, 1);
        }
        String two = digits.substring(0, Math.min(2, digits.length()));
        if (TWO_DIGIT.contains(two)) {
            return two;
        }
        return digits.substring(0, Math.min(3, digits.length()));
    }

    static boolean keepsLeadingZero(String countryCode) {
        return KEEPS_LEADING_ZERO.contains(countryCode);
    }
}
