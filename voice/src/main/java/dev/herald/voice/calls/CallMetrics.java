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
import org.jdbi.v3.core.Handle;

/**
 * Call metrics aggregated by the database: counts, connect and qualified rates, mean talk time and
 * meetings booked over a range of {@code created_at}, in total and per local day, profile, campaign
 * or direction. Whole quarter hours and whole UTC days of the range are read from the rollups the
 * V41 triggers keep ({@code voice_call_stats_quarter}, {@code voice_call_stats_day}); only the
 * ragged ends are summed from {@code voice_calls}, so a year costs about what a day does. Local
 * days follow the zone's offset changes (a 23- or 25-hour day is one day). Thread-safe.
 */
public final class CallMetrics {
    private static final long DAY_MS = 86_400_000L;
    private static final long QUARTER_MS = 900_000L;
    private static final CallOutcome[] OUTCOMES = CallOutcome.values();
    /** The summed columns, named alike in the rollups and in the sums over calls. */
    private static final String SUMS;
    private static final String SUMS_OF_ROLLUP;

    static {
        StringBuilder raw = new StringBuilder("COUNT(*) AS calls, ")
                .append("SUM(CASE WHEN status = 'refused' THEN 1 ELSE 0 END) AS refused, ")
                .append("SUM(CASE WHEN dialled_at IS NOT NULL OR answered_at IS NOT NULL THEN 1 ELSE 0 END) AS dialled, ")
                .append("SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered, ")
                .append("SUM(CASE WHEN qualified = 1 THEN 1 ELSE 0 END) AS qualified, ")
                .append("SUM(CASE WHEN meeting_booked = 1 THEN 1 ELSE 0 END) AS meetings, ")
                .append("SUM(CASE WHEN answered_at IS NOT NULL AND duration_ms IS NOT NULL THEN duration_ms ELSE 0 END) AS talk_ms, ")
                .append("SUM(CASE WHEN answered_at IS NOT NULL AND duration_ms IS NOT NULL THEN 1 ELSE 0 END) AS timed");
        StringBuilder rollup = new StringBuilder("SUM(calls) AS calls, SUM(refused) AS refused, SUM(dialled) AS dialled, "
                + "SUM(answered) AS answered, SUM(qualified) AS qualified, SUM(meetings) AS meetings, "
                + "SUM(talk_ms) AS talk_ms, SUM(timed) AS timed");
        for (CallOutcome o : OUTCOMES) {
            raw.append(", SUM(CASE WHEN outcome = '").append(o.wire()).append("' THEN 1 ELSE 0 END) AS o_").append(o.wire());
            rollup.append(", SUM(o_").append(o.wire()).append(") AS o_").append(o.wire());
        }
        SUMS = raw.toString();
        SUMS_OF_ROLLUP = rollup.toString();
    }

    private final Database db;

    public CallMetrics(Database db) {
        this.db = db;
    }

    public MetricsReport report(String workspaceId, MetricsQuery q) {
        long from = q.from().toEpochMilli();
        long to = q.to().toEpochMilli();
        Map<String, Sums> byKey = new LinkedHashMap<>();
        db.read(h -> {
            MetricsQuery.GroupBy g = q.groupBy();
            if (g == null || g == MetricsQuery.GroupBy.DAY) {
                boolean day = g == MetricsQuery.GroupBy.DAY;
                long a = ceil(from, QUARTER_MS);
                long b = Math.max(a, to - Math.floorMod(to, QUARTER_MS));
                if (day && !quarterHoursFit(q)) {
                    a = b = to;
                }
                String rawKey = day ? localDay(q, "created_at") : "''";
                String rollupKey = day ? localDay(q, "bucket") : "''";
                add(byKey, rows(h, rawKey, SUMS, "voice_calls", "created_at", "", workspaceId, from, Math.min(a, to), day));
                add(byKey, rows(h, rollupKey, SUMS_OF_ROLLUP, "voice_call_stats_quarter", "bucket", "", workspaceId, a, b, day));
                add(byKey, rows(h, rawKey, SUMS, "voice_calls", "created_at", "", workspaceId, Math.max(b, a), to, day));
            } else {
                String column = switch (g) {
                    case PROFILE -> "profile_id";
                    case CAMPAIGN -> "campaign_id";
                    default -> "direction";
                };
                long a = ceil(from, DAY_MS);
                long b = Math.max(a, to - Math.floorMod(to, DAY_MS));
                if (a >= to) {
                    a = b = to;
                }
                String dimension = " AND dimension = '" + g.wire() + "'";
                add(byKey, rows(h, column, SUMS, "voice_calls", "created_at", "", workspaceId, from, a, true));
                add(byKey, rows(h, "dim_value", SUMS_OF_ROLLUP, "voice_call_stats_day", "day_start", dimension,
                        workspaceId, a, b, true));
                add(byKey, rows(h, column, SUMS, "voice_calls", "created_at", "", workspaceId, b, to, true));
            }
            return null;
        });
        Sums total = new Sums(null);
        byKey.values().forEach(total::add);
        List<MetricsReport.Group> groups = null;
        if (q.groupBy() == MetricsQuery.GroupBy.DAY) {
            groups = days(q, byKey);
        } else if (q.groupBy() != null) {
            groups = byKey.values().stream()
                    .sorted((x, y) -> x.key == null ? (y.key == null ? 0 : 1) : y.key == null ? -1 : x.key.compareTo(y.key))
                    .map(s -> new MetricsReport.Group(s.key, s.counts())).toList();
        }
        return new MetricsReport(q.from(), q.to(), q.timeZone().getId(), q.groupBy() == null ? null : q.groupBy().wire(),
                total.counts(), groups);
    }

