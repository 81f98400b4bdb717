package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.governance.realtime.SessionView;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.simulation.Persona;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls at a real pace (4x), on each store: hanging up a live call through the API, and a node
 * that dies mid-call (its lease lapses): another node fails the call and its session once
 * ({@code node_lost}), never dials it again, and the dead node's late end writes nothing.
 */
abstract class PacedPlacementContract extends RunningHerald {
    private CallsFixture node;
    private CallsFixture other;

    @BeforeAll
    void startCalls() {
        node = new CallsFixture(herald.services(), 4);
        other = new CallsFixture(herald.services(), 4);
        node.runner.start();
    }

    @AfterAll
    void stopCalls() {
        node.runner.stop();
    }

    private CallRecord until(String ws, String id, Predicate<CallRecord> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            CallRecord c = node.calls.get(ws, id);
            if (done.test(c) || System.nanoTime() > deadline) {
                return c;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private int count(String sql, String value) {
        return herald.services().db().read(h -> h.createQuery(sql).bind("v", value).mapTo(Integer.class).one());
    }

    private CallRecord liveCall(IssuedKey key) {
        String ws = key.workspaceId();
        herald.services().webhooks().create(ws, new WebhookService.EndpointSpec("https://example.com/hooks", "test",
                List.of("*"), null));
        node.agents.delegate(ws, "vpr_demo", CallsFixture.ALL_SCOPES);
        String lead = node.addLead(ws, CallsFixture.leadOf("p", Persona.QUALIFIED_BUYER),
                CallPlacementContract.zoneAtHour(12), Consent.GRANTED, false);
        CallRecord placed = node.calls.place(ws, PlaceCall.outbound(lead, "vpr_demo", null, null, null));
        CallRecord live = until(ws, placed.id(), c -> CallRecord.IN_PROGRESS.equals(c.status()));
        assertThat(live.status()).isEqualTo(CallRecord.IN_PROGRESS);
        return live;
    }

    @Test
    void hangingUpALiveCallThroughTheApi_endsItAtItsNextStep() {
        IssuedKey key = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", null);
        CallRecord live = liveCall(key);

        Http.Response r = http.post("/api/v1/voice/calls/" + live.id() + "/hangup", key.secret().reveal(), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("hangup_requested_at").isTextual()).isTrue();
        CallRecord ended = until(key.workspaceId(), live.id(), c -> !c.live());

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
        IssuedKey key = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", null);
        CallRecord live = liveCall(key);
        // The running node stops renewing: as if it had been killed, its lease lapses.
        herald.services().db().write(h -> h.createUpdate("UPDATE voice_calls SET lease_until = 1 WHERE id = :id")
                .bind("id", live.id()).execute());

        assertThat(other.runner.recoverLost()).isEqualTo(1);
        assertThat(other.runner.recoverLost()).isZero();
        CallRecord failed = node.calls.get(key.workspaceId(), live.id());
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
        assertThat(node.calls.get(key.workspaceId(), live.id()).status()).isEqualTo(CallRecord.FAILED);
    }
}
