package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.http.FieldCheck;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.Pacing;
import dev.herald.voice.core.campaign.RetryPolicy;
import dev.herald.voice.core.campaign.RetryRule;
import dev.herald.voice.core.compliance.CallingWindow;
import dev.herald.voice.core.compliance.CompliancePolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/voice/campaigns} (the MCP tool {@code run_voice_qualifier}), and
 * its field checks: every bad field is reported at once, by its JSON path.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateCampaign(List<String> leadIds, String name, String objective, String profileId,
                             String calendarConnectorId, Integer maxConcurrentCalls, Integer callsPerMinute,
                             CallingWindowJson callingWindow, RetryJson retry, String startAt) {
    /** The most leads one campaign takes (the "10,000 leads in one request"). */
    public static final int MAX_LEADS = 10_000;
    static final int DEFAULT_MAX_CONCURRENT = CompliancePolicy.DEFAULT_CAMPAIGN_CONCURRENCY;
    static final int DEFAULT_CALLS_PER_MINUTE = 10;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern OBJECTIVE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** Checks the body's own fields (not yet what they refer to), adding each problem to {@code check}. */
    CampaignSpec check(FieldCheck check) {
        List<String> leads = checkLeads(check);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            check.fail("name", "must be 1 to 200 characters");
        }
        if (objective == null || objective.isBlank()) {
            check.fail("objective", "is required");
        } else if (!OBJECTIVE.matcher(objective).matches()) {
            check.fail("objective", "must be an objective name like qualify_for_demo (lower-case letters, digits, '_')");
        }
        checkId(check, "profile_id", profileId, true);
        checkId(check, "calendar_connector_id", calendarConnectorId, false);
        int concurrent = maxConcurrentCalls == null ? DEFAULT_MAX_CONCURRENT : maxConcurrentCalls;
        if (concurrent < 1 || concurrent > 1000) {
            check.fail("max_concurrent_calls", "must be an integer from 1 to 1000");
        }
        int perMinute = callsPerMinute == null ? DEFAULT_CALLS_PER_MINUTE : callsPerMinute;
        if (perMinute < 1 || perMinute > 6000) {
            check.fail("calls_per_minute", "must be an integer from 1 to 6000");
        }
        CallingWindowJson window = checkWindow(check);
        RetryPolicy policy = checkRetry(check);
        Instant start = checkStart(check);
        if (!check.ok()) {
            return null;
        }
        return new CampaignSpec(name, leads, profileId, objective, calendarConnectorId,
                new Pacing(concurrent, perMinute), policy, window.window(), window.zones(), start);
    }

    private List<String> checkLeads(FieldCheck check) {
        if (leadIds == null || leadIds.isEmpty()) {
            check.fail("lead_ids", "must list 1 to " + MAX_LEADS + " lead ids");
            return List.of();
        }
        if (leadIds.size() > MAX_LEADS) {
            check.fail("lead_ids", "must list at most " + MAX_LEADS + " lead ids, got " + leadIds.size());
            return List.of();
        }
        Map<String, Integer> first = new HashMap<>();
        int reported = 0;
        for (int i = 0; i < leadIds.size() && reported < 100; i++) {
            String id = leadIds.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                check.fail("lead_ids[" + i + "]", "must be a lead id");
                reported++;
                continue;
            }
            Integer earlier = first.putIfAbsent(id, i);
            if (earlier != null) {
                check.fail("lead_ids[" + i + "]", "repeats lead_ids[" + earlier + "]");
                reported++;
            }
        }
        return leadIds;
    }

    private static void checkId(FieldCheck check, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                check.fail(field, "is required");
            }
        } else if (!ID.matcher(value).matches()) {
            check.fail(field, "must be an id");
        }
    }

    /** The window with defaults filled in (the TCPA 08:00-21:00 every day, no fallback zones). */
    private CallingWindowJson checkWindow(FieldCheck check) {
        CallingWindowJson dflt = CallingWindowJson.of(CallingWindow.TCPA_DEFAULT, List.of());
        if (callingWindow == null) {
            return dflt;
        }
        String start = callingWindow.start() == null ? dflt.start() : callingWindow.start();
        String end = callingWindow.end() == null ? dflt.end() : callingWindow.end();
        boolean times = true;
        for (var f : List.of(Map.entry("calling_window.start", start), Map.entry("calling_window.end", end))) {
            if (!HH_MM.matcher(f.getValue()).matches()) {
                check.fail(f.getKey(), "must be a local time HH:MM (00:00 to 23:59)");
                times = false;
            }
        }
        if (times && !LocalTime.parse(start).isBefore(LocalTime.parse(end))) {
            check.fail("calling_window.end", "must be after calling_window.start (a window does not cross midnight)");
        }
        List<String> days = callingWindow.days() == null ? dflt.days() : callingWindow.days();
        if (days.isEmpty()) {
            check.fail("calling_window.days", "must name at least one day");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            String d = days.get(i) == null ? "" : days.get(i).toLowerCase(Locale.ROOT);
            if (!CallingWindowJson.DAY_NAMES.contains(d)) {
                check.fail("calling_window.days[" + i + "]", "must be one of " + String.join(", ", CallingWindowJson.DAY_NAMES));
            } else if (seen.contains(d)) {
                check.fail("calling_window.days[" + i + "]", "repeats " + d);
            } else {
                seen.add(d);
            }
        }
        List<String> zones = callingWindow.fallbackZones() == null ? List.of() : callingWindow.fallbackZones();
        if (zones.size() > 10) {
            check.fail("calling_window.fallback_zones", "must list at most 10 zones");
        }
        for (int i = 0; i < zones.size(); i++) {
            String z = zones.get(i);
            if (z == null || !z.contains("/")) {
                check.fail("calling_window.fallback_zones[" + i + "]", "must be an IANA time zone like America/New_York");
                continue;
            }
            try {
                ZoneId.of(z);
            } catch (DateTimeException e) {
                check.fail("calling_window.fallback_zones[" + i + "]", "is not a known IANA time zone");
            }
        }
        return new CallingWindowJson(start, end, seen, zones);
    }

    /** The policy: Herald's default rule for every outcome the request leaves out. */
    private RetryPolicy checkRetry(FieldCheck check) {
        Map<CallOutcome, RetryRule> rules = new EnumMap<>(RetryPolicy.defaults().rules());
        if (retry == null) {
            return RetryPolicy.defaults();
        }
        retry.byOutcome().forEach((outcome, rule) -> {
            if (rule == null) {
                return;
            }
            String field = "retry." + outcome.wire();
            RetryRule dflt = rules.get(outcome);
            int max = rule.maxAttempts() == null ? dflt.maxAttempts() : rule.maxAttempts();
            int spacing = rule.spacingMinutes() == null ? (int) dflt.spacing().toMinutes() : rule.spacingMinutes();
            boolean ok = true;
            if (max < 1 || max > 10) {
                check.fail(field + ".max_attempts", "must be an integer from 1 to 10 (dials in total)");
                ok = false;
            }
            if (spacing < 0 || spacing > 7 * 24 * 60) {
                check.fail(field + ".spacing_minutes", "must be an integer from 0 to 10080 (7 days)");
                ok = false;
            }
            if (ok) {
                rules.put(outcome, new RetryRule(max, Duration.ofMinutes(spacing)));
            }
        });
        return new RetryPolicy(rules);
    }

    private Instant checkStart(FieldCheck check) {
        if (startAt == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(startAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            check.fail("start_at", "must be an RFC 3339 date-time with an offset, e.g. 2026-01-05T09:00:00Z");
            return null;
        }
    }
}
