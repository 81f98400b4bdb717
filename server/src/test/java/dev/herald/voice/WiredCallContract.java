package dev.herald.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.calls.CallRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The voice features as the server wires them, with no test port in between: a profile, leads in the
 * CRM, a knowledge document and the default calendar; calls placed over HTTP run as governed sessions
 * on the simulated provider; each finished call writes its verdict back to its lead with the session's
 * chain head, and the session's attestation verifies offline.
 */
abstract class WiredCallContract extends RunningHerald {

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(VoiceSettings.COMPRESSED);
    }

    @Test
    void callsPlacedOverHttpRunGovernedAndWriteTheirVerdictBackWithAnAttestationThatVerifies() {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        String profile = w.profile();
        w.knowledge("Pricing", "Herald costs 400 dollars a month per workspace. "
                + "Every call is attested and verifiable offline.");
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leads.add(w.lead("Lead " + i, VoiceWorkspace.zoneAtHour(12), "granted", false));
        }
        List<String> calls = new ArrayList<>();
        for (String lead : leads) {
            JsonNode call = VoiceWorkspace.ok(http.post("/api/v1/voice/calls", w.key(), "{\"direction\":\"outbound\","
                    + "\"lead_id\":\"" + lead + "\",\"profile_id\":\"" + profile + "\"}"), 201);
            assertThat(call.path("provider").asText()).isEqualTo("simulated");
            calls.add(call.path("id").asText());
        }
        int verified = 0;
        for (String id : calls) {
            CallRecord done = w.awaitEnd(id);
            assertThat(done.status()).as(id).isEqualTo(CallRecord.ENDED);
            JsonNode verdict = w.readLead(done.leadId()).path("verdicts").get(0);
            assertThat(verdict.path("call_id").asText()).isEqualTo(id);
            assertThat(verdict.path("summary").asText()).as(verdict.toString()).isEqualTo(done.summary());
            if (done.sessionId() != null) {
                assertThat(verdict.path("session_id").asText()).isEqualTo(done.sessionId());
                assertThat(verdict.path("chain_head_hash").asText()).isEqualTo(done.chainHeadHash());
                assertThat(w.attestationVerifies(done.projectId(), done.sessionId())).as(id).isTrue();
                verified++;
            }
        }
        assertThat(verified).as("answered calls among six simulated leads").isPositive();
    }

    /**
     * A call ends without waiting for its recording: the call says {@code rendering} until the
     * background renderer has made it from the call's words, then serves real audio through its
     * signed link. A callee who declined has none.
     */
    @Test
    void aConsentingCalleesRecording_isMadeAfterTheCallEnded_andServedThroughItsLink() {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        String profile = w.profile();
        boolean espeak = dev.herald.voice.recordings.SpeechRenderer.espeakNg().available();
        for (int attempt = 0; attempt < 10; attempt++) {
            String lead = w.leadPlayedAs(dev.herald.voice.core.simulation.Persona.QUALIFIED_BUYER);
            String id = VoiceWorkspace.ok(http.post("/api/v1/voice/calls", w.key(), "{\"direction\":\"outbound\","
                    + "\"lead_id\":\"" + lead + "\",\"profile_id\":\"" + profile + "\"}"), 201).path("id").asText();
            assertThat(w.awaitEnd(id).status()).isEqualTo(CallRecord.ENDED);
            JsonNode call = callOnceRendered(w, id);
            if (!consented(call)) {
                assertThat(call.path("recording").isNull()).as(call.toString()).isTrue();
                assertThat(call.path("recording_unavailable_reason").asText()).isEqualTo("not_recorded");
                continue;
            }
            if (!espeak) {
                assertThat(call.path("recording_unavailable_reason").asText()).isEqualTo("recording_unavailable");
                return;
            }
            String url = call.path("recording").path("url").asText();
            assertThat(url).as(call.toString()).startsWith("/api/v1/voice/recordings/");
            Http.Response audio = http.get(url, null);
            assertThat(audio.status()).isEqualTo(200);
            assertThat(audio.contentType()).startsWith("audio/wav");
            assertThat(dev.herald.voice.recordings.Wav.parse(audio.bytes()).durationMs()).isGreaterThan(2_000);
            return;
        }
        throw new AssertionError("none of ten qualified buyers consented to recording");
    }

    /** The call as its reader sees it once its recording is no longer being rendered (at most 60 s). */
    private JsonNode callOnceRendered(VoiceWorkspace w, String id) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode call = VoiceWorkspace.ok(http.get("/api/v1/voice/calls/" + id, w.key()), 200);
            if (!"rendering".equals(call.path("recording_unavailable_reason").asText()) || System.nanoTime() > deadline) {
                return call;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Whether the callee's answer to the agent's recording question was yes (a no names recording). */
    private static boolean consented(JsonNode call) {
        JsonNode turns = call.path("transcript");
        for (int i = 0; i + 1 < turns.size(); i++) {
            if (turns.get(i).path("role").asText().equals("agent") && turns.get(i).path("text").asText().contains("record")
                    && turns.get(i + 1).path("role").asText().equals("user")) {
                return !turns.get(i + 1).path("text").asText().contains("record");
            }
        }
        return false;
    }

    @Test
    void aPlayedCallWhoseAgentSendsAFollowUp_storesItOnce_queuesItsWebhookOnce_andShowsItOnTheCall() throws Exception {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        String key = w.key();
        String ws = w.id();
        herald.services().webhooks().create(ws, new dev.herald.platform.webhooks.WebhookService.EndpointSpec(
                "https://example.com/hooks", "test", List.of("call.follow_up.requested"), null));
        String profile = w.profile();
        String zone = VoiceWorkspace.zoneAtHour(12);
        // Personas follow the lead id: call new leads until one's agent hands over a follow-up (about
        // one call in three does: an unqualified buyer is sent information, a qualified one may leave
        // a question open). Every call on the way must agree with its own tool results.
        for (int i = 0; i < 30; i++) {
            String lead = created(http.post("/api/v1/crm/leads", key, "{\"name\":\"Grace Hopper\",\"phone\":\"+1415555"
                    + String.format("%04d", 200 + i) + "\",\"email\":\"grace" + i + "@example.com\",\"company\":\"Cobol "
                    + "Works\",\"time_zone\":\"" + zone + "\",\"consent\":\"granted\"}")).path("id").asText();
            String id = created(http.post("/api/v1/voice/calls", key, "{\"direction\":\"outbound\",\"lead_id\":\""
                    + lead + "\",\"profile_id\":\"" + profile + "\"}")).path("id").asText();
            w.awaitEnd(id);
            List<String> results = herald.services().db().read(h -> h.createQuery("SELECT data FROM voice_call_events "
                    + "WHERE call_id = :c AND type = 'tool.result' AND data LIKE '%send_follow_up%'").bind("c", id)
                    .mapTo(String.class).list());
            JsonNode call = http.get("/api/v1/voice/calls/" + id, key).json();
            JsonNode followUps = call.path("follow_ups");
            int outbox = herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries "
                            + "WHERE event_type = 'call.follow_up.requested' AND payload LIKE :c")
                    .bind("c", "%\"call_id\":\"" + id + "\"%").mapTo(Integer.class).one());
            boolean handedOver = results.size() == 1 && results.getFirst().contains("\"done\"");
            assertThat(followUps.size()).as(id + " " + results).isEqualTo(handedOver ? 1 : 0);
            assertThat(outbox).as(id + " outbox").isEqualTo(handedOver ? 1 : 0);
            if (handedOver) {
                JsonNode f = followUps.get(0);
                assertThat(f.path("lead_id").asText()).isEqualTo(lead);
                assertThat(f.path("channel").asText()).isEqualTo("email");
                assertThat(f.path("recipient").asText()).isEqualTo("grace" + i + "@example.com");
                assertThat(f.path("reasons")).isNotEmpty();
                assertThat(f.path("body").asText()).startsWith("Hi Grace,").contains("Cobol Works");
                assertThat(http.get("/api/v1/voice/follow-ups?lead_id=" + lead, key).json().path("data"))
                        .containsExactly(f);
                return;
            }
        }
        throw new AssertionError("none of 30 simulated leads was sent a follow-up");
    }



    private static JsonNode created(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }
}
