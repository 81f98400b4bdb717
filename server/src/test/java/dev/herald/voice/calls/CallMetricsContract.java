package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.store.Database;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/voice/metrics} over a real port on each store. Six calls around New York's
 * 2026 spring-forward (08 March, 07:00 UTC: offset -05:00 becomes -04:00) make every figure and
 * every grouping computable by hand.
 */
abstract class CallMetricsContract extends RunningHerald {
    private static final String P1 = "vpr_" + "1".repeat(26);
    private static final String P2 = "vpr_" + "2".repeat(26);
    private static final String C1 = "cmp_" + "3".repeat(26);
    private static final String RANGE = "from=2026-03-07T00:00:00Z&to=2026-03-10T00:00:00Z";
    private String ws;
    private String key;

    @BeforeAll
    void seed() {
        IssuedKey issued = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", "metrics");
        ws = issued.workspaceId();
        key = issued.secret().reveal();
        Database db = herald.services().db();
        // New York local time in the comments.
        CallRows.call(ws, at("2026-03-07T23:30:00Z")).profile(P1, 1).campaign(C1).qualified().meeting()
                .duration(120_000L).insert(db);                                            // 03-07 18:30
        CallRows.call(ws, at("2026-03-08T04:30:00Z")).profile(P1, 1).campaign(C1).duration(60_000L).insert(db); // 03-07 23:30
        CallRows.call(ws, at("2026-03-08T06:30:00Z")).profile(P2, 1).unanswered("no_answer", "no_answer")
                .insert(db);                                                               // 03-08 01:30
        CallRows.call(ws, at("2026-03-08T08:00:00Z")).profile(P2, 1).direction("inbound").qualified()
                .duration(30_000L).insert(db);                                             // 03-08 04:00 (EDT)
        CallRows.call(ws, at("2026-03-09T03:30:00Z")).profile(P1, 1).campaign(C1)
                .refused("outside_calling_hours", "outside_calling_hours").insert(db);    // 03-08 23:30
        CallRows.call(ws, at("2026-03-09T12:00:00Z")).profile(P2, 1).campaign(C1).unanswered("busy", "busy")
                .insert(db);                                                               // 03-09 08:00
        // Outside the range, and another workspace's call inside it: neither counts.
        CallRows.call(ws, at("2026-03-10T00:00:00Z")).insert(db);
        CallRows.call("ws_" + "9".repeat(26), at("2026-03-08T00:00:00Z")).insert(db);
    }

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    private JsonNode metrics(String query) {
        Http.Response r = http.get("/api/v1/voice/metrics?" + query, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** key -> calls of each group. */
    private static Map<String, Long> callsByGroup(JsonNode report) {
        Map<String, Long> out = new LinkedHashMap<>();
        report.path("groups").forEach(g -> out.put(g.path("key").isNull() ? null : g.path("key").asText(),
                g.path("metrics").path("calls").asLong()));
        return out;
    }

    @Test
    void totalsCountRatesDurationAndMeetings() {
        JsonNode r = metrics(RANGE);
        assertThat(r.path("from").asText()).isEqualTo("2026-03-07T00:00:00Z");
        assertThat(r.path("time_zone").asText()).isEqualTo("UTC");
        assertThat(r.path("group_by").isNull()).isTrue();
        assertThat(r.path("groups").isNull()).isTrue();
        JsonNode t = r.path("totals");
        assertThat(t.path("calls").asLong()).isEqualTo(6);
        assertThat(t.path("refused").asLong()).isEqualTo(1);
        assertThat(t.path("dialled").asLong()).isEqualTo(5);
        assertThat(t.path("answered").asLong()).isEqualTo(3);
        assertThat(t.path("qualified").asLong()).isEqualTo(2);
        assertThat(t.path("meetings_booked").asLong()).isEqualTo(1);
        assertThat(t.path("connect_rate").asDouble()).isEqualTo(0.6);
        assertThat(t.path("qualified_rate").asDouble()).isEqualTo(0.6667);
        assertThat(t.path("average_duration_ms").asLong()).isEqualTo(70_000);
        assertThat(t.path("outcomes").path("qualified").asLong()).isEqualTo(2);
        assertThat(t.path("outcomes").path("unqualified").asLong()).isEqualTo(1);
        assertThat(t.path("outcomes").path("no_answer").asLong()).isEqualTo(1);
        assertThat(t.path("outcomes").path("busy").asLong()).isEqualTo(1);
        assertThat(t.path("outcomes").path("outside_calling_hours").asLong()).isEqualTo(1);
        assertThat(t.path("outcomes").path("voicemail").asLong()).isZero();
    }

    @Test
    void daysAreCountedInTheRequestedTimeZoneAcrossADaylightSavingChange() {
        JsonNode utc = metrics(RANGE + "&group_by=day");
        assertThat(callsByGroup(utc)).containsExactly(Map.entry("2026-03-07", 1L), Map.entry("2026-03-08", 3L),
                Map.entry("2026-03-09", 2L));
        JsonNode ny = metrics(RANGE + "&group_by=day&time_zone=America/New_York");
        assertThat(ny.path("time_zone").asText()).isEqualTo("America/New_York");
        assertThat(callsByGroup(ny)).containsExactly(Map.entry("2026-03-06", 0L), Map.entry("2026-03-07", 2L),
                Map.entry("2026-03-08", 3L), Map.entry("2026-03-09", 1L));
        JsonNode march8 = ny.path("groups").get(2).path("metrics");
        assertThat(march8.path("refused").asLong()).isEqualTo(1);
        assertThat(march8.path("dialled").asLong()).isEqualTo(2);
        assertThat(march8.path("connect_rate").asDouble()).isEqualTo(0.5);
        assertThat(march8.path("qualified_rate").asDouble()).isEqualTo(1.0);
        assertThat(ny.path("groups").get(0).path("metrics").path("connect_rate").isNull())
                .as("no calls, no rate").isTrue();
        assertThat(ny.path("totals").path("calls").asLong()).isEqualTo(6);
    }

    @Test
    void callsAreGroupedByProfileCampaignAndDirection() {
        assertThat(callsByGroup(metrics(RANGE + "&group_by=profile"))).containsExactly(Map.entry(P1, 3L),
                Map.entry(P2, 3L));
        Map<String, Long> byCampaign = callsByGroup(metrics(RANGE + "&group_by=campaign"));
        assertThat(new ArrayList<>(byCampaign.keySet())).containsExactly(C1, null);
        assertThat(byCampaign.get(C1)).isEqualTo(4);
        assertThat(byCampaign.get(null)).isEqualTo(2);
        JsonNode byDirection = metrics(RANGE + "&group_by=direction");
        assertThat(callsByGroup(byDirection)).containsExactly(Map.entry("inbound", 1L), Map.entry("outbound", 5L));
        assertThat(byDirection.path("groups").get(0).path("metrics").path("average_duration_ms").asLong())
                .isEqualTo(30_000);
    }

    @Test
    void theRollupsFollowUpdatesAndDeletes_andRaggedRangesAddUp() {
        IssuedKey fresh = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
        String key = fresh.secret().reveal();
        Database db = herald.services().db();
        Instant at = at("2026-05-10T10:07:30Z");
        String id = CallRows.call(fresh.workspaceId(), at).live().insert(db).id;
        String month = "from=2026-05-01T00:00:00Z&to=2026-05-20T00:00:00Z";
        JsonNode live = get(key, month).path("totals");
        assertThat(live.path("calls").asLong()).isEqualTo(1);
        assertThat(live.path("dialled").asLong()).isEqualTo(1);
        assertThat(live.path("answered").asLong()).isZero();
        // The call's writer ends it, as the calls package does.
        db.write(h -> h.createUpdate("""
                UPDATE voice_calls SET status = 'ended', outcome = 'qualified', qualified = 1, meeting_booked = 1,
                    answered_at = :answered, duration_ms = 45000, end_reason = 'agent_ended' WHERE id = :id""")
                .bind("answered", at.toEpochMilli() + 3000).bind("id", id).execute());
        JsonNode ended = get(key, month);
        assertThat(ended.path("totals").path("answered").asLong()).isEqualTo(1);
        assertThat(ended.path("totals").path("qualified").asLong()).isEqualTo(1);
        assertThat(ended.path("totals").path("meetings_booked").asLong()).isEqualTo(1);
        assertThat(ended.path("totals").path("average_duration_ms").asLong()).isEqualTo(45_000);
        assertThat(ended.path("totals").path("outcomes").path("qualified").asLong()).isEqualTo(1);
        assertThat(callsByGroup(get(key, month + "&group_by=profile"))).hasSize(1).containsValue(1L);
        assertThat(callsByGroup(get(key, month + "&group_by=day")).get("2026-05-10")).isEqualTo(1);
        // Ranges that start or end inside a quarter hour or a day: read partly from the calls themselves.
        for (String range : List.of("from=2026-05-10T10:07:30Z&to=2026-05-10T10:07:30.001Z",
                "from=2026-05-09T10:00:00.5Z&to=2026-05-11T23:59:59Z",
                "from=2026-05-10T10:00:00Z&to=2026-05-10T10:15:00Z")) {
            assertThat(get(key, range).path("totals").path("qualified").asLong()).as(range).isEqualTo(1);
            assertThat(callsByGroup(get(key, range + "&group_by=campaign"))).as(range).hasSize(1)
                    .containsEntry(null, 1L);
        }
        assertThat(get(key, "from=2026-05-10T10:07:30.001Z&to=2026-05-10T10:15:00Z").path("totals").path("calls")
                .asLong()).isZero();
        db.write(h -> h.createUpdate("DELETE FROM voice_calls WHERE id = :id").bind("id", id).execute());
        assertThat(get(key, month).path("totals").path("calls").asLong()).isZero();
        assertThat(get(key, month + "&group_by=direction").path("groups")).isEmpty();
    }

    private JsonNode get(String key, String query) {
        Http.Response r = http.get("/api/v1/voice/metrics?" + query, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void randomCallsAndRangesAgreeWithCountingTheRowsThemselves() {
        IssuedKey fresh = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
        String key = fresh.secret().reveal();
        Database db = herald.services().db();
        java.util.Random random = new java.util.Random(7);
        Instant start = at("2026-10-20T00:00:00Z");
        long span = 10 * 86_400_000L;
        List<CallRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            CallRows.Row r = CallRows.call(fresh.workspaceId(), start.plusMillis((long) (random.nextDouble() * span)))
                    .profile(random.nextBoolean() ? P1 : P2, 1).direction(random.nextInt(4) == 0 ? "inbound" : "outbound");
            if (random.nextInt(3) > 0) {
                r.campaign(C1);
            }
            switch (random.nextInt(4)) {
                case 0 -> r.qualified().duration(1_000L + random.nextInt(100_000));
                case 1 -> r.unanswered("busy", "busy");
                case 2 -> r.refused("do_not_call", "do_not_call");
                default -> r.duration(1_000L + random.nextInt(100_000));
            }
            if (random.nextInt(5) == 0) {
                r.meeting();
            }
            rows.add(r.insert(db));
        }
        // Some calls are taken back (a delete), so the rollups must forget them.
        for (int i = 0; i < 20; i++) {
            CallRows.Row gone = rows.remove(random.nextInt(rows.size()));
            db.write(h -> h.createUpdate("DELETE FROM voice_calls WHERE id = :id").bind("id", gone.id).execute());
        }
        for (int i = 0; i < 25; i++) {
            long from = start.toEpochMilli() - 86_400_000L + (long) (random.nextDouble() * (span + 86_400_000L));
            long to = from + 1 + (long) (random.nextDouble() * span);
            String range = "from=" + Instant.ofEpochMilli(from) + "&to=" + Instant.ofEpochMilli(to);
            List<CallRows.Row> in = rows.stream().filter(r -> r.createdAt >= from && r.createdAt < to).toList();
            JsonNode totals = get(key, range).path("totals");
            assertThat(totals.path("calls").asLong()).as(range).isEqualTo(in.size());
            assertThat(totals.path("refused").asLong()).as(range)
                    .isEqualTo(in.stream().filter(r -> r.status.equals("refused")).count());
            assertThat(totals.path("answered").asLong()).as(range)
                    .isEqualTo(in.stream().filter(r -> r.answeredAfterMs != null).count());
            assertThat(totals.path("qualified").asLong()).as(range)
                    .isEqualTo(in.stream().filter(r -> Integer.valueOf(1).equals(r.qualified)).count());
            assertThat(totals.path("meetings_booked").asLong()).as(range)
                    .isEqualTo(in.stream().filter(r -> r.meetingBooked).count());
            Map<String, Long> byProfile = new java.util.TreeMap<>();
            in.forEach(r -> byProfile.merge(r.profileId, 1L, Long::sum));
            assertThat(callsByGroup(get(key, range + "&group_by=profile"))).as(range).isEqualTo(byProfile);
            Map<String, Long> byDay = new java.util.TreeMap<>();
            java.time.ZoneId zone = java.time.ZoneId.of("Asia/Kathmandu");
            in.forEach(r -> byDay.merge(java.time.LocalDate.ofInstant(Instant.ofEpochMilli(r.createdAt), zone).toString(),
                    1L, Long::sum));
            Map<String, Long> days = callsByGroup(get(key, range + "&group_by=day&time_zone=Asia/Kathmandu"));
            days.values().removeIf(n -> n == 0);
            assertThat(days).as(range).isEqualTo(byDay);
        }
    }

    @Test
    void theDefaultRangeIsTheLast30Days() {
        IssuedKey fresh = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
        CallRows.call(fresh.workspaceId(), Instant.now().minusSeconds(3600)).insert(herald.services().db());
        CallRows.call(fresh.workspaceId(), Instant.now().minusSeconds(31L * 86_400)).insert(herald.services().db());
        Http.Response r = http.get("/api/v1/voice/metrics", fresh.secret().reveal());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("totals").path("calls").asLong()).isEqualTo(1);
        Instant from = Instant.parse(r.json().path("from").asText());
        Instant to = Instant.parse(r.json().path("to").asText());
        assertThat(java.time.Duration.between(from, to).toDays()).isEqualTo(30);
    }

    @Test
    void badParametersAre422NamingEachField() {
        Http.Response r = http.get("/api/v1/voice/metrics?group_by=week&time_zone=Mars/Olympus&from=soon", key);
        assertThat(r.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("group_by", "time_zone", "from");
        Http.Response tooLong = http.get("/api/v1/voice/metrics?from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", key);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
        Http.Response backwards = http.get("/api/v1/voice/metrics?from=" + URLEncoder.encode("2026-03-02T00:00:00+01:00",
                StandardCharsets.UTF_8) + "&to=2026-03-01T00:00:00Z", key);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
    }
}
