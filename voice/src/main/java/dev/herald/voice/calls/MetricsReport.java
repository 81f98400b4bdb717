package dev.herald.voice.calls;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/voice/metrics} answers: the totals over the range and, when grouped, one
 * {@link Group} per day (every local day of the range, empty ones included), profile, campaign
 * (key null for calls of no campaign) or direction.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricsReport(Instant from, Instant to, String timeZone, String groupBy, Counts totals,
                            List<Group> groups) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Group(String key, Counts metrics) {
    }

    /**
     * Counts and rates of a set of calls. {@code dialled}: calls that reached the network (dialled
     * or answered); {@code answered}: the callee picked up; {@code connect_rate} = answered / dialled,
     * {@code qualified_rate} = qualified / answered (null when the divisor is 0, rounded to 4 places);
     * {@code average_duration_ms}: the mean talk time of answered calls that have one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Counts(long calls, long refused, long dialled, long answered, long qualified, long meetingsBooked,
                         Double connectRate, Double qualifiedRate, Long averageDurationMs, Map<String, Long> outcomes) {
    }
}