    /** Sums of the rows of {@code table} with {@code column} in [from, to), by {@code key} when grouped. */
    private static List<Sums> rows(Handle h, String key, String sums, String table, String column, String also,
                                   String workspaceId, long from, long to, boolean grouped) {
        if (from >= to) {
            return List.of();
        }
        String sql = "SELECT " + key + " AS k, " + sums + " FROM " + table + " WHERE workspace_id = :ws" + also
                + " AND " + column + " >= :from AND " + column + " < :to" + (grouped ? " GROUP BY 1" : "");
        return h.createQuery(sql).bind("ws", workspaceId).bind("from", from).bind("to", to)
                .map((rs, c) -> sums(rs)).list();
    }

    /** Adds each row's sums to its key's (the campaign rollup's '' is "no campaign", like null). */
    private static void add(Map<String, Sums> byKey, List<Sums> rows) {
        for (Sums r : rows) {
            if (r.calls == 0) {
                continue;
            }
            String key = r.key == null || r.key.isEmpty() ? null : r.key;
            byKey.computeIfAbsent(key, Sums::new).add(r);
        }
    }

    private static long ceil(long t, long unit) {
        long rem = Math.floorMod(t, unit);
        return rem == 0 ? t : t - rem + unit;
    }

    /** True when local days in the zone start on quarter hours throughout the range (every zone in use today). */
    static boolean quarterHoursFit(MetricsQuery q) {
        ZoneRules rules = q.timeZone().getRules();
        Instant at = q.from();
        while (true) {
            if (rules.getOffset(at).getTotalSeconds() % (QUARTER_MS / 1000) != 0) {
                return false;
            }
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(q.to())) {
                return true;
            }
            if (next.getInstant().toEpochMilli() % QUARTER_MS != 0) {
                return false;
            }
            at = next.getInstant();
        }
    }

    /** Every local day the range touches, in order, with zeros for days without calls. */
    private static List<MetricsReport.Group> days(MetricsQuery q, Map<String, Sums> byEpochDay) {
        Map<String, Sums> byDay = new HashMap<>();
        byEpochDay.forEach((k, r) -> byDay.put(LocalDate.ofEpochDay(Long.parseLong(k)).toString(), r));
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
    static String localDay(MetricsQuery q, String column) {
        ZoneRules rules = q.timeZone().getRules();
        StringBuilder sql = new StringBuilder("CASE");
        Instant at = q.from();
        while (true) {
            long offsetMs = rules.getOffset(at).getTotalSeconds() * 1000L;
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(q.to())) {
                String day = "(" + column + " + " + offsetMs + ") / " + DAY_MS;
                return at.equals(q.from()) ? day : sql.append(" ELSE ").append(day).append(" END").toString();
            }
            sql.append(" WHEN ").append(column).append(" < ").append(next.getInstant().toEpochMilli()).append(" THEN (")
                    .append(column).append(" + ")
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
            s.outcomes[i] = rs.getLong("o_" + OUTCOMES[i].wire());
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
