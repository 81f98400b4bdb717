package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.testing.Http;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Per-atom signature verification (enforce and record) and the bad-input classes of the events route. */
abstract class AtomIngestionContract extends RealtimeTestBase {

    private static JsonNode result(Http.Response r, int i) {
        return r.json().get("results").get(i);
    }

    @Test
    void enforce_rejectsUnsignedAndWronglySignedAtomsPerAtom_withTheReason() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode tampered = sidecar.signEd(id, transcript("inbound", "hello"));
        ((ObjectNode) tampered.get("payload")).put("text", "hello, changed");
        ObjectNode placeholder = audio("inbound");
        placeholder.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", "voice-sidecar-example")
                .put("signature", "sig_example_audio_001").put("signed_at", "2026-06-03T18:00:01Z");
        ObjectNode wrongKeyAlgorithm = audio("outbound");
        wrongKeyAlgorithm.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", sidecar.mlKeyId)
                .put("signature", "AAAA");
        Http.Response r = events(t, id, sidecar.signEd(id, audio("inbound")), tampered, audio("outbound"), placeholder,
                wrongKeyAlgorithm);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(result(r, 0).get("status").asText()).isEqualTo("accepted");
        assertThat(result(r, 1).get("status").asText()).isEqualTo("rejected");
        assertThat(result(r, 1).get("reason").asText()).contains("does not verify");
        assertThat(result(r, 2).get("reason").asText()).contains("unsigned");
        assertThat(result(r, 3).get("reason").asText()).contains("voice-sidecar-example");
        assertThat(result(r, 4).get("reason").asText()).contains("ml-dsa-65 key");
        assertThat(r.json().get("rejected_count").asInt()).isEqualTo(4);
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void everyRefusal_startsWithItsStableRejectionCode() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode tampered = sidecar.signEd(id, transcript("inbound", "hello"));
        ((ObjectNode) tampered.get("payload")).put("text", "hello, changed");
        ObjectNode unknownKey = audio("inbound");
        unknownKey.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", "nope")
                .put("signature", "AAAA");
        ObjectNode wrongAlgorithm = audio("outbound");
        wrongAlgorithm.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", sidecar.mlKeyId)
                .put("signature", "AAAA");
        ObjectNode expired = sidecar.signSessionCert(id, audio("inbound"), "2020-01-01T00:00:00Z");
        Http.Response r = events(t, id, tampered, audio("inbound"), unknownKey, wrongAlgorithm, expired);
        assertThat(r.json().get("results")).extracting(n -> n.get("reason").asText().split(": ", 2)[0])
                .containsExactly("bad_signature", "unsigned", "unknown_key", "algorithm_mismatch", "session_cert_expired");
        ObjectNode media = audio("inbound");
        ((ObjectNode) media.get("payload")).put("pcm", "UklGRg==");
        Http.Response refused = events(t, id, media);
        assertProblem(refused, 422, "events[0].payload.pcm");
        assertThat(refused.json().path("errors").get(0).path("reason").asText()).startsWith("media_bytes: ");
    }

    @Test
    void mlDsaSignatures_verify_andATamperedOneIsRejected() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode good = sidecar.signMl(id, marker("started"));
        ObjectNode both = sidecar.signMl(id, sidecar.signEd(id, audio("inbound")));
        ObjectNode bad = sidecar.signMl(id, marker("ended"));
        ((ObjectNode) bad.get("payload")).put("marker_type", "paused");
        Http.Response r = events(t, id, good, both, bad);
        assertThat(result(r, 0).get("signature_status").asText()).isEqualTo("verified");
        assertThat(result(r, 1).get("signature_status").asText()).isEqualTo("verified");
        assertThat(result(r, 2).get("status").asText()).isEqualTo("rejected");
    }

    @Test
    void sessionCert_verifiesForItsSessionOnly_andNotOnceExpired() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        String other = start(t, null);
        ObjectNode good = sidecar.signSessionCert(id, audio("inbound"), "2999-01-01T00:00:00Z");
        ObjectNode expired = sidecar.signSessionCert(id, audio("inbound"), "2020-01-01T00:00:00Z");
        Http.Response r = events(t, id, good, expired);
        assertThat(result(r, 0).get("signature_status").asText()).isEqualTo("verified");
        assertThat(result(r, 1).get("reason").asText()).contains("expired");
        ObjectNode elsewhere = sidecar.signSessionCert(id, audio("outbound"), null);
        Http.Response moved = events(t, other, elsewhere);
        assertThat(result(moved, 0).get("status").asText()).isEqualTo("rejected");
    }

    @Test
    void retiredKey_noLongerVerifies() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        assertThat(post(t, "/v1/sidecar-keys/" + sidecar.edKeyId + "/retire", MAPPER.createObjectNode()).json()
                .get("status").asText()).isEqualTo("retired");
        Http.Response r = events(t, id, sidecar.signEd(id, audio("inbound")));
        assertThat(result(r, 0).get("reason").asText()).contains("not an active sidecar key");
        JsonNode list = get(t, "/v1/sidecar-keys").json().get("data");
        assertThat(list).hasSize(2);
    }

    @Test
    void record_acceptsPlaceholderSignatures_markedUnverifiedInTheChain() {
        Tenant t = tenant();
        Http.Response set = http.send("PUT", "/v1/project-settings", t.key(), "application/json",
                "{\"atom_signatures\":\"record\"}".getBytes());
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(get(t, "/v1/project-settings").json().get("atom_signatures").asText()).isEqualTo("record");
        String id = start(t, null);
        ObjectNode placeholder = marker("started");
        placeholder.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", "voice-sidecar-example")
                .put("signature", "sig_example_started");
        Http.Response r = events(t, id, placeholder, audio("inbound"));
        assertThat(result(r, 0).get("status").asText()).isEqualTo("accepted");
        assertThat(result(r, 0).get("signature_status").asText()).isEqualTo("unverified");
        JsonNode artifact = end(t, id).get("attestation_artifact");
        JsonNode entry = artifact.get("chain").get(1);
        assertThat(entry.get("signature_status").asText()).isEqualTo("unverified");
        assertThat(entry.get("unverified_reason").asText()).contains("voice-sidecar-example");
        assertThat(verify(artifact).verified()).isTrue();
    }

    @Test
    void epochNanoseconds_acceptIntegersOfAnySizeAndNumericStrings() {
        Tenant t = tenant();
        setRecord(t);
        String id = start(t, null);
        ObjectNode big = audio("inbound");
        big.put("captured_at_ns", new BigInteger("123456789012345678901234567890"));
        ObjectNode text = audio("inbound");
        text.put("captured_at_ns", "1780513202000000000");
        Http.Response r = events(t, id, big, text);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode artifact = end(t, id).get("attestation_artifact");
        assertThat(artifact.get("chain").get(1).get("captured_at_ns").asText()).isEqualTo("123456789012345678901234567890");
    }

    private void setRecord(Tenant t) {
        http.send("PUT", "/v1/project-settings", t.key(), "application/json", "{\"atom_signatures\":\"record\"}".getBytes());
    }

    @Test
    void badInput_isA4xxNamingTheField_andWritesNothingOfTheBatch() {
        Tenant t = tenant();
        setRecord(t);
        String id = start(t, null);
        String path = "/v1/voice/sessions/" + id + "/events";
        assertProblem(http.post(path, t.key(), "{\"batch_idempotency_key\": \"b\", \"events\": ["), 400, "malformed");
        assertProblem(http.post(path, t.key(), "{\"events\": []}"), 422, "batch_idempotency_key");
        assertProblem(http.post(path, t.key(), "{\"batch_idempotency_key\": \"b\", \"events\": {}}"), 422, "events");
        ObjectNode tooMany = MAPPER.createObjectNode().put("batch_idempotency_key", "b");
        ArrayNode many = tooMany.putArray("events");
        for (int i = 0; i < 101; i++) {
            many.add(audio("inbound"));
        }
        assertProblem(post(t, path, tooMany), 422, "at most 100");
        assertProblem(events(t, id, audio("inbound"), atom("video_frame", null, MAPPER.createObjectNode())), 422,
                "events[1].atom_type");
        ObjectNode floatNs = audio("inbound");
        floatNs.put("captured_at_ns", 1.7805132E18);
        assertProblem(events(t, id, audio("inbound"), floatNs), 422, "events[1].captured_at_ns");
        ObjectNode media = audio("inbound");
        ((ObjectNode) media.get("payload")).put("audio_base64", "UklGRg==");
        assertProblem(events(t, id, media), 422, "events[0].payload.audio_base64");
        ObjectNode noHash = audio("inbound");
        ((ObjectNode) noHash.get("payload")).remove("content_hash");
        assertProblem(events(t, id, noHash), 422, "events[0].payload.content_hash");
        ObjectNode wrongType = audio("inbound");
        ((ObjectNode) wrongType.get("payload")).put("duration_ms", "long");
        assertProblem(events(t, id, wrongType), 422, "events[0].payload.duration_ms");
        ObjectNode noDirection = audio(null);
        assertProblem(events(t, id, noDirection), 422, "events[0].direction");
        ObjectNode badAlgorithm = audio("inbound");
        badAlgorithm.putArray("signatures").addObject().put("algorithm", "rsa").put("key_id", "k").put("signature", "x");
        assertProblem(events(t, id, audio("inbound"), badAlgorithm), 422, "events[1].signatures[0].algorithm");
        ObjectNode floatPayload = transcript("inbound", "hi");
        ((ObjectNode) floatPayload.get("payload")).put("confidence", 0.93);
        assertProblem(events(t, id, floatPayload), 422, "events[0].payload.confidence");
        assertThat(eventCount(id)).isEqualTo(1);

        String turns = "/v1/sessions/" + id + "/turns";
        assertProblem(http.post(turns, t.key(), "{\"input_tokens\": \"many\"}"), 422, "input_tokens");
        assertProblem(http.post(turns, t.key(), "{\"input_tokens\": 1.5}"), 422, "input_tokens");
        assertProblem(http.post(turns, t.key(), "{\"tool_call\": {\"call_id\": \"c\"}}"), 422, "tool_call.tool_name");
        ObjectNode noSubject = startBody(t, "idem-bad", null);
        ((ObjectNode) noSubject.get("permit")).remove("subject");
        assertProblem(post(t, "/v1/sessions", noSubject), 422, "permit.subject");
        ObjectNode badBudget = startBody(t, "idem-bad2", null);
        badBudget.put("risk_budget_total_micros", -5);
        assertProblem(post(t, "/v1/sessions", badBudget), 422, "risk_budget_total_micros");
        assertThat(eventCount(id)).isEqualTo(1);
        assertThat(get(t, "/v1/sessions/" + id).json().get("turn_count").asInt()).isZero();
    }
}
