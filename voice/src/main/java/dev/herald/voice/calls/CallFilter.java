package dev.herald.voice.calls;

import dev.herald.platform.http.FieldCheck;
import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What a call list is narrowed to; every member is optional. {@code from} is inclusive and
 * {@code to} exclusive, both on the call's {@code created_at} (when it was asked for or refused).
 */
public record CallFilter(String leadId, String profileId, CallOutcome outcome, String direction, String campaignId,
                         Instant from, Instant to) {
    /** The directions a call has (the {@code direction} column's closed set). */
    public static final List<String> DIRECTIONS = List.of("inbound", "outbound", "test");
    static final int MAX_ID_LENGTH = 40;

    public static final CallFilter ALL = new CallFilter(null, null, null, null, null, null, null);

    /**
     * Reads the filter from query parameters ({@code lead_id}, {@code profile_id}, {@code outcome},
     * {@code direction}, {@code campaign_id}, {@code from}, {@code to}); every bad one is named in
     * one {@link dev.herald.platform.domain.Invalid}.
     */
    public static CallFilter from(Function<String, String> query) {
        FieldCheck check = new FieldCheck();
        String lead = id(check, "lead_id", query.apply("lead_id"));
        String profile = id(check, "profile_id", query.apply("profile_id"));
        String campaign = id(check, "campaign_id", query.apply("campaign_id"));
        CallOutcome outcome = null;
        String rawOutcome = query.apply("outcome");
        if (rawOutcome != null) {
            outcome = CallOutcome.fromWire(rawOutcome).orElse(null);
            if (outcome == null) {
                check.fail("outcome", "must be one of " + String.join(", ",
                        Arrays.stream(CallOutcome.values()).map(CallOutcome::wire).toList()));
            }
        }
        String direction = query.apply("direction");
        if (direction != null && !DIRECTIONS.contains(direction)) {
            check.fail("direction", "must be one of " + String.join(", ", DIRECTIONS));
        }
        Instant from = instant(check, "from", query.apply("from"));
        Instant to = instant(check, "to", query.apply("to"));
        if (from != null && to != null && !from.isBefore(to)) {
            check.fail("to", "must be after from");
        }
        check.throwIfAny();
        return new CallFilter(lead, profile, outcome, direction, campaign, from, to);
    }

    private static String id(FieldCheck check, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
            check.fail(field, "must be an id of 1 to " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    /** An RFC 3339 time with an offset ({@code Z} or {@code +hh:mm}); fractions of a second are kept. */
    static Instant instant(FieldCheck check, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            check.fail(field, "must be an RFC 3339 time with an offset, like 2026-01-31T09:00:00Z");
            return null;
        }
    }
}
