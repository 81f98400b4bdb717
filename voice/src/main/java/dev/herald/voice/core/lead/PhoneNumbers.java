package dev.herald.voice.core.lead;

import java.util.Objects;

/**
 * Strict E.164 normalization, with no numbering-plan library. The rules, in the order applied:
 * <ol>
 *   <li>Blank input is {@code empty}.</li>
 *   <li>Visual separators are dropped: spaces (including no-break and thin spaces), {@code -},
 *       {@code .}, {@code /} and parentheses. A parenthesized {@code (0)} right after the
 *       country code is a national trunk prefix and is refused, not dropped.</li>
 *   <li>The number must start with {@code +} ({@code missing_plus}); a {@code 00} or {@code 011}
 *       international prefix or a national number is refused, because which country it means
 *       depends on where it was dialled from.</li>
 *   <li>After the {@code +} only ASCII digits ({@code invalid_character}); extensions are not
 *       accepted.</li>
 *   <li>The first digit is 1-9 ({@code invalid_country_code}); 8 to 15 digits in total
 *       ({@code too_short}, {@code too_long}).</li>
 *   <li>The country code is 1-3 digits, found by ITU's prefix-free assignment
 *       ({@link CountryCodes}). The national number may not start with 0 ({@code trunk_prefix}),
 *       except in Italy, San Marino and Vatican City, whose numbers keep it.</li>
 *   <li>For +1 the national number is exactly 10 digits whose area code and exchange start with
 *       2-9 ({@code invalid_nanp}).</li>
 * </ol>
 */
public final class PhoneNumbers {

    private PhoneNumbers() {}

    /** The outcome of parsing: a canonical number or the reason it was refused. */
    public sealed interface Result {
        record Valid(PhoneNumber number) implements Result {}

        record Invalid(PhoneRejection reason) implements Result {}
    }

    public static Result parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String input = raw.strip();
        if (input.isEmpty()) {
            return invalid(PhoneRejection.EMPTY);
        }
        if (input.charAt(0) != '+') {
            return invalid(PhoneRejection.MISSING_PLUS);
        }
        if (input.replace(" ", "").contains("(0)")) {
            return invalid(PhoneRejection.TRUNK_PREFIX);
        }
        StringBuilder digits = new StringBuilder(16);
        for (int i = 1; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!isSeparator(c)) {
                return invalid(PhoneRejection.INVALID_CHARACTER);
            }
        }
        if (digits.isEmpty()) {
            return invalid(PhoneRejection.TOO_SHORT);
        }
        if (digits.charAt(0) == '0') {
            return invalid(PhoneRejection.INVALID_COUNTRY_CODE);
        }
        if (digits.length() < 8) {
            return invalid(PhoneRejection.TOO_SHORT);
        }
        if (digits.length() > 15) {
            return invalid(PhoneRejection.TOO_LONG);
        }
        String all = digits.toString();
        String countryCode = CountryCodes.of(all);
        String national = all.substring(countryCode.length());
        if (countryCode.equals("1")) {
            if (!validNanp(national)) {
                return invalid(PhoneRejection.INVALID_NANP);
            }
        } else if (national.startsWith("0") && !CountryCodes.keepsLeadingZero(countryCode)) {
            return invalid(PhoneRejection.TRUNK_PREFIX);
        }
        return new Result.Valid(new PhoneNumber("+" + all));
    }

    /** Parses or throws {@link IllegalArgumentException} naming the reason. */
    public static PhoneNumber require(String raw) {
        return switch (parse(raw)) {
            case Result.Valid v -> v.number();
            case Result.Invalid i -> throw new IllegalArgumentException("invalid phone number (" + i.reason().wire() + ")");
        };
    }

    private static boolean validNanp(String national) {
        return national.length() == 10 && national.charAt(0) >= '2' && national.charAt(3) >= '2';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'
                || c == '\u00A0' || c == '\u2009' || c == '\u202F';
    }

    private static Result invalid(PhoneRejection reason) {
        return new Result.Invalid(reason);
    }
}
