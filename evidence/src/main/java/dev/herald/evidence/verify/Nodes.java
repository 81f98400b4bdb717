package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Null-safe reads from an untrusted JSON tree. */
final class Nodes {
    private Nodes() {}

    static String text(JsonNode parent, String member) {
        JsonNode node = parent == null ? null : parent.get(member);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** Integral member value, or null when absent or not an integer that fits in a long. */
    static Long integer(JsonNode parent, String member) {
        JsonNode node = parent == null ? null : parent.get(member);
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    static Instant instant(JsonNode parent, String member) {
        String text = text(parent, member);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean textEquals(JsonNode parent, String member, String expected) {
        String actual = text(parent, member);
        return actual != null && actual.equals(expected);
    }
}
