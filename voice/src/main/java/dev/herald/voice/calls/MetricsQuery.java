package dev.herald.voice.calls;

import dev.herald.platform.http.FieldCheck;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * A metrics request: calls created in {@code [from, to)}, optionally grouped, with days counted in
 * {@code timeZone}. Defaults: {@code to} = now, {@code from} = 30 days before {@code to}, no
 * grouping, UTC. The range is at most {@value #MAX_DAYS} days.
 */
public record MetricsQuery(Instant from, Instant to, GroupBy groupBy, ZoneId timeZone) {
    static final int MAX_DAYS = 366;
    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    /** What the counts are split by. */
    public enum GroupBy {
        DAY, PROFILE, CAMPAIGN, DIRECTION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads {@code from}, {@code to}, {@code group_by} and {@code time_zone} ({@code workspaceZone}
     * when absent); every bad one named at once.
     */
    public static MetricsQuery from(Function<String, String> query, Instant now, ZoneId workspaceZone) {
        FieldCheck check = new FieldCheck();
        Instant to = CallFilter.instant(check, "to", query.apply("to"));
        Instant from = CallFilter.instant(check, "from", query.apply("from"));
        GroupBy groupBy = null;
        String rawGroup = query.apply("group_by");
        if (rawGroup != null) {
            groupBy = Arrays.stream(GroupBy.values()).filter(g -> g.wire().equals(rawGroup)).findFirst().orElse(null);
            if (groupBy == null) {
                check.fail("group_by", "must be one of day, profile, campaign, direction");
            }
        }
        ZoneId zone = workspaceZone;
        String rawZone = query.apply("time_zone");
        if (rawZone != null) {
            try {
                zone = ZoneId.of(rawZone);
            } catch (DateTimeException e) {
                check.fail("time_zone", "must be an IANA time zone name like Europe/Berlin, or UTC");
            }
        }
        if (check.ok()) {
            boolean toGiven = to != null;
            if (to == null) {
                to = now;
            }
            if (from == null) {
                from = to.minus(DEFAULT_RANGE);
            }
            if (!from.isBefore(to)) {
                check.fail(toGiven ? "to" : "from", toGiven ? "must be after from" : "must be before to (now by default)");
            } else if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                check.fail("to", "must be at most " + MAX_DAYS + " days after from");
            }
        }
        check.throwIfAny();
        return new MetricsQuery(from, to, groupBy, zone);
    }
}
