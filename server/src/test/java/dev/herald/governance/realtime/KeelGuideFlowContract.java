package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.verify.CheckResult;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.server.cli.Cli;
import dev.herald.server.Herald;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.testing.GuideSidecar;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.StoreExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Python and TypeScript flows of Keel's realtime-voice guide (start, events, turns, end),
 * translated to plain HTTP and sent unchanged to a real Herald: the same routes, the same bodies,
 * the same placeholder signatures. Under {@code enforce} those placeholders are rejected atom by
 * atom; under {@code record} they are accepted and marked unverified; either way the flow goes on,
 * and the artifact it ends with passes {@code herald verify} with every check. Then the same flows
 * with real Ed25519 signatures, and the guide's {@code mpp.payment} tool call.
 */
abstract class KeelGuideFlowContract extends RunningHerald {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GUIDE_KEY_ID = "voice-sidecar-example";


    /** KEEL_API_KEY and KEEL_PROJECT_ID of the guide: a fresh project and its client key. */
    record Env(String apiKey, String projectId) {
    }

    private Env env() {
        IssuedKey key = herald.services().bootstrap().createKey("guide-" + UUID.randomUUID(), "voice", null);
        return new Env(key.secret().reveal(), key.projectId());
    }

    /** The guide's TypeScript {@code keel()} helper: send JSON with the bearer key, throw unless 2xx. */
    private JsonNode keel(Env env, String method, String path, String body) {
        Http.Response r = http.send(method, path, env.apiKey(), "application/json", body.getBytes(StandardCharsets.UTF_8));
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("Keel request failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    private void setAtomSignatures(Env env, String mode) {
        JsonNode settings = keel(env, "PUT", "/v1/project-settings", "{\"atom_signatures\":\"" + mode + "\"}");
        assertThat(settings.path("atom_signatures").asText()).isEqualTo(mode);
    }

    private void registerGuideKey(Env env, GuideSidecar sidecar) {
        Http.Response r = http.post("/v1/sidecar-keys", env.apiKey(), sidecar.registration());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    // ---- the guide's request bodies, as the examples send them ----

    private static String startBody(Env env, String idempotencyKey, String requestId) {
        return """
                {"permit": {"project_id": "%s", "idempotency_key": "%s",
                  "subject": {"type": "user", "id": "usr_example_voice"},
                  "action": {"name": "realtime.session"},
                  "resource": {"type": "request", "id": "%s",
                    "attributes": {"provider": "openai", "model": "gpt-4o-realtime-preview",
                      "operation": "realtime.session", "execution_mode": "realtime",
                      "estimated_input_tokens": 0, "estimated_output_tokens": 0}}},
                 "metadata": {"voice_provider": "openai_realtime"},
                 "risk_budget_total_micros": 250000}""".formatted(env.projectId(), idempotencyKey, requestId);
    }

    /** The Python example's batch: a started marker and an inbound audio chunk (hash only). */
    private static final String PYTHON_EVENTS = """
            {"batch_idempotency_key": "batch_voice_example_001",
             "events": [
              {"atom_type": "lifecycle_marker", "idempotency_key": "voice_evt_example_started",
               "captured_at_ns": 1780513200000000000, "payload": {"marker_type": "started"},
               "signatures": [{"algorithm": "ed25519", "key_id": "voice-sidecar-example",
                 "signature": "sig_example_started", "signed_at": "2026-06-03T18:00:00Z"}]},
              {"atom_type": "audio_chunk", "idempotency_key": "voice_evt_example_audio_001",
               "captured_at_ns": 1780513201500000000, "direction": "inbound",
               "payload": {"content_hash": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "format": "pcm16", "duration_ms": 1500},
               "signatures": [{"algorithm": "ed25519", "key_id": "voice-sidecar-example",
                 "signature": "sig_example_audio_001", "signed_at": "2026-06-03T18:00:01Z"}]}]}""";

    /** The TypeScript example's batch: an inbound transcript span, epoch nanoseconds as a numeric string. */
    private static final String TYPESCRIPT_EVENTS = """
            {"batch_idempotency_key": "batch_voice_example_002",
             "events": [
              {"atom_type": "transcript_span", "idempotency_key": "voice_evt_example_transcript_001",
               "captured_at_ns": "1780513202000000000", "direction": "inbound",
               "payload": {"text": "I approve the support lookup for this account.", "language": "en"},
               "signatures": [{"algorithm": "ed25519", "key_id": "voice-sidecar-example",
                 "signature": "sig_example_transcript_001", "signed_at": "2026-06-03T18:00:02Z"}]}]}""";

    private static String turnBody(String responseId) {
        return """
                {"input_tokens": 280, "output_tokens": 120, "risk_budget_used_micros": 4500,
                 "metadata": {"provider_response_id": "%s"}}""".formatted(responseId);
    }

    private static final String END_BODY = """
            {"usage_metrics": [{"meter": "realtime_minutes", "quantity": 3},
                               {"meter": "input_tokens", "quantity": 280},
                               {"meter": "output_tokens", "quantity": 120}],
             "metadata": {"ended_by": "voice_gateway"}}""";

    /** The guide's voice tool call dispatched as {@code mpp.payment}; {@code validUntil} is the token's expiry. */
    private static String mppTurnBody(String validUntil) {
        return """
                {"input_tokens": 410, "output_tokens": 90, "risk_budget_used_micros": 7000,
                 "tool_call": {"tool_name": "stripe_mpp_payment", "call_id": "call_example_voice_mpp_001",
                  "action_verb": "mpp.payment",
                  "arguments": {"requested_amount": 1499, "requested_currency": "usd",
                   "mpp_target_url": "https://merchant.example/mpp/pay",
                   "spend_request_payload": {"id": "lsrq_example_voice_approved_001", "amount": 1499, "currency": "usd",
                    "status": "approved", "credential_type": "shared_payment_token",
                    "shared_payment_token": {"id": "spt_example_voice_001", "valid_until": "%s"},
                    "merchant_name": "Example Merchant", "merchant_url": "https://merchant.example/checkout",
                    "context": "The user approved a one-time voice purchase for the monthly research report for no more than $14.99 USD."},
                   "authority": {"amount_max": "1499", "currency_class": "USD_FIAT", "cadence": "one_shot",
                    "ttl_seconds": 3600, "purpose_binding": "purchase.once"}}}}""".formatted(validUntil);
    }

    // ---- the flows ----

    /** What a flow ended with. */
    record Outcome(String apiKey, String sessionId, JsonNode events, JsonNode turn, JsonNode ended) {
        JsonNode artifact() {
            return ended.path("attestation_artifact");
        }
    }

    /** The Python example: start, a two-atom batch, a turn (which must be allowed), end. */
    private Outcome pythonFlow(Env env, GuideSidecar signer) {
        JsonNode session = keel(env, "POST", "/v1/sessions",
                startBody(env, "idem_voice_session_example_001", "req_example_voice_001"));
        String sessionId = session.path("session_id").asText();
        JsonNode events = keel(env, "POST", "/v1/voice/sessions/" + sessionId + "/events",
                signer == null ? PYTHON_EVENTS : signed(PYTHON_EVENTS, sessionId, signer));
        JsonNode turn = keel(env, "POST", "/v1/sessions/" + sessionId + "/turns", turnBody("resp_example_voice_001"));
        if (!turn.path("decision").asText().equals("allow")) {
            throw new AssertionError(turn.path("user_facing_reason").asText(turn.path("decision").asText()));
        }
        JsonNode ended = keel(env, "POST", "/v1/sessions/" + sessionId + "/end", END_BODY);
        return new Outcome(env.apiKey(), sessionId, events, turn, ended);
    }

    /** The TypeScript example: start, a transcript span with string nanoseconds, a turn, end. */
    private Outcome typescriptFlow(Env env, GuideSidecar signer) {
        JsonNode session = keel(env, "POST", "/v1/sessions",
                startBody(env, "idem_voice_session_example_002", "req_example_voice_002"));
        String sessionId = session.path("session_id").asText();
        JsonNode events = keel(env, "POST", "/v1/voice/sessions/" + sessionId + "/events",
                signer == null ? TYPESCRIPT_EVENTS : signed(TYPESCRIPT_EVENTS, sessionId, signer));
        JsonNode turn = keel(env, "POST", "/v1/sessions/" + sessionId + "/turns", turnBody("resp_example_voice_002"));
        if (!turn.path("decision").asText().equals("allow")) {
            throw new AssertionError(turn.path("user_facing_reason").asText(turn.path("decision").asText()));
        }
        JsonNode ended = keel(env, "POST", "/v1/sessions/" + sessionId + "/end", END_BODY);
        assertThat(ended.path("attestation_artifact").path("schema").asText()).isEqualTo("keel.voice.attestation.phase_a");
        return new Outcome(env.apiKey(), sessionId, events, turn, ended);
    }

    /** The guide's batch with each placeholder signature replaced by a real one over the atom's canonical bytes. */
    private static String signed(String batch, String sessionId, GuideSidecar signer) {
        ObjectNode body = (ObjectNode) read(batch);
        for (JsonNode atom : body.withArray("events")) {
            String signedAt = atom.path("signatures").path(0).path("signed_at").asText();
            signer.sign(sessionId, (ObjectNode) atom, signedAt);
        }
        return body.toString();
    }

    // ---- checks ----

    private static void assertRejectedPerAtom(JsonNode events, int atoms) {
        assertThat(events.path("atom_signatures").asText()).isEqualTo("enforce");
        assertThat(events.path("rejected_count").asInt()).isEqualTo(atoms);
        assertThat(events.path("accepted_count").asInt()).isZero();
        assertThat(events.path("results")).hasSize(atoms);
        for (JsonNode r : events.path("results")) {
            assertThat(r.path("status").asText()).isEqualTo("rejected");
            assertThat(r.path("reason").asText()).contains("signature");
            assertThat(r.has("sequence")).isFalse();
        }
    }

    private static void assertAccepted(JsonNode events, int atoms, String signatureStatus) {
        assertThat(events.path("accepted_count").asInt()).as(events.toString()).isEqualTo(atoms);
        for (JsonNode r : events.path("results")) {
            assertThat(r.path("status").asText()).isEqualTo("accepted");
            assertThat(r.path("signature_status").asText()).isEqualTo(signatureStatus);
            assertThat(r.path("event_hash").asText()).startsWith("sha256:");
        }
    }

    /** The artifact's atom entries, which must be exactly the accepted atoms with the hashes they were answered. */
    private static List<JsonNode> atomEntries(Outcome o) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode e : o.artifact().path("chain")) {
            if (e.has("atom_type")) {
                entries.add(e);
            }
        }
        List<String> answered = new ArrayList<>();
        o.events().path("results").forEach(r -> {
            if (r.path("status").asText().equals("accepted")) {
                answered.add(r.path("event_hash").asText());
            }
        });
        assertThat(entries).extracting(e -> e.path("content_hash").asText()).containsExactlyElementsOf(answered);
        return entries;
    }

