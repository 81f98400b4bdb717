package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.core.compliance.CompliancePolicy;
import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.simulation.Persona;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placing calls on each store: the compliance gate before dialling, a queued call played to its
 * end by the runner (compressed simulated time) as a governed session, and the end written once:
 * row, CRM verdict, one webhook of each kind, the live events in order, an attestation that
 * verifies offline.
 */
abstract class CallPlacementContract extends RunningHerald {
    private CallsFixture f;

    @BeforeAll
    void startCalls() {
        f = new CallsFixture(herald.services(), 0);
        f.runner.start();
    }

    @AfterAll
    void stopCalls() {
        f.runner.stop();
    }

    /** A zone whose local time is now {@code hour} o'clock (give or take the minutes). */
    static ZoneId zoneAtHour(int hour) {
        int offset = hour - Instant.now().atZone(ZoneOffset.UTC).getHour();
        if (offset > 14) {
            offset -= 24;
        } else if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    private IssuedKey workspace() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", null);
    }

    private CallRecord await(String ws, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            CallRecord c = f.calls.get(ws, id);
            if (!c.live() || System.nanoTime() > deadline) {
                return c;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private List<String> eventTypes(String callId) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT type FROM voice_call_events WHERE call_id = :c ORDER BY seq").bind("c", callId)
                .mapTo(String.class).list());
    }

