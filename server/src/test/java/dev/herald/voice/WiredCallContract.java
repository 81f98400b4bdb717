package dev.herald.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.HeraldConfig;
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
}