    /** {@code herald verify} (the real CLI) with the install's TSA root, the issuer key pinned and trust required. */
    private void assertHeraldVerifyPassesEveryCheck(Outcome o) {
        JsonNode artifact = o.artifact();
        assertThat(artifact.isObject()).as(o.ended().toString()).isTrue();
        assertThat(artifact.path("chain_head").path("content_hash").asText())
                .isEqualTo(o.ended().path("chain_head").path("content_hash").asText());
        Path file;
        try {
            file = Files.createTempFile(store().dataDir(), "voice_session_export", ".json");
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), artifact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("verify", file.toString(), "--json", "--require-trust",
                "--data-dir", store().dataDir().toString()));
        herald.services().attestation().keys().verificationKeys()
                .forEach(k -> args.addAll(List.of("--expected-public-key", k.encoded())));
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report + err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode json = read(report);
        List<String> checks = new ArrayList<>();
        json.path("checks").forEach(c -> checks.add(c.path("check").asText() + "=" + c.path("status").asText()));
        assertThat(checks).containsExactly("artifact_schema=pass", "issuer_signature=pass", "chain_integrity=pass",
                "policy_snapshot_hash=pass", "rfc3161_timestamp_receipt=pass", "project_chain_head_binding=pass",
                "tsa_certificate_chain=pass", "timestamp_not_before_first_event=pass", "issuer_authenticated=pass",
                "permit_linkage=pass");

