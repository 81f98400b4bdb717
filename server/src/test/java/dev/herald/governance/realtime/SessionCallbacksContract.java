package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every session that ends or fails queues {@code session.ended} or {@code session.failed}, sent
 * by realtime (the session's owner) in the closing transaction, to the workspace's endpoints;
 * a session without a platform or an agent names neither.
 */
abstract class SessionCallbacksContract extends RealtimeTestBase {
    private final WebhookReceiver receiver = new WebhookReceiver();

    /** The receiver listens on this machine: allow private targets, as a development install does. */
    @Override
    protected HeraldConfig config() {
        return store().config().withPrivateTargets(true);
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    private JsonNode awaitData(String type, String sessionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (WebhookReceiver.Received r : receiver.received()) {
                JsonNode body = MAPPER.readTree(r.body());
                if (body.path("type").asText().equals(type)
                        && body.path("data").path("session_id").asText().equals(sessionId)) {
                    return body.path("data");
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " callback for " + sessionId);
    }

    @Test
    void everySessionThatEndsOrFails_queuesItsLifecycleCallback() throws Exception {
        Tenant t = tenant();
        Http.Response endpoint = http.post("/v1/webhooks/endpoints", t.adminKey(), "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"session.ended\",\"session.failed\"]}");
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String ended = start(t, null);
        assertThat(turn(t, ended, 5, 5, 0).status()).isEqualTo(200);
        end(t, ended);
        String failed = start(t, null);
        herald.services().sessions().fail(t.projectId(), failed, "test: cut off");

        assertThat(awaitData("session.ended", ended).toString()).isEqualTo(MAPPER.createObjectNode()
                .put("session_id", ended).put("project_id", t.projectId()).put("status", "ended")
                .putNull("platform_id").putNull("agent_id").put("turn_count", 1).toString());
        assertThat(awaitData("session.failed", failed).toString()).isEqualTo(MAPPER.createObjectNode()
                .put("session_id", failed).put("project_id", t.projectId()).put("status", "failed")
                .put("failure_reason", "test: cut off").putNull("platform_id").putNull("agent_id")
                .put("turn_count", 0).toString());
    }
}