    private Map<String, Integer> webhooks(String ws) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT event_type FROM webhook_deliveries WHERE workspace_id = :w").bind("w", ws)
                .mapTo(String.class).list()).stream().collect(Collectors.toMap(t -> t, t -> 1, Integer::sum));
    }

    @Test
    void aPlacedCall_runsAsAGovernedSession_andEndsOnceWithEverythingWritten() throws Exception {
        String ws = workspace().workspaceId();
        herald.services().webhooks().create(ws, new WebhookService.EndpointSpec("https://example.com/hooks", "test",
                List.of("*"), null));
        f.agents.delegate(ws, "vpr_demo", CallsFixture.ALL_SCOPES);
        String lead = f.addLead(ws, CallsFixture.leadOf("q", Persona.QUALIFIED_BUYER), zoneAtHour(12), Consent.GRANTED,
                false);

        String key = "k-" + UUID.randomUUID();
        CallRecord placed = f.calls.place(ws, PlaceCall.outbound(lead, "vpr_demo", null, null, key));
        assertThat(placed.status()).isIn(CallRecord.QUEUED, CallRecord.DIALLING, CallRecord.IN_PROGRESS);
        assertThat(placed.objective()).isEqualTo("qualify_for_demo");
        CallRecord done = await(ws, placed.id());

        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
        assertThat(done.outcome()).isEqualTo("qualified");
        assertThat(done.qualified()).isTrue();
        assertThat(done.meetingBooked()).isTrue();
        assertThat(done.sessionId()).startsWith("sess");
        assertThat(done.projectId()).isEqualTo(f.governance.projectOf(ws));
        assertThat(done.chainHeadHash()).isNotBlank();
        assertThat(done.durationMs()).isPositive();
        assertThat(done.endReason()).isNotNull();

        List<String> events = eventTypes(done.id());
        assertThat(events).startsWith("call.queued", "call.dialling", "call.answered").endsWith("call.ended",
                "call.verdict");
        assertThat(events).contains("utterance.partial", "utterance.final", "turn.decision", "tool.call",
                "tool.decision", "tool.result");

        assertThat(webhooks(ws)).containsEntry("call.started", 1).containsEntry("call.answered", 1)
                .containsEntry("call.ended", 1).containsEntry("call.transcript.completed", 1)
                .containsEntry("agent.run.completed", 1);

        CallsFixture.Written written = f.verdicts.stream().filter(v -> v.verdict().callId().equals(done.id()))
                .findFirst().orElseThrow();
        assertThat(written.leadId()).isEqualTo(lead);
        assertThat(written.verdict().chainHeadHash()).isEqualTo(done.chainHeadHash());
        assertThat(written.verdict().meeting()).isPresent();

        byte[] artifact = f.governance.attestation(ws, done.sessionId()).orElseThrow();
        assertThat(new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()))
                .verify(artifact).verified()).isTrue();

        // The same key answers the same call.
        assertThat(f.calls.place(ws, PlaceCall.outbound(lead, "vpr_demo", null, null, key))
                .id()).isEqualTo(placed.id());
    }

    @Test
    void anUnansweredCall_endsWithoutAnAnswer_andRetentionDropsItsTranscript() {
        String ws = workspace().workspaceId();
        herald.services().webhooks().create(ws, new WebhookService.EndpointSpec("https://example.com/hooks", "test",
                List.of("*"), null));
        f.agents.delegate(ws, "vpr_demo", CallsFixture.ALL_SCOPES);
        String lead = f.addLead(ws, CallsFixture.leadOf("na", Persona.NO_ANSWER), zoneAtHour(12), Consent.GRANTED,
                false);
        CallRecord done = await(ws, f.calls.place(ws, PlaceCall.outbound(lead, "vpr_demo", null, null, null)).id());

        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
        assertThat(done.outcome()).isEqualTo("no_answer");
        assertThat(done.endReason()).isEqualTo("no_answer");
        assertThat(done.answeredAt()).isNull();
        assertThat(eventTypes(done.id())).doesNotContain("call.answered", "utterance.final")
                .endsWith("call.ended", "call.verdict");
        assertThat(webhooks(ws)).containsEntry("agent.run.completed", 1).doesNotContainKey("call.answered")
                .doesNotContainKey("call.transcript.completed");

        assertThat(f.calls.purgeTranscripts(ws, Instant.now().plusSeconds(1))).isEqualTo(1);
        String transcript = herald.services().db().read(h -> h.createQuery(
                "SELECT transcript FROM voice_calls WHERE id = :id").bind("id", done.id()).mapTo(String.class).one());
        assertThat(transcript).isNull();
        assertThat(f.calls.purgeTranscripts(ws, Instant.now().plusSeconds(1))).isZero();
    }

    @Test
    void anInboundCallFromAnUnknownNumber_runsWithoutALead() {
        String ws = workspace().workspaceId();
        f.agents.delegate(ws, "vpr_demo", CallsFixture.ALL_SCOPES);
        CallRecord placed = f.calls.place(ws, new PlaceCall("inbound", null, "vpr_demo", null, null, 1, null, null,
                "+12025550199", "+12025550100", null, null));
        CallRecord done = await(ws, placed.id());
        assertThat(done.direction()).isEqualTo("inbound");
        assertThat(done.leadId()).isNull();
        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
        assertThat(done.sessionId()).isNotNull();
        assertThat(f.verdicts).noneMatch(v -> v.verdict().callId().equals(done.id()));
    }

    @Test
    void twoNodesSharingTheQueue_playEachCallOnce() {
        var s = herald.services();
        CallRunner second = new CallRunner(s.db(), s.clock(), s.random(), s.mapper(), f.events, s.webhooks(),
                f.governance, f, f.toolbox(s), f, null, 0, 50);
        second.start();
        try {
            String ws = workspace().workspaceId();
            s.webhooks().create(ws, new WebhookService.EndpointSpec("https://example.com/hooks", "test", List.of("*"),
                    null));
            f.agents.delegate(ws, "vpr_demo", CallsFixture.ALL_SCOPES);
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String lead = f.addLead(ws, "two-" + i, zoneAtHour(12), Consent.GRANTED, false);
                ids.add(f.calls.place(ws, PlaceCall.outbound(lead, "vpr_demo", null, null, null)).id());
                second.wake();
            }
            for (String id : ids) {
                CallRecord done = await(ws, id);
                assertThat(done.live()).as(id).isFalse();
                assertThat(eventTypes(id).stream().filter("call.dialling"::equals)).as(id).hasSize(1);
                assertThat(eventTypes(id).stream().filter("call.verdict"::equals)).as(id).hasSize(1);
            }
            assertThat(webhooks(ws)).containsEntry("agent.run.completed", ids.size())
                    .containsEntry("call.started", ids.size()).containsEntry("call.ended", ids.size());
        } finally {
            second.stop();
        }
    }

    @Test
    void theComplianceGate_refusesBeforeDialling_andTheRefusalIsStored() {
        String ws = workspace().workspaceId();
        f.agents.delegate(ws, "vpr_demo", CallsFixture.ALL_SCOPES);
        String dnc = f.addLead(ws, "dnc-1", zoneAtHour(12), Consent.GRANTED, true);
        String noConsent = f.addLead(ws, "nc-1", zoneAtHour(12), Consent.UNKNOWN, false);
        String night = f.addLead(ws, "night-1", zoneAtHour(3), Consent.GRANTED, false);
        String noZone = f.addLead(ws, "nz-1", null, Consent.GRANTED, false);

        Map<String, String[]> expected = Map.of(dnc, new String[]{"do_not_call", "do_not_call"},
                noConsent, new String[]{"failed", "missing_consent"},
                night, new String[]{"outside_calling_hours", "outside_calling_hours"},
                noZone, new String[]{"outside_calling_hours", "unknown_time_zone"});
        expected.forEach((lead, want) -> {
            CallRecord c = f.calls.place(ws, PlaceCall.outbound(lead, "vpr_demo", null, null, null));
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
        String ws = workspace().workspaceId();
        String lead = f.addLead(ws, "busy-1", zoneAtHour(12), Consent.GRANTED, false);
        CompliancePolicy one = CompliancePolicy.defaults().withConcurrency(1, 1);
        // A live call of the workspace, written as the runner would hold it (its lease far away).
        herald.services().db().write(h -> h.createUpdate("INSERT INTO voice_calls (id, workspace_id, direction, "
                        + "status, provider, lead_id, profile_id, profile_version, objective, attempt, meeting_booked, "
                        + "created_at, updated_at, lease_owner, lease_until) VALUES ('call_live_" + ws.hashCode()
                        + "', :w, 'outbound', 'in_progress', 'simulated', :l, 'vpr_demo', 1, 'qualify_for_demo', 1, 0, "
                        + "0, 0, 'elsewhere', :u)").bind("w", ws).bind("l", lead)
                .bind("u", System.currentTimeMillis() + 3_600_000L).execute());

        assertThatThrownBy(() -> f.calls.place(ws, new PlaceCall("outbound", lead, "vpr_demo", null, null, 1, null,
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
        String ws = workspace().workspaceId();
        assertThatThrownBy(() -> f.calls.place(ws, new PlaceCall("sideways", null, null, null, null, 0, null, null,
                null, null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(er -> er.field())
                        .containsExactlyInAnyOrder("direction", "lead_id", "profile_id", "attempt"));
        assertThatThrownBy(() -> f.calls.place(ws, PlaceCall.outbound("nobody", "vpr_demo", null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("lead_id"));
        f.addLead(ws, "l-obj", zoneAtHour(12), Consent.GRANTED, false);
        assertThatThrownBy(() -> f.calls.place(ws, PlaceCall.outbound("l-obj", "vpr_demo", "sell_ice", null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("objective"));
    }

    @Test
    void theHttpRoutes_answerProblemsNamingTheField() {
        String key = workspace().secret().reveal();
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
