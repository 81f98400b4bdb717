package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Every keyed write answers a retry the same way, whichever key it carries (a session start's
 * permit key, a batch key, an interruption id, an {@code Idempotency-Key} header): the first
 * answer's status and body byte for byte with {@code Idempotent-Replayed: true}, and a different
 * request under a used key is the same 409 conflict.
 */
abstract class KeyedReplayContract extends RealtimeTestBase {

    private static void assertReplayOf(Http.Response first, Http.Response again) {
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).as(again.body()).isEqualTo(first.status());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.bytes()).as(again.body()).isEqualTo(first.bytes());
    }

    private static void assertReuseConflict(Http.Response r, String keyField, String key) {
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:conflict");
        assertThat(r.json().path("detail").asText())
                .isEqualTo(keyField + " '" + key + "' was already used for a different request");
    }

    @Test
    void sessionStart_retryAnswersTheFirstBytes_andAnotherStartUnderTheKeyIsTheConflict() {
        Tenant t = tenant();
        ObjectNode body = startBody(t, "start-1", 5000L);
        Http.Response first = post(t, "/v1/sessions", body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertReplayOf(first, post(t, "/v1/sessions", body));
        assertReuseConflict(post(t, "/v1/sessions", startBody(t, "start-1", 6000L)), "permit.idempotency_key", "start-1");
    }

    @Test
    void atomBatch_retryAnswersTheFirstBytes_andAnotherBatchUnderTheKeyIsTheConflict() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode body = batch("batch-1", sidecar.signEd(id, audio("inbound")), audio("outbound"));
        Http.Response first = post(t, "/v1/voice/sessions/" + id + "/events", body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertReplayOf(first, post(t, "/v1/voice/sessions/" + id + "/events", body));
        assertReuseConflict(post(t, "/v1/voice/sessions/" + id + "/events",
                batch("batch-1", sidecar.signEd(id, audio("inbound")))), "batch_idempotency_key", "batch-1");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void interruption_repeatAnswersDuplicateAsAReplay_theSameBytesEveryTime_andAnotherStateIsTheConflict() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        String path = "/v1/sessions/" + id + "/interruption-events";
        ObjectNode state = interruption(sidecar, id, "int-1", 840);
        Http.Response first = post(t, path, state);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("status").asText()).isEqualTo("accepted");
        Http.Response repeat = post(t, path, state);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(repeat.json().path("event_hash")).isEqualTo(first.json().path("event_hash"));
        // The kept answer is the duplicate one, and a repeat of the repeat is that answer byte for byte.
        Http.Response again = post(t, path, state);
        assertThat(again.bytes()).isEqualTo(repeat.bytes());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        // Re-signed (ML-DSA signatures differ every time) is still the same interruption.
        ObjectNode resigned = state.deepCopy();
        resigned.remove("signatures");
        resigned.set("signatures", interruption(sidecar, id, "int-1", 840, true).get("signatures"));
        assertThat(post(t, path, resigned).bytes()).isEqualTo(repeat.bytes());
        assertReuseConflict(post(t, path, interruption(sidecar, id, "int-1", 841)), "interruption_id", "int-1");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void idempotencyKeyHeader_retryAnswersTheFirstBytes_andAnotherRequestUnderTheKeyIsTheConflict() {
        Tenant t = tenant();
        String id = start(t, null);
        String body = "{\"input_tokens\":10,\"output_tokens\":5,\"risk_budget_used_micros\":1}";
        String path = "/v1/sessions/" + id + "/turns";
        Http.Response first = http.post(path, t.key(), body, "Idempotency-Key", "turn-1");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertReplayOf(first, http.post(path, t.key(), body, "Idempotency-Key", "turn-1"));
        assertReuseConflict(http.post(path, t.key(), body.replace("10", "11"), "Idempotency-Key", "turn-1"),
                "Idempotency-Key", "turn-1");
    }

    @Test
    void concurrentRetriesOfOneBatch_appendItOnce_andAllAnswerTheSameBytes() throws Exception {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode body = batch("batch-race", sidecar.signEd(id, audio("inbound")), sidecar.signEd(id, marker("started")));
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> post(t, "/v1/voice/sessions/" + id + "/events", body)));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : answers) {
                responses.add(f.get());
            }
            assertThat(responses).extracting(Http.Response::status).containsOnly(200);
            assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
            assertThat(responses).extracting(Http.Response::body).containsOnly(responses.getFirst().body());
        } finally {
            pool.shutdown();
        }
        assertThat(eventCount(id)).isEqualTo(3);
    }

    private static ObjectNode batch(String key, ObjectNode... atoms) {
        ObjectNode body = MAPPER.createObjectNode().put("batch_idempotency_key", key);
        for (ObjectNode a : atoms) {
            body.withArray("events").add(a);
        }
        return body;
    }

    private static ObjectNode interruption(Sidecar sidecar, String sessionId, String id, int cutoff) {
        return interruption(sidecar, sessionId, id, cutoff, false);
    }

    /** An interruption signed as an {@code interruption_state} atom, with Ed25519 or ML-DSA-65. */
    private static ObjectNode interruption(Sidecar sidecar, String sessionId, String id, int cutoff, boolean mlDsa) {
        ObjectNode state = MAPPER.createObjectNode();
        state.put("interruption_id", id);
        state.put("captured_at_ns", "1780513203000000000");
        state.put("delivered_digest", "sha256:" + "11".repeat(32));
        state.put("withheld_digest", "sha256:" + "22".repeat(32));
        state.put("cutoff_offset_ms", cutoff);
        ObjectNode payload = state.deepCopy();
        payload.remove(List.of("interruption_id", "captured_at_ns"));
        ObjectNode asAtom = MAPPER.createObjectNode().put("atom_type", "interruption_state")
                .put("idempotency_key", id).put("captured_at_ns", "1780513203000000000");
        asAtom.set("payload", payload);
        ObjectNode signed = mlDsa ? sidecar.signMl(sessionId, asAtom) : sidecar.signEd(sessionId, asAtom);
        state.set("signatures", signed.get("signatures"));
        return state;
    }
}
