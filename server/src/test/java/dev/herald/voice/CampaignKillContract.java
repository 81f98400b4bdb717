package dev.herald.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.store.Database;
import dev.herald.server.cli.Cli;
import dev.herald.server.testing.HeraldProcess;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.StoreExtension;
import dev.herald.server.testing.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL in the middle of a campaign: Herald runs as a separate operating-system
 * process ({@code herald serve}, simulated calls at twenty times real pace), dials 30 leads five at a
 * time, and is killed once some calls have ended and others are live. Restarted on the same store,
 * it completes the campaign: every lead is dialled exactly once (retries off), none is skipped,
 * every finished call has exactly one {@code agent.run.completed} in the webhook outbox, and the
 * calls that were live at the kill are failed once ({@code node_lost}) and never dialled again.
 */
abstract class CampaignKillContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LEADS = 30;
    /**
     * Simulated calls at twenty times real pace: an answered call lasts 2 to 8 s. After the kill the
     * lost calls hold their campaign slots until their 30 s lease expires, so a slower pace would
     * take the test well past a minute.
     */
    private static final int SPEED = 20;
    private static final Set<String> LIVE = Set.of("dialling", "in_progress");
    private static final Set<String> OVER = Set.of("ended", "failed");

    /** The nodes' logs, kept after the run (target/campaign-kill/...) to read what a failed run did. */
    private Path logs;

    protected abstract StoreExtension store();

    /** A campaign row as the database holds it: the call and what the test needs of it. */
    record CallRow(String id, String leadId, int attempt, String status, String outcome, String endReason) {
    }

    @Test
    void aNodeKilledMidCampaignIsRestartedAndCompletesIt_noLeadDialledTwiceNoneSkipped_liveCallsFailedOnce()
            throws Exception {
        logs = Files.createDirectories(Path.of("target", "campaign-kill", store().kind().name().toLowerCase()));
        String key = adminKey(store().databaseUrl());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String campaignId;
            List<String> leads;
            try (HeraldProcess victim = serve("victim")) {
                Http http = Http.validating(victim.baseUrl());
                status(http.post("/v1/webhooks/endpoints", key, """
                        {"url": "%s", "event_types": ["agent.run.completed", "call.ended", "campaign.completed"]}"""
                        .formatted(receiver.url())), 201);
                String profile = status(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Ava\"}"), 201)
                        .path("id").asText();
                leads = importLeads(http, key);
                campaignId = status(http.post("/api/v1/voice/campaigns", key, campaignBody(leads, profile)), 201)
                        .path("id").asText();
                awaitSomeOverSomeLive(http, key, campaignId, victim);
                victim.kill();
            }

            // What the dead node left: the calls live at the kill and those already over.
            Map<String, CallRow> atKill = calls(campaignId);
            Set<String> liveAtKill = ids(atKill, LIVE);
            Set<String> overAtKill = ids(atKill, OVER);
            assertThat(liveAtKill).as("calls live at the kill: " + atKill.values()).isNotEmpty();
            assertThat(overAtKill).as("calls over at the kill: " + atKill.values()).isNotEmpty();

            JsonNode campaign;
            JsonNode results;
            try (HeraldProcess restarted = serve("restarted")) {
                Http http = Http.validating(restarted.baseUrl());
                campaign = awaitCompleted(http, key, campaignId, restarted);
                results = status(http.get("/api/v1/voice/campaigns/" + campaignId + "/results?limit=100", key), 200);
                for (String id : liveAtKill) {
                    Http.Response fetched = http.get("/api/v1/voice/calls/" + id, key);
                    assertThat(fetched.status()).as(fetched.body() + "\nnode log:\n" + restarted.log()).isEqualTo(200);
                    JsonNode call = fetched.json();
                    assertThat(call.path("status").asText()).as(call.toString()).isEqualTo("failed");
                    assertThat(call.path("end_reason").asText()).as(call.toString()).isEqualTo("node_lost");
                }
            }

            Map<String, CallRow> after = calls(campaignId);
            // Every lead dialled exactly once (retries are off): none skipped, none twice, under any attempt number.
            Map<String, List<CallRow>> byLead = new TreeMap<>();
            after.values().forEach(c -> byLead.computeIfAbsent(c.leadId(), l -> new ArrayList<>()).add(c));
            assertThat(byLead.keySet()).containsExactlyInAnyOrderElementsOf(leads);
            assertThat(byLead.values()).allSatisfy(calls -> {
                assertThat(calls).as("calls of one lead").hasSize(1);
                assertThat(calls.getFirst().attempt()).isEqualTo(1);
                assertThat(calls.getFirst().status()).as(calls.toString()).isIn(OVER);
            });
            // The campaign's own record of its dials agrees: one dial per lead, ended, naming that lead's call.
            Map<String, String> dials = dials(campaignId);
            assertThat(dials).hasSize(LEADS);
            byLead.forEach((lead, calls) -> assertThat(dials.get(lead)).as("dial of " + lead)
                    .isEqualTo("1:ended:" + calls.getFirst().id()));
            // The calls live at the kill were failed once as lost; those already over were left as they were.
            for (String id : liveAtKill) {
                CallRow c = after.get(id);
                assertThat(c.status()).as(c.toString()).isEqualTo("failed");
                assertThat(c.outcome()).as(c.toString()).isEqualTo("failed");
                assertThat(c.endReason()).as(c.toString()).isEqualTo("node_lost");
                assertThat(countEvents(id, "call.ended")).as("call.ended events of " + id).isEqualTo(1);
            }
            for (String id : overAtKill) {
                assertThat(after.get(id)).isEqualTo(atKill.get(id));
            }
            assertThat(after.values().stream().filter(c -> "node_lost".equals(c.endReason())).map(CallRow::id))
                    .as("only calls live at the kill are lost").allMatch(liveAtKill::contains);

            // Exactly one agent.run.completed in the outbox per finished call, and one campaign.completed.
            Map<String, Integer> runs = outbox("agent.run.completed", "call_id");
            for (CallRow c : after.values()) {
                assertThat(runs.getOrDefault(c.id(), 0)).as("agent.run.completed rows of " + c).isEqualTo(1);
            }
            assertThat(runs.keySet()).as("no run completed for a call outside the campaign").isSubsetOf(after.keySet());
            assertThat(outbox("campaign.completed", "campaign_id")).containsExactly(Map.entry(campaignId, 1));

            // The API's account agrees: every lead finished after one dial, with its one call.
            assertThat(campaign.path("progress").path("finished").asBoolean()).as(campaign.toString()).isTrue();
            assertThat(campaign.path("progress").path("total").asInt()).isEqualTo(LEADS);
            assertThat(results.path("data")).hasSize(LEADS);
            for (JsonNode r : results.path("data")) {
                String lead = r.path("lead_id").asText();
                assertThat(r.path("state").asText()).as(r.toString()).isIn("done", "exhausted");
                assertThat(r.path("attempts").asInt()).as(r.toString()).isEqualTo(1);
                assertThat(r.path("call_ids")).as(r.toString()).hasSize(1);
                String callId = r.path("call_ids").get(0).asText();
                assertThat(callId).isEqualTo(byLead.get(lead).getFirst().id());
                if (liveAtKill.contains(callId)) {
                    assertThat(r.path("latest_outcome").asText()).as(r.toString()).isEqualTo("failed");
                }
            }
        }
    }

    private HeraldProcess serve(String name) {
        return HeraldProcess.serve(store().dataDir(), store().databaseUrl(), logs, name + "-" + UUID.randomUUID(),
                List.of("--voice-speed", String.valueOf(SPEED), "--allow-private-targets"));
    }

    /** An admin key made with {@code herald keys create}, which also migrates the store. */
    private static String adminKey(String databaseUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "keys", "create", "--workspace", "kill-" + UUID.randomUUID(), "--database-url", databaseUrl);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static List<String> importLeads(Http http, String key) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            rows.add(Map.of("name", "Lead " + i, "phone", "+1415555%04d".formatted(3000 + i),
                    "time_zone", "America/New_York", "consent", "granted"));
        }
        JsonNode imported;
        try {
            imported = status(http.send("POST", "/api/v1/crm/leads/import", key, "application/json",
                    JSON.writeValueAsBytes(rows)), 200);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(imported.path("imported").asInt()).as(imported.toString()).isEqualTo(LEADS);
        List<String> ids = new ArrayList<>();
        imported.path("lead_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Any hour, five calls at once, one dial per lead whatever the outcome. */
    private static String campaignBody(List<String> leads, String profile) {
        return "{\"name\":\"Kill test\",\"lead_ids\":" + leads.stream().map(l -> "\"" + l + "\"").toList()
                + ",\"objective\":\"qualify_for_demo\",\"profile_id\":\"" + profile + "\","
                + "\"max_concurrent_calls\":5,\"calls_per_minute\":600,"
                + "\"calling_window\":{\"start\":\"00:00\",\"end\":\"23:59\"},"
                + "\"retry\":{\"no_answer\":{\"max_attempts\":1},\"busy\":{\"max_attempts\":1},"
                + "\"voicemail\":{\"max_attempts\":1},\"failed\":{\"max_attempts\":1}}}";
    }

    /** Waits until at least two calls are over and at least two are live (answered or dialling). */
    private static void awaitSomeOverSomeLive(Http http, String key, String campaignId, HeraldProcess node)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode page = null;
        while (System.nanoTime() < deadline) {
            page = status(http.get("/api/v1/voice/calls?campaign_id=" + campaignId + "&limit=100", key), 200);
            int over = 0;
            int live = 0;
            for (JsonNode c : page.path("data")) {
                String s = c.path("status").asText();
                over += OVER.contains(s) ? 1 : 0;
                live += LIVE.contains(s) ? 1 : 0;
            }
            if (over >= 2 && live >= 2) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never two calls over and two live: " + page + "\nnode log:\n" + node.log());
    }

    private static JsonNode awaitCompleted(Http http, String key, String campaignId, HeraldProcess node)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode c = null;
        while (System.nanoTime() < deadline) {
            c = status(http.get("/api/v1/voice/campaigns/" + campaignId, key), 200);
            if (c.path("state").asText().equals("completed")) {
                return c;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("campaign not completed after the restart: " + c + "\nnode log:\n" + node.log());
    }

    private static Set<String> ids(Map<String, CallRow> calls, Set<String> statuses) {
        Set<String> ids = new TreeSet<>();
        calls.values().stream().filter(c -> statuses.contains(c.status())).forEach(c -> ids.add(c.id()));
        return ids;
    }

    private Map<String, CallRow> calls(String campaignId) {
        try (Database db = Database.open(store().databaseUrl(), 1, null)) {
            Map<String, CallRow> rows = new TreeMap<>();
            db.read(h -> h.createQuery("SELECT id, lead_id, attempt, status, outcome, end_reason FROM voice_calls "
                            + "WHERE campaign_id = :c")
                    .bind("c", campaignId)
                    .map((rs, ctx) -> new CallRow(rs.getString("id"), rs.getString("lead_id"), rs.getInt("attempt"),
                            rs.getString("status"), rs.getString("outcome"), rs.getString("end_reason")))
                    .list()).forEach(r -> rows.put(r.id(), r));
            return rows;
        }
    }

    /** lead -> "attempt:status:call_id" of each dial the campaign recorded (a lead dialled twice shows as a clash). */
    private Map<String, String> dials(String campaignId) {
        try (Database db = Database.open(store().databaseUrl(), 1, null)) {
            Map<String, String> dials = new TreeMap<>();
            db.read(h -> h.createQuery("SELECT lead_id, attempt, status, call_id FROM voice_campaign_dials "
                            + "WHERE campaign_id = :c")
                    .bind("c", campaignId)
                    .map((rs, ctx) -> Map.entry(rs.getString("lead_id"),
                            rs.getInt("attempt") + ":" + rs.getString("status") + ":" + rs.getString("call_id")))
                    .list()).forEach(e -> dials.merge(e.getKey(), e.getValue(), (a, b) -> a + " and " + b));
            return dials;
        }
    }

    private int countEvents(String callId, String type) {
        try (Database db = Database.open(store().databaseUrl(), 1, null)) {
            return db.read(h -> h.createQuery("SELECT COUNT(*) FROM voice_call_events WHERE call_id = :c AND type = :t")
                    .bind("c", callId).bind("t", type).mapTo(Integer.class).one());
        }
    }

    /** Outbox rows of one event type, counted by a field of their data (e.g. call_id). */
    private Map<String, Integer> outbox(String type, String field) throws Exception {
        List<String> payloads;
        try (Database db = Database.open(store().databaseUrl(), 1, null)) {
            payloads = db.read(h -> h.createQuery("SELECT payload FROM webhook_deliveries WHERE event_type = :t")
                    .bind("t", type).mapTo(String.class).list());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String p : payloads) {
            counts.merge(JSON.readTree(p).path("data").path(field).asText(), 1, Integer::sum);
        }
        return counts;
    }

    private static JsonNode status(Http.Response r, int expected) {
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
        return r.json();
    }
}
