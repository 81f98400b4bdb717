package dev.herald.voice.calls;

import dev.herald.platform.store.Database;
import dev.herald.voice.core.call.CallOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Call metrics aggregated by the database in one query: counts, connect and qualified rates, mean
 * talk time and meetings booked over a range of {@code created_at}, in total and per day, profile,
 * campaign or direction. Local days follow the requested zone's offset changes (a 23- or 25-hour
 * day around a daylight-saving change is one day). Thread-safe.
 */
public final class CallMetrics {
    private static final long DAY_MS = 86_400_000L;
    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    private final Database db;

    public CallMetrics(Database db) {
        this.db = db;
    }

    public MetricsReport report(String workspaceId, MetricsQuery q) {
        String key = q.groupBy() == null ? "''" : switch (q.groupBy()) {
            case DAY -> localDay(q);
            case PROFILE -> "profile_id";
            case CAMPAIGN -> "campaign_id";
            case DIRECTION -> "direction";
        };
        StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS k, COUNT(*) AS calls, ")
                .append("SUM(CASE WHEN status = 'refused' THEN 1 ELSE 0 END) AS refused, ")
                .append("SUM(CASE WHEN dialled_at IS NOT NULL OR answered_at IS NOT NULL THEN 1 ELSE 0 END) AS dialled, ")
                .append("SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered, ")
                .append("SUM(CASE WHEN qualified = 1 THEN 1 ELSE 0 END) AS qualified, ")
                .append("SUM(meeting_booked) AS meetings, ")
                .append("SUM(CASE WHEN answered_at IS NOT NULL THEN duration_ms END) AS talk_ms, ")
                .append("SUM(CASE WHEN answered_at IS NOT NULL AND duration_ms IS NOT NULL THEN 1 ELSE 0 END) AS timed");
        for (int i = 0; i < OUTCOMES.length; i++) {
            sql.append(", SUM(CASE WHEN outcome = '").append(OUTCOMES[i].wire()).append("' THEN 1 ELSE 0 END) AS o")
                    .append(i);
        }
        sql.append(" FROM voice_calls WHERE workspace_id = :ws AND created_at >= :from AND created_at < :to");
        if (q.groupBy() != null) {
            sql.append(" GROUP BY 1");
        }
        List<Sums> rows = db.read(h -> h.createQuery(sql.toString()).bind("ws", workspaceId)
                .bind("from", q.from().toEpochMilli()).bind("to", q.to().toEpochMilli())
                .map((rs, c) -> sums(rs)).list());
        Sums total = new Sums(null);
        rows.forEach(total::add);
        List<MetricsReport.Group> groups = null;
        if (q.groupBy() == MetricsQuery.GroupBy.DAY) {
            groups = days(q, rows);
        } else if (q.groupBy() != null) {
            groups = rows.stream()
                    .sorted((a, b) -> a.key == null ? (b.key == null ? 0 : 1) : b.key == null ? -1 : a.key.compareTo(b.key))
                    .map(s -> new MetricsReport.Group(s.key, s.counts())).toList();
        }
        return new MetricsReport(q.from(), q.to(), q.timeZone().getId(), q.groupBy() == null ? null : q.groupBy().wire(),
                total.counts(), groups);
    }

    /** Every local day the range touches, in order, with zeros for days without calls. */
    private static List<MetricsReport.Group> days(MetricsQuery q, List<Sums> rows) {
        Map<String, Sums> byDay = new HashMap<>();
        rows.forEach(r -> byDay.put(LocalDate.ofEpochDay(Long.parseLong(r.key)).toString(), r));
        LocalDate first = LocalDate.ofInstant(q.from(), q.timeZone());
        LocalDate last = LocalDate.ofInstant(q.to().minusMillis(1), q.timeZone());
        List<MetricsReport.Group> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Sums s = byDay.getOrDefault(d.toString(), new Sums(d.toString()));
            out.add(new MetricsReport.Group(d.toString(), s.counts()));
        }
        return out;
    }

    /**
     * The local epoch day of {@code created_at} as SQL: integer division after adding the zone's
     * offset, with one branch per stretch of constant offset in the range (the numbers are computed
     * here, never taken from the request).
     */
    static String localDay(MetricsQuery q) {
        ZoneRules rules = q.timeZone().getRules();
        StringBuilder sql = new StringBuilder("CASE");
        Instant at = q.from();
        while (true) {
            long offsetMs = rules.getOffset(at).getTotalSeconds() * 1000L;
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(q.to())) {
                String day = "(created_at + " + offsetMs + ") / " + DAY_MS;
                return at.equals(q.from()) ? day : sql.append(" ELSE ").append(day).append(" END").toString();
            }
            sql.append(" WHEN created_at < ").append(next.getInstant().toEpochMilli()).append(" THEN (created_at + ")
                    .append(offsetMs).append(") / ").append(DAY_MS);
            at = next.getInstant();
        }
    }

    private static Sums sums(ResultSet rs) throws SQLException {
        Object k = rs.getObject("k");
        Sums s = new Sums(k == null ? null : k.toString());
        s.calls = rs.getLong("calls");
        s.refused = rs.getLong("refused");
        s.dialled = rs.getLong("dialled");
        s.answered = rs.getLong("answered");
        s.qualified = rs.getLong("qualified");
        s.meetings = rs.getLong("meetings");
        s.talkMs = rs.getLong("talk_ms");
        s.timed = rs.getLong("timed");
        for (int i = 0; i < OUTCOMES.length; i++) {
            s.outcomes[i] = rs.getLong("o" + i);
        }
        return s;
    }

    /** Sums of one group (mutable while rows are added up; local to one report). */
    private static final class Sums {
        final String key;
        long calls;
        long refused;
        long dialled;
        long answered;
        long qualified;
        long meetings;
        long talkMs;
        long timed;
        final long[] outcomes = new long[OUTCOMES.length];

        Sums(String key) {
            this.key = key;
        }

        void add(Sums o) {
            calls += o.calls;
            refused += o.refused;
            dialled += o.dialled;
            answered += o.answered;
            qualified += o.qualified;
            meetings += o.meetings;
            talkMs += o.talkMs;
            timed += o.timed;
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] += o.outcomes[i];
            }
        }

        MetricsReport.Counts counts() {
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            for (int i = 0; i < OUTCOMES.length; i++) {
                byOutcome.put(OUTCOMES[i].wire(), outcomes[i]);
            }
            return new MetricsReport.Counts(calls, refused, dialled, answered, qualified, meetings,
                    rate(answered, dialled), rate(qualified, answered), timed == 0 ? null : Math.round((double) talkMs / timed),
                    byOutcome);
        }

        private static Double rate(long part, long whole) {
            return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
        }
    }
}
