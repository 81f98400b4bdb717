package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a metrics request, and which zones the quarter-hour rollups can count days in. */
class MetricsQueryTest {
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static MetricsQuery read(Map<String, String> params) {
        return MetricsQuery.from(params::get, NOW, java.time.ZoneId.of("UTC"));
    }

    @Test
    void defaultsAreTheLast30DaysUngroupedInUtc() {
        MetricsQuery q = read(Map.of());
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(Duration.between(q.from(), q.to())).isEqualTo(Duration.ofDays(30));
        assertThat(q.groupBy()).isNull();
        assertThat(q.timeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aFromInTheFutureWithoutToNamesFrom() {
        assertThatThrownBy(() -> read(Map.of("from", "2026-07-01T00:00:00Z")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("from"));
    }

    @Test
    void everyZoneInUseTodayCountsDaysInQuarterHours_aHistoricalLocalMeanTimeDoesNot() {
        for (String zone : new String[] {"UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe",
                "Asia/Kolkata", "Pacific/Chatham"}) {
            MetricsQuery q = read(Map.of("group_by", "day", "time_zone", zone));
            assertThat(CallMetrics.quarterHoursFit(q)).as(zone).isTrue();
        }
        // Liberia kept -00:44:30 until 1972: its days did not start on a quarter hour.
        MetricsQuery old = read(Map.of("from", "1960-01-01T00:00:00Z", "to", "1960-12-31T00:00:00Z",
                "group_by", "day", "time_zone", "Africa/Monrovia"));
        assertThat(CallMetrics.quarterHoursFit(old)).isFalse();
    }

    @Test
    void localDaysAreOneSqlBranchPerStretchOfConstantOffset() {
        MetricsQuery ny = read(Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-04-01T00:00:00Z",
                "time_zone", "America/New_York"));
        // One change (08 March, 07:00 UTC): before it -5 h, after it -4 h.
        assertThat(CallMetrics.localDay(ny, "created_at")).isEqualTo(
                "CASE WHEN created_at < 1772953200000 THEN (created_at + -18000000) / 86400000"
                        + " ELSE (created_at + -14400000) / 86400000 END");
        MetricsQuery utc = read(Map.of("time_zone", "UTC"));
        assertThat(CallMetrics.localDay(utc, "bucket")).isEqualTo("(bucket + 0) / 86400000");
    }
}
