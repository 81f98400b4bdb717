package dev.herald.voice.calls;

import static dev.herald.voice.VoiceWorkspace.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.governance.realtime.SessionView;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.VoiceWorkspace;
import dev.herald.voice.core.simulation.Persona;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls at a real pace (4x), on each store, over the server's own wiring: hanging up a live call
 * through the API, and a node that dies mid-call (its lease lapses): another node on the same
 * store fails the call and its session once ({@code node_lost}), never dials it again, and the
 * dead node's late end writes nothing.
 */
abstract class PacedPlacementContract extends RunningHerald {

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(new VoiceSettings(4));
    }

    private int count(String sql, String value) {
        return herald.services().db().read(h -> h.createQuery(sql).bind("v", value).mapTo(Integer.class).one());
    }

    /** A call placed over HTTP to a qualified buyer, once it is in progress on this node. */
    private CallRecord liveCall(VoiceWorkspace w) {
        herald.services().webhooks().create(w.id(), new WebhookService.EndpointSpec("https://example.com/hooks", "test",
                List.of("*"), null));
        String placed = ok(http.post("/api/v1/voice/calls", w.key(), "{\"direction\":\"outbound\",\"lead_id\":\""
                + w.leadPlayedAs(Persona.QUALIFIED_BUYER) + "\",\"profile_id\":\"" + w.profile() + "\"}"), 201)
                .path("id").asText();
        CallRecord live = w.until(placed, c -> CallRecord.IN_PROGRESS.equals(c.status()));
        assertThat(live.status()).isEqualTo(CallRecord.IN_PROGRESS);
        return live;
    }

    @Test
    void hangingUpALiveCallThroughTheApi_endsItAtItsNextStep() {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        CallRecord live = liveCall(w);

        Http.Response r = http.post("/api/v1/voice/calls/" + live.id() + "/hangup", w.key(), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("hangup_requested_at").isTextual()).isTrue();
        CallRecord ended = w.awaitEnd(live.id());

        assertThat(ended.status()).isEqualTo(CallRecord.ENDED);
        assertThat(ended.endReason()).isEqualTo("operator_hung_up");
        assertThat(ended.durationMs()).isLessThan(60_000);
        SessionView session = herald.services().sessions().get(ended.projectId(), ended.sessionId());
        assertThat(session.status()).isEqualTo("ended");
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE event_type = 'agent.run.completed' "
                + "AND payload LIKE '%' || :v || '%'", live.id())).isEqualTo(1);
    }

    @Test
    void aCallWhoseNodeDied_isFailedOnceByAnotherNode_andNeverDialledAgain() throws Exception {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        CallRecord live = liveCall(w);
        try (Herald other = Herald.start(config())) {
            CallRunner otherRunner = other.services().voice().workers().stream().filter(CallRunner.class::isInstance)
                    .map(CallRunner.class::cast).findFirst().orElseThrow();
            // The running node stops renewing: as if it had been killed, its lease lapses.
            herald.services().db().write(h -> h.createUpdate("UPDATE voice_calls SET lease_until = 1 WHERE id = :id")
                    .bind("id", live.id()).execute());

            assertThat(otherRunner.recoverLost()).isEqualTo(1);
            assertThat(otherRunner.recoverLost()).isZero();
        }
        CallRecord failed = herald.services().voice().calls().get(w.id(), live.id());
        assertThat(failed.status()).isEqualTo(CallRecord.FAILED);
        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.endReason()).isEqualTo("node_lost");
        assertThat(failed.chainHeadHash()).isNotBlank();
        SessionView session = herald.services().sessions().get(failed.projectId(), failed.sessionId());
        assertThat(session.status()).isEqualTo("failed");
        assertThat(session.failureReason()).isEqualTo("node_lost");

        // The first node, still playing, finds its call taken at its next step and writes no end of its own.
        Thread.sleep(1_500);
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE event_type = 'agent.run.completed' "
                + "AND payload LIKE '%' || :v || '%'", live.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE event_type = 'call.ended' "
                + "AND payload LIKE '%' || :v || '%'", live.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM voice_call_events WHERE call_id = :v AND type = 'call.dialling'",
                live.id())).isEqualTo(1);
        assertThat(herald.services().voice().calls().get(w.id(), live.id()).status()).isEqualTo(CallRecord.FAILED);
    }
}
