package dev.herald.platform.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Caps client input that a problem document echoes back, so a megabyte-long id or field name
 * comes back as its first characters and an ellipsis rather than whole. Applied once, when a
 * problem is written ({@link Problem#capped()}), so no message site has to remember it.
 */
public final class Echo {
    /** Longest quoted value kept in a detail, in characters. */
    public static final int MAX_VALUE = 64;
    /** Longest field name, reason or instance path kept. */
    public static final int MAX_TEXT = 200;
    /** Longest detail kept, after quoted values are shortened. */
    public static final int MAX_DETAIL = 600;
    private static final String ELLIPSIS = "\u2026";
    /** A single-quoted value longer than MAX_VALUE (possessive: no backtracking on huge inputs). */
    private static final Pattern LONG_QUOTED = Pattern.compile("'([^']{" + MAX_VALUE + "})[^']++'");

    private Echo() {
    }

    /** {@code text} cut to {@code max} characters (never inside a surrogate pair), with an ellipsis if cut. */
    public static String cap(String text, int max) {
        String clean = InputText.printable(text);
        return clean == null || clean.length() <= max ? clean : cut(clean, max);
    }

    private static String cut(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + ELLIPSIS;
    }

    /** A detail message with each long quoted value shortened, then capped as a whole. */
    public static String detail(String detail) {
        String clean = InputText.printable(detail);
        if (clean == null || clean.length() <= MAX_VALUE + 2) {
            return clean;
        }
        Matcher m = LONG_QUOTED.matcher(clean);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("'" + cut(m.group(1), MAX_VALUE) + "'"));
        }
        m.appendTail(sb);
        return cap(sb.toString(), MAX_DETAIL);
    }
}
