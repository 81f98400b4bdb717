package dev.herald.governance.realtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds payment card numbers in transcript text: runs of 13 to 19 digits (single spaces or
 * dashes allowed between digits, as speech-to-text writes them) that pass the Luhn check.
 */
public final class CardNumbers {
    public static final String REDACTION = "[REDACTED:payment_card]";
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private CardNumbers() {}

    public static boolean contains(String text) {
        return !redact(text).equals(text);
    }

    /** {@code text} with every Luhn-valid 13-19 digit number replaced by {@link #REDACTION}. */
    public static String redact(String text) {
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                out.append(text, last, m.start()).append(REDACTION);
                last = m.end();
            }
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
