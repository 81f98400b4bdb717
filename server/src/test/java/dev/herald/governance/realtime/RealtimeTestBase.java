package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.verify.Check;
import dev.herald.evidence.verify.CheckResult;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.StoreExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A real server on a real port over one store, and helpers that speak the realtime API. */
abstract class RealtimeTestBase extends RunningHerald {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final AtomicLong NS = new AtomicLong(1_780_513_200_000_000_000L);


    /** A workspace with one project: its project key and its admin key. */
    record Tenant(String projectId, String key, String adminKey) {
    }

    Tenant tenant() {
        String ws = "ws-" + UUID.randomUUID();
        IssuedKey admin = herald.services().bootstrap().createKey(ws, null, "admin");
        IssuedKey project = herald.services().bootstrap().createKey(ws, "voice", "sidecar");
        return new Tenant(project.projectId(), project.secret().reveal(), admin.secret().reveal());
    }

    /** A tenant whose sidecar keys (Ed25519 and ML-DSA-65) are registered. */
    Tenant tenant(Sidecar sidecar) {
        Tenant t = tenant();
        assertThat(post(t, "/v1/sidecar-keys", MAPPER.createObjectNode().put("key_id", sidecar.edKeyId)
                .put("algorithm", "ed25519").put("public_key", sidecar.edPublic())).status()).isEqualTo(201);
        assertThat(post(t, "/v1/sidecar-keys", MAPPER.createObjectNode().put("key_id", sidecar.mlKeyId)
                .put("algorithm", "ml-dsa-65").put("public_key", sidecar.mlPublic())).status()).isEqualTo(201);
        return t;
    }

    Http.Response post(Tenant t, String path, JsonNode body, String... headers) {
        return http.post(path, t.key(), body.toString(), headers);
    }

    Http.Response get(Tenant t, String path) {
        return http.get(path, t.key());
    }

    ObjectNode startBody(Tenant t, String idempotencyKey, Long budget) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode permit = body.putObject("permit");
        permit.put("project_id", t.projectId());
        permit.put("idempotency_key", idempotencyKey);
        permit.putObject("subject").put("type", "user").put("id", "usr_example_voice");
        permit.putObject("action").put("name", "realtime.session");
        ObjectNode resource = permit.putObject("resource");
        resource.put("type", "request").put("id", "req_" + idempotencyKey);
        resource.putObject("attributes").put("provider", "openai").put("model", "gpt-4o-realtime-preview")
                .put("operation", "realtime.session").put("execution_mode", "realtime")
                .put("estimated_input_tokens", 0).put("estimated_output_tokens", 0);
        body.putObject("metadata").put("voice_provider", "openai_realtime");
        if (budget != null) {
            body.put("risk_budget_total_micros", budget);
        }
        return body;
    }

    String start(Tenant t, Long budget) {
        Http.Response r = post(t, "/v1/sessions", startBody(t, "idem-" + UUID.randomUUID(), budget));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("session_id").asText();
    }

    static ObjectNode atom(String type, String direction, ObjectNode payload) {
        ObjectNode a = MAPPER.createObjectNode();
        a.put("atom_type", type);
        a.put("idempotency_key", "evt-" + UUID.randomUUID());
        a.put("captured_at_ns", NS.addAndGet(1_000_000));
        if (direction != null) {
            a.put("direction", direction);
        }
        a.set("payload", payload);
        return a;
    }

    static ObjectNode audio(String direction) {
        return atom("audio_chunk", direction, MAPPER.createObjectNode()
                .put("content_hash", "sha256:" + "ab".repeat(32)).put("format", "pcm16").put("duration_ms", 1500));
    }

    static ObjectNode transcript(String direction, String text) {
        return atom("transcript_span", direction, MAPPER.createObjectNode().put("text", text).put("language", "en"));
    }

    static ObjectNode marker(String type) {
        return atom("lifecycle_marker", null, MAPPER.createObjectNode().put("marker_type", type));
    }

    Http.Response events(Tenant t, String sessionId, ObjectNode... atoms) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("batch_idempotency_key", "batch-" + UUID.randomUUID());
        ArrayNode events = body.putArray("events");
        for (ObjectNode a : atoms) {
            events.add(a);
        }
        return post(t, "/v1/voice/sessions/" + sessionId + "/events", body);
    }

    JsonNode acceptedEvents(Tenant t, String sessionId, ObjectNode... atoms) {
        Http.Response r = events(t, sessionId, atoms);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode result : r.json().get("results")) {
            assertThat(result.get("status").asText()).as(r.body()).isEqualTo("accepted");
        }
        return r.json();
    }

    Http.Response turn(Tenant t, String sessionId, long in, long out, long micros) {
        return post(t, "/v1/sessions/" + sessionId + "/turns", MAPPER.createObjectNode().put("input_tokens", in)
                .put("output_tokens", out).put("risk_budget_used_micros", micros));
    }

    JsonNode end(Tenant t, String sessionId) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("usage_metrics").addObject().put("meter", "realtime_minutes").put("quantity", 3);
        body.putObject("metadata").put("ended_by", "voice_gateway");
        Http.Response r = post(t, "/v1/sessions/" + sessionId + "/end", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    Http.Response policy(Tenant t, ObjectNode rules) {
        ObjectNode body = MAPPER.createObjectNode().put("name", "p-" + UUID.randomUUID().toString().substring(0, 8));
        body.set("policy_json", rules);
        Http.Response r = post(t, "/v1/policies", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** {@code herald verify}: pinned to this install's issuer key, trusting this install's TSA root. */
    VerificationReport verify(JsonNode document) {
        VerifyOptions options = VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys());
        return new EvidenceVerifier(options).verify(document.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void assertAllPass(VerificationReport report) {
        for (CheckResult c : report.checks()) {
            assertThat(c.status()).as(c.check() + ": " + c.detail()).isEqualTo(CheckStatus.PASS);
        }
        assertThat(report.verified()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::check).contains(Check.ARTIFACT_SCHEMA,
                Check.ISSUER_SIGNATURE, Check.CHAIN_INTEGRITY, Check.POLICY_SNAPSHOT_HASH, Check.RFC3161_TIMESTAMP_RECEIPT,
                Check.PROJECT_CHAIN_HEAD_BINDING, Check.TSA_CERTIFICATE_CHAIN, Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT, Check.ISSUER_AUTHENTICATED,
                Check.PERMIT_LINKAGE);
    }

    static void assertProblem(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.body()).contains(field);
        }
    }

    long eventCount(String sessionId) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM session_events WHERE session_id = :s")
                .bind("s", sessionId).mapTo(Long.class).one());
    }
}