        // The same through the library, and the artifact the session keeps is the one that was answered.
        VerificationReport library = new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys())
                .withRequireTrust(true)).verify(artifact.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(library.checks()).allSatisfy(c -> assertThat(c.status()).as(c.check() + ": " + c.detail())
                .isEqualTo(CheckStatus.PASS));
        assertThat(library.checks()).extracting(CheckResult::check).hasSize(10);
        assertThat(o.artifact()).isEqualTo(read(http.get("/v1/sessions/" + o.sessionId() + "/attestation",
                o.apiKey()).body()));
    }

    // ---- tests ----

    @Test
    void pythonFlow_placeholderSignaturesAreRejectedPerAtomUnderEnforce_andTheArtifactVerifies() {
        Env env = env();
        Outcome o = pythonFlow(env, null);
        assertRejectedPerAtom(o.events(), 2);
        assertThat(atomEntries(o)).isEmpty();
        assertThat(o.turn().path("turn_index").asInt()).isEqualTo(1);
        assertThat(o.ended().path("status").asText()).isEqualTo("ended");
        assertThat(o.ended().path("atom_count").asInt()).isZero();
        assertHeraldVerifyPassesEveryCheck(o);
    }

    @Test
    void pythonFlow_underRecord_keepsPlaceholderSignedAtomsAsUnverified_andTheArtifactVerifies() {
        Env env = env();
        setAtomSignatures(env, "record");
        Outcome o = pythonFlow(env, null);
        assertAccepted(o.events(), 2, "unverified");
        o.events().path("results").forEach(r -> assertThat(r.path("reason").asText()).contains("signature"));
        List<JsonNode> entries = atomEntries(o);
        assertThat(entries).extracting(e -> e.path("atom_type").asText()).containsExactly("lifecycle_marker", "audio_chunk");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("signature_status").asText()).isEqualTo("unverified");
            assertThat(e.path("unverified_reason").asText()).isNotBlank();
        });
        assertThat(entries.get(1).path("captured_at_ns").asText()).isEqualTo("1780513201500000000");
        assertThat(o.ended().path("atom_count").asInt()).isEqualTo(2);
        assertHeraldVerifyPassesEveryCheck(o);
    }

    @Test
    void typescriptFlow_placeholderSignaturesAreRejectedUnderEnforce_andAcceptedUnverifiedUnderRecord() {
        Env enforce = env();
        Outcome rejected = typescriptFlow(enforce, null);
        assertRejectedPerAtom(rejected.events(), 1);
        assertHeraldVerifyPassesEveryCheck(rejected);

        Env record = env();
        setAtomSignatures(record, "record");
        Outcome kept = typescriptFlow(record, null);
        assertAccepted(kept.events(), 1, "unverified");
        JsonNode entry = atomEntries(kept).getFirst();
        assertThat(entry.path("atom_type").asText()).isEqualTo("transcript_span");
        assertThat(entry.path("captured_at_ns").asText()).isEqualTo("1780513202000000000");
        assertHeraldVerifyPassesEveryCheck(kept);
    }

    @Test
    void pythonFlow_withRealEd25519Signatures_isAcceptedAndVerifiedUnderEnforce() {
        Env env = env();
        GuideSidecar sidecar = new GuideSidecar(GUIDE_KEY_ID, new SecureRandom());
        registerGuideKey(env, sidecar);
        Outcome o = pythonFlow(env, sidecar);
        assertAccepted(o.events(), 2, "verified");
        assertThat(atomEntries(o)).allSatisfy(e -> {
            assertThat(e.path("signature_status").asText()).isEqualTo("verified");
            assertThat(e.path("signature_key_ids").toString()).isEqualTo("[\"" + GUIDE_KEY_ID + "\"]");
        });
        assertHeraldVerifyPassesEveryCheck(o);
    }

    @Test
    void typescriptFlow_withRealEd25519Signatures_isAcceptedAndVerifiedUnderEnforce() {
        Env env = env();
        GuideSidecar sidecar = new GuideSidecar(GUIDE_KEY_ID, new SecureRandom());
        registerGuideKey(env, sidecar);
        Outcome o = typescriptFlow(env, sidecar);
        assertAccepted(o.events(), 1, "verified");
        assertHeraldVerifyPassesEveryCheck(o);
    }

    @Test
    void signatureOverTheWrongSessionOrAlteredPayloadIsRejected() {
        Env env = env();
        GuideSidecar sidecar = new GuideSidecar(GUIDE_KEY_ID, new SecureRandom());
        registerGuideKey(env, sidecar);
        String sessionId = keel(env, "POST", "/v1/sessions", startBody(env, "idem-x", "req-x")).path("session_id").asText();
        // Signed for another session: the canonical bytes bind the session id.
        JsonNode otherSession = keel(env, "POST", "/v1/voice/sessions/" + sessionId + "/events",
                signed(TYPESCRIPT_EVENTS, "sess_00000000000000000000000000", sidecar));
        assertRejectedPerAtom(otherSession, 1);
        // Signed, then the transcript changed in transit.
        String tampered = signed(TYPESCRIPT_EVENTS, sessionId, sidecar).replace("support lookup", "refund");
        JsonNode altered = keel(env, "POST", "/v1/voice/sessions/" + sessionId + "/events",
                tampered.replace("batch_voice_example_002", "batch_voice_example_002b"));
        assertRejectedPerAtom(altered, 1);
        // The genuine one goes in.
        JsonNode genuine = keel(env, "POST", "/v1/voice/sessions/" + sessionId + "/events",
                signed(TYPESCRIPT_EVENTS, sessionId, sidecar).replace("batch_voice_example_002", "batch_voice_example_002c"));
        assertAccepted(genuine, 1, "verified");
    }

    @Test
    void mppPaymentToolCallFromTheGuide_isDecidedAgainstItsSpendAuthority_andBoundIntoTheChain() {
        Env env = env();
        GuideSidecar sidecar = new GuideSidecar(GUIDE_KEY_ID, new SecureRandom());
        registerGuideKey(env, sidecar);
        String sessionId = keel(env, "POST", "/v1/sessions",
                startBody(env, "idem_voice_session_example_003", "req_example_voice_003")).path("session_id").asText();
        assertAccepted(keel(env, "POST", "/v1/voice/sessions/" + sessionId + "/events",
                signed(PYTHON_EVENTS, sessionId, sidecar)), 2, "verified");

        // Verbatim, the guide's shared payment token expired on 2026-06-03T19:00:00Z: denied, no permit.
        JsonNode verbatim = keel(env, "POST", "/v1/sessions/" + sessionId + "/turns", mppTurnBody("2026-06-03T19:00:00Z"));
        boolean expired = Instant.parse("2026-06-03T19:00:00Z").isBefore(Instant.now());
        if (expired) {
            assertThat(verbatim.path("decision").asText()).isEqualTo("deny");
            assertThat(verbatim.path("reason_code").asText()).isEqualTo("mpp_token_expired");
            assertThat(verbatim.path("tool_call_permit").isNull()).isTrue();
        }

        // The same call with a token valid for the next half hour: allowed, with an action-child permit.
        String validUntil = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String fresh = mppTurnBody(validUntil).replace("call_example_voice_mpp_001", "call_example_voice_mpp_002");
        JsonNode turn = keel(env, "POST", "/v1/sessions/" + sessionId + "/turns", fresh);
        assertThat(turn.path("decision").asText()).as(turn.toString()).isEqualTo("allow");
        JsonNode permit = turn.path("tool_call_permit");
        assertThat(permit.path("action_name").asText()).isEqualTo("mpp.payment");
        assertThat(permit.path("action_verb").asText()).isEqualTo("mpp.payment");
        assertThat(permit.path("resource_provider").asText()).isEqualTo("stripe_mpp");
        assertThat(permit.path("resource_model").asText()).isEqualTo("stripe.mpp.v1");
        JsonNode session = read(http.get("/v1/sessions/" + sessionId, env.apiKey()).body());
        assertThat(permit.path("parent_permit_id").asText()).isEqualTo(session.path("permit_id").asText());

        // An amount over the authority is denied whatever the token says.
        JsonNode over = keel(env, "POST", "/v1/sessions/" + sessionId + "/turns", fresh
                .replace("call_example_voice_mpp_002", "call_example_voice_mpp_003")
                .replace("\"amount_max\": \"1499\"", "\"amount_max\": \"1000\""));
        assertThat(over.path("decision").asText()).isEqualTo("deny");
        assertThat(over.path("reason_code").asText()).isEqualTo("mpp_amount_exceeds_authority");

        JsonNode ended = keel(env, "POST", "/v1/sessions/" + sessionId + "/end", END_BODY);
        Outcome o = new Outcome(env.apiKey(), sessionId, read("{\"results\":[]}"), turn, ended);
        JsonNode artifact = o.artifact();
        JsonNode bound = null;
        for (JsonNode e : artifact.path("chain")) {
            if (e.path("event_type").asText().equals("voice.tool_call.requested")
                    && e.path("permit_id").asText().equals(permit.path("permit_id").asText())) {
                bound = e;
            }
        }
        assertThat(bound).as("the chain entry of the allowed tool call").isNotNull();
        assertThat(permit.path("binding_session_event_hash").asText()).isEqualTo(bound.path("content_hash").asText());
        JsonNode children = artifact.path("permits").path("child_tool_call_permits");
        assertThat(children).hasSize(1);
        assertThat(children.get(0).path("permit_id").asText()).isEqualTo(permit.path("permit_id").asText());
        assertThat(children.get(0).path("binding_session_event_hash").asText()).isEqualTo(bound.path("content_hash").asText());
        assertHeraldVerifyPassesEveryCheck(o);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
