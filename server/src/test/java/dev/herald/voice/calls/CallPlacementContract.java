package dev.herald.voice.calls;

import static dev.herald.voice.VoiceWorkspace.ok;
import static dev.herald.voice.VoiceWorkspace.zoneAtHour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.VoiceWorkspace;
import dev.herald.voice.core.compliance.CompliancePolicy;
import dev.herald.voice.core.simulation.Persona;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Placing calls on each store, over the server's own wiring (profiles, CRM, knowledge, the built-in
 * calendar): the compliance gate before dialling, a queued call played to its end by the node's
 * runner (compressed simulated time) as a governed session, and the end written once: row, the
 * verdict on the lead in the CRM, one webhook of each kind, the live events in order, an attestation
 * that verifies offline. Two nodes on one store play each call once.
 */
abstract class CallPlacementContract extends RunningHerald {

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(VoiceSettings.COMPRESSED);
    }

    private VoiceWorkspace workspace() {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        herald.services().webhooks().create(w.id(), new WebhookService.EndpointSpec("https://example.com/hooks", "test",
                List.of("*"), null));
        return w;
    }

    private CallService calls() {
        return herald.services().voice().calls();
    }

    private List<String> eventTypes(String callId) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT type FROM voice_call_events WHERE call_id = :c ORDER BY seq").bind("c", callId)
                .mapTo(String.class).list());
    }

    private List<JsonNode> eventData(String callId, String type) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT data FROM voice_call_events WHERE call_id = :c AND type = :t ORDER BY seq")
                .bind("c", callId).bind("t", type).mapTo(String.class).list()).stream().map(j -> {
                    try {
                        return herald.services().mapper().readTree(j);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
    }

    private Map<String, Integer> webhooks(String ws) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT event_type FROM webhook_deliveries WHERE workspace_id = :w").bind("w", ws)
                .mapTo(String.class).list()).stream().collect(Collectors.toMap(t -> t, t -> 1, Integer::sum));
    }

    /** Places an outbound call over HTTP (under {@code idempotencyKey} when given); the answer. */
    private static JsonNode place(Http http, VoiceWorkspace w, String leadId, String profileId, String idempotencyKey) {
        String body = "{\"direction\":\"outbound\",\"lead_id\":\"" + leadId + "\",\"profile_id\":\"" + profileId
                + "\"}";
        return ok(idempotencyKey == null ? http.post("/api/v1/voice/calls", w.key(), body)
                : http.post("/api/v1/voice/calls", w.key(), body, "Idempotency-Key", idempotencyKey), 201);
    }

    @Test
    void aPlacedCall_runsAsAGovernedSession_andEndsOnceWithEverythingWritten() {
        VoiceWorkspace w = workspace();
        String profile = w.profile();
        w.knowledge("Pricing", "Herald costs 400 dollars a month per workspace, and it integrates with Salesforce.");
        String lead = w.leadPlayedAs(Persona.QUALIFIED_BUYER);

        String key = "k-" + UUID.randomUUID();
        JsonNode placed = place(http, w, lead, profile, key);
        assertThat(placed.path("status").asText()).isIn(CallRecord.QUEUED, CallRecord.DIALLING, CallRecord.IN_PROGRESS);
        assertThat(placed.path("objective").asText()).isEqualTo("qualify_for_demo");
        CallRecord done = w.awaitEnd(placed.path("id").asText());

        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
        assertThat(done.outcome()).isEqualTo("qualified");
        assertThat(done.qualified()).isTrue();
        assertThat(done.meetingBooked()).isTrue();
        assertThat(done.sessionId()).startsWith("sess");
        assertThat(done.projectId()).isEqualTo(ok(http.get("/v1/projects/voice", w.key()), 200).path("id").asText());
        assertThat(done.chainHeadHash()).isNotBlank();
        assertThat(done.durationMs()).isPositive();
        assertThat(done.endReason()).isNotNull();

        List<String> events = eventTypes(done.id());
        assertThat(events).startsWith("call.queued", "call.dialling", "call.answered").endsWith("call.ended",
                "call.verdict");
        assertThat(events).contains("utterance.partial", "utterance.final", "turn.decision", "tool.call",
                "tool.decision", "tool.result");
        JsonNode view = ok(http.get("/api/v1/voice/calls/" + done.id(), w.key()), 200);
        assertThat(view.path("cost").path("amount_micros").asLong(-1)).as("the simulated provider spends nothing")
                .isZero();
        assertThat(view.path("cost").path("currency").asText()).isEqualTo("USD");
        // The governance cost of each decision and each utterance's atoms, as the node measured it.
        assertThat(eventData(done.id(), "turn.decision")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.path("latency_us").isIntegralNumber()).as(d.toString()).isTrue());
        assertThat(eventData(done.id(), "tool.decision")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.path("latency_us").isIntegralNumber()).as(d.toString()).isTrue());
        assertThat(eventData(done.id(), "utterance.final")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.path("governance_us").asLong(-1)).as(d.toString()).isPositive());

        // Retention's transcript purge takes the words out of the event log too, keeping each event's place.
        int eventsBefore = eventTypes(done.id()).size();
        assertThat(calls().purgeTranscripts(w.id(), java.time.Instant.now().plusSeconds(1))).isPositive();
        assertThat(eventTypes(done.id())).hasSize(eventsBefore);
        assertThat(eventData(done.id(), "utterance.final")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.toString()).isEqualTo("{\"purged\":true}"));
        assertThat(eventData(done.id(), "utterance.partial"))
                .allSatisfy(d -> assertThat(d.has("text")).isFalse());
        assertThat(ok(http.get("/api/v1/voice/calls/" + done.id(), w.key()), 200).path("transcript").isNull()).isTrue();

        assertThat(webhooks(w.id())).containsEntry("call.started", 1).containsEntry("call.answered", 1)
                .containsEntry("call.ended", 1).containsEntry("call.transcript.completed", 1)
                .containsEntry("agent.run.completed", 1);

        // The verdict is on the lead in the CRM, with the session's chain head and the meeting booked.
        JsonNode stored = w.readLead(lead);
        JsonNode verdict = stored.path("verdicts").get(0);
        assertThat(stored.path("verdicts")).hasSize(1);
        assertThat(verdict.path("call_id").asText()).isEqualTo(done.id());
        assertThat(verdict.path("outcome").asText()).isEqualTo("qualified");
        assertThat(verdict.path("session_id").asText()).isEqualTo(done.sessionId());
        assertThat(verdict.path("chain_head_hash").asText()).isEqualTo(done.chainHeadHash());
        assertThat(verdict.path("meeting").path("start").isTextual()).as(verdict.toString()).isTrue();
        assertThat(stored.path("status").asText()).isEqualTo("meeting_booked");

        assertThat(w.attestationVerifies(done.projectId(), done.sessionId())).isTrue();

        // The same key answers the same call.
        assertThat(place(http, w, lead, profile, key).path("id").asText()).isEqualTo(done.id());
    }

    @Test
    void anUnansweredCall_endsWithoutAnAnswer_andRetentionDropsItsTranscript() {
        VoiceWorkspace w = workspace();
        String ws = w.id();
        String lead = w.leadPlayedAs(Persona.NO_ANSWER);
        CallRecord done = w.awaitEnd(place(http, w, lead, w.profile(), null).path("id").asText());

        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
        assertThat(done.outcome()).isEqualTo("no_answer");
        assertThat(done.endReason()).isEqualTo("no_answer");
        assertThat(done.answeredAt()).isNull();
        assertThat(eventTypes(done.id())).doesNotContain("call.answered", "utterance.final")
                .endsWith("call.ended", "call.verdict");
        assertThat(webhooks(ws)).containsEntry("agent.run.completed", 1).doesNotContainKey("call.answered")
                .doesNotContainKey("call.transcript.completed");
        assertThat(w.readLead(lead).path("verdicts").get(0).path("outcome").asText()).isEqualTo("no_answer");

        assertThat(calls().purgeTranscripts(ws, Instant.now().plusSeconds(1))).isEqualTo(1);
        String transcript = herald.services().db().read(h -> h.createQuery(
                "SELECT transcript FROM voice_calls WHERE id = :id").bind("id", done.id()).mapTo(String.class).one());
        assertThat(transcript).isNull();
        assertThat(calls().purgeTranscripts(ws, Instant.now().plusSeconds(1))).isZero();
    }

    @Test
    void anInboundCallFromAnUnknownNumber_runsWithoutALead() {
        VoiceWorkspace w = workspace();
        CallRecord placed = calls().place(w.id(), new PlaceCall("inbound", null, w.profile(), null, null, 1, null, null,
                "+12025550199", "+12025550100", null, null));
        CallRecord done = w.awaitEnd(placed.id());
        assertThat(done.direction()).isEqualTo("inbound");
        assertThat(done.leadId()).isNull();
        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
        assertThat(done.sessionId()).isNotNull();
        int verdicts = herald.services().db().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM crm_lead_verdicts WHERE call_id = :c").bind("c", done.id()).mapTo(Integer.class).one());
        assertThat(verdicts).isZero();
    }

    @Test
    void twoNodesSharingTheQueue_playEachCallOnce() {
        try (Herald second = Herald.start(config())) {
            Http other = Http.validating(second.baseUrl());
            VoiceWorkspace w = workspace();
            String profile = w.profile();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String lead = w.lead("Two " + i, zoneAtHour(12), "granted", false);
                // Each node's API wakes its own runner; both runners claim from the one queue.
                ids.add(place(i % 2 == 0 ? http : other, w, lead, profile, null).path("id").asText());
            }
            for (String id : ids) {
                CallRecord done = w.awaitEnd(id);
                assertThat(done.live()).as(id).isFalse();
                assertThat(eventTypes(id).stream().filter("call.dialling"::equals)).as(id).hasSize(1);
                assertThat(eventTypes(id).stream().filter("call.verdict"::equals)).as(id).hasSize(1);
            }
            assertThat(webhooks(w.id())).containsEntry("agent.run.completed", ids.size())
                    .containsEntry("call.started", ids.size()).containsEntry("call.ended", ids.size());
        }
    }

    @Test
    void theComplianceGate_refusesBeforeDialling_andTheRefusalIsStored() {
        VoiceWorkspace w = workspace();
        String profile = w.profile();
        String dnc = w.lead("Listed", zoneAtHour(12), "granted", true);
        String noConsent = w.lead("Unasked", zoneAtHour(12), "unknown", false);
        String night = w.lead("Asleep", zoneAtHour(3), "granted", false);
        String noZone = w.lead("Nowhere", null, "granted", false);

        Map<String, String[]> expected = Map.of(dnc, new String[]{"do_not_call", "do_not_call"},
                noConsent, new String[]{"failed", "missing_consent"},
                night, new String[]{"outside_calling_hours", "outside_calling_hours"},
                noZone, new String[]{"outside_calling_hours", "unknown_time_zone"});
        expected.forEach((lead, want) -> {
            CallRecord c = calls().place(w.id(), PlaceCall.outbound(lead, profile, null, null, null));
            assertThat(c.status()).as(lead).isEqualTo(CallRecord.REFUSED);
            assertThat(c.outcome()).as(lead).isEqualTo(want[0]);
            assertThat(c.refusalReason()).as(lead).isEqualTo(want[1]);
            assertThat(c.endReason()).isEqualTo("compliance_refused");
            assertThat(c.sessionId()).isNull();
            assertThat(eventTypes(c.id())).containsExactly("call.refused");
        });
    }

    @Test
    void theWorkspacesConcurrencyLimit_defersACall_withoutStoringIt() {
        VoiceWorkspace w = workspace();
        String ws = w.id();
        String profile = w.profile();
        String lead = w.lead("Busy", zoneAtHour(12), "granted", false);
        CompliancePolicy one = CompliancePolicy.defaults().withConcurrency(1, 1);
        // The workspace's own setting is the limit (a request's cannot raise or lower it).
        herald.services().voice().settings().set(ws,
                new dev.herald.voice.workspace.WorkspaceSettingsService.Change(null, 1), "test");
        // A live call of the workspace, written as the runner would hold it (its lease far away).
        herald.services().db().write(h -> h.createUpdate("INSERT INTO voice_calls (id, workspace_id, direction, "
                        + "status, provider, lead_id, profile_id, profile_version, objective, attempt, meeting_booked, "
                        + "created_at, updated_at, lease_owner, lease_until) VALUES ('call_live_" + ws.hashCode()
                        + "', :w, 'outbound', 'in_progress', 'simulated', :l, :p, 1, 'qualify_for_demo', 1, 0, "
                        + "0, 0, 'elsewhere', :u)").bind("w", ws).bind("l", lead).bind("p", profile)
                .bind("u", System.currentTimeMillis() + 3_600_000L).execute());

        assertThatThrownBy(() -> calls().place(ws, new PlaceCall("outbound", lead, profile, null, null, 1, null,
                null, null, null, one, null)))
                .isInstanceOf(Conflict.class).hasMessageContaining("workspace_concurrency_limit");
        int stored = herald.services().db().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM voice_calls WHERE workspace_id = :w").bind("w", ws).mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void theWebhookOutbox_takesTheVoiceEventTypes_fromItsCompositionRoot_andRefusesOthers() {
        WebhookService webhooks = herald.services().webhooks();
        assertThat(webhooks.eventTypes()).containsAll(dev.herald.voice.VoiceModule.WEBHOOK_EVENTS)
                .contains("session.ended");
        assertThatThrownBy(() -> herald.services().db().write(h -> webhooks.enqueue(h, "ws", null, "call.exploded",
                Map.of()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call.exploded");
    }

    @Test
    void badRequests_nameEveryBadField() {
        VoiceWorkspace w = workspace();
        String ws = w.id();
        String profile = w.profile();
        assertThatThrownBy(() -> calls().place(ws, new PlaceCall("sideways", null, null, null, null, 0, null, null,
                null, null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(er -> er.field())
                        .containsExactlyInAnyOrder("direction", "lead_id", "profile_id", "attempt"));
        assertThatThrownBy(() -> calls().place(ws, PlaceCall.outbound("lead_nobody", profile, null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("lead_id"));
        String lead = w.lead("Ada", zoneAtHour(12), "granted", false);
        assertThatThrownBy(() -> calls().place(ws, PlaceCall.outbound(lead, "vpr_nobody", null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("profile_id"));
        assertThatThrownBy(() -> calls().place(ws, PlaceCall.outbound(lead, profile, "sell_ice", null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("objective"));
    }

    @Test
    void theHttpRoutes_answerProblemsNamingTheField() {
        String key = workspace().key();
        Http.Response missing = http.post("/api/v1/voice/calls", key, "{\"direction\":\"outbound\"}");
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().path("errors").findValuesAsText("field")).contains("lead_id", "profile_id");
        Http.Response inbound = http.post("/api/v1/voice/calls", key,
                "{\"direction\":\"inbound\",\"lead_id\":\"l\",\"profile_id\":\"vpr_x\"}");
        assertThat(inbound.status()).isEqualTo(422);
        assertThat(inbound.json().path("errors").get(0).path("field").asText()).isEqualTo("direction");
        Http.Response unknown = http.post("/api/v1/voice/calls/call_nope/hangup", key, "");
        assertThat(unknown.status()).isEqualTo(404);
        JsonNode problem = unknown.json();
        assertThat(problem.path("status").asInt()).isEqualTo(404);
    }
}
